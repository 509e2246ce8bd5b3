"""Adding to the register through its forms: groups, 4P actions, disruptions, linked crimes, nominals,
entities and graded links (correcting and removing them: ``corrections``).

Each service checks ``ocg.manage_register``, validates with ``full_clean()`` and records an audit event.
The caller has already read the group through the selectors (so a group the user may not see is a 404).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from crimeplan.audit.services import record_event
from crimeplan.core.permissions import check
from crimeplan.core.store import harm_weights
from crimeplan.ocg.constants import (
    CrimeSource,
    HandlingCode,
    IntelligenceAssessment,
    ProtectKind,
    SharingCondition,
    SourceEvaluation,
)
from crimeplan.ocg.events import RegisterChanged
from crimeplan.ocg.models import (
    Disruption,
    Entity,
    FourPPlan,
    Link,
    LinkedCrime,
    Marked,
    Nominal,
    OrganisedCrimeGroup,
    PlanAction,
)
from crimeplan.ocg.permissions import MANAGE, may_read

PURPOSE = "organised crime register"


def _changed(user: Any, group: OrganisedCrimeGroup, item: str, obj: Any) -> None:
    record_event(
        RegisterChanged(reference=group.reference, item=item, via="form"), actor=user, obj=obj, purpose=PURPOSE
    )


@transaction.atomic
def create_group(
    *,
    user: Any,
    reference: str,
    name: str,
    markets: list[str],
    csp: str = "",
    handling_code: str = HandlingCode.OFFICIAL,
    need_to_know: str = "",
) -> OrganisedCrimeGroup:
    check(user, MANAGE)
    if OrganisedCrimeGroup.objects.filter(reference=reference).exists():
        raise ValidationError({"reference": ValidationError("That reference is taken", code="duplicate")})
    group = OrganisedCrimeGroup(
        reference=reference, name=name, markets=markets, csp=csp, handling_code=handling_code, need_to_know=need_to_know
    )
    group.full_clean()
    group.save()
    _changed(user, group, "group", group)
    return group


@transaction.atomic
def add_action(
    *,
    user: Any,
    group: OrganisedCrimeGroup,
    strand: str,
    description: str,
    owner: str,
    due_on: date,
    lead_officer: str = "",
    protect_kind: str = ProtectKind.NONE,
    people_referred: int | None = None,
    businesses_reached: int | None = None,
    charities_reached: int | None = None,
    done_on: date | None = None,
) -> PlanAction:
    """An action on the group's current 4P plan; a plan is opened (with ``lead_officer``) when there is none."""
    check(user, MANAGE)
    plan = group.plans.filter(closed_on__isnull=True).order_by("-starts_on").first()
    if plan is None:
        if not lead_officer:
            raise ValidationError(
                {"lead_officer": ValidationError("The group has no open 4P plan: name its lead officer", code="lead")}
            )
        start = min(due_on, date.today())
        plan = FourPPlan(
            group=group,
            lead_officer=lead_officer,
            starts_on=start,
            review_on=date(start.year + 1, start.month, min(start.day, 28)),
            handling_code=group.handling_code,
            need_to_know=group.need_to_know,
            is_example=group.is_example,
        )
        plan.full_clean()
        plan.save()
    action = PlanAction(
        plan=plan,
        strand=strand,
        description=description,
        owner=owner,
        due_on=due_on,
        done_on=done_on,
        protect_kind=protect_kind,
        people_referred=people_referred,
        businesses_reached=businesses_reached,
        charities_reached=charities_reached,
    )
    action.full_clean()
    action.save()
    _changed(user, group, "action", action)
    return action


@transaction.atomic
def record_disruption(
    *,
    user: Any,
    group: OrganisedCrimeGroup,
    occurred_on: date,
    kind: str,
    grade: str,
    summary: str,
    value: Decimal | None = None,
) -> Disruption:
    check(user, MANAGE)
    disruption = Disruption(
        group=group,
        occurred_on=occurred_on,
        kind=kind,
        grade=grade,
        summary=summary,
        value=value,
        handling_code=group.handling_code,
        need_to_know=group.need_to_know,
        is_example=group.is_example,
    )
    disruption.full_clean()
    disruption.save()
    _changed(user, group, "disruption", disruption)
    return disruption


@transaction.atomic
def link_crime(*, user: Any, group: OrganisedCrimeGroup, linked_on: date, **fields: Any) -> LinkedCrime:
    """Link a recorded crime to the group: a police.uk category (weighted by the harm weights) or an offence."""
    check(user, MANAGE)
    crime = LinkedCrime(
        group=group,
        linked_on=linked_on,
        handling_code=group.handling_code,
        need_to_know=group.need_to_know,
        is_example=group.is_example,
        **fields,
    )
    crime.full_clean()
    if crime.source == CrimeSource.POLICE_UK:
        weights = harm_weights(settings.DEFAULT_FORCE)
        if crime.crime_type not in weights.days:
            raise ValidationError(
                {"crime_type": ValidationError("Choose a police.uk category that has a harm weight", code="category")}
            )
    crime.save()
    _changed(user, group, "linked crime", crime)
    return crime


#: Entities are named ``E<pk>`` at the ends of links, so a nominal may not take such a reference.
ENTITY_NAME = re.compile(r"E\d+")


def _marking_error(message: str) -> ValidationError:
    return ValidationError({"handling_code": ValidationError(message, code="marking")})


def looser_field(item: Marked, outer: Marked) -> str:
    """The field in which ``item`` is marked less strictly than ``outer`` ("" when it is not)."""
    if outer.handling_code == HandlingCode.OFFICIAL_SENSITIVE and item.handling_code != outer.handling_code:
        return "handling_code"
    if outer.need_to_know and item.need_to_know != outer.need_to_know:
        return "need_to_know"
    return ""


def check_marking(user: Any, item: Marked, *within: Marked) -> None:
    """An item is marked no less strictly than what it belongs to, and its author may read it.

    ``within`` are the group (and a link's two ends): an item of an OFFICIAL-SENSITIVE group is
    OFFICIAL-SENSITIVE; an item of a need-to-know team's group keeps that team. The same access rules
    as every read (``permissions.may_read``) then decide, so nobody files what they could not read back.
    """
    for outer in within:
        field = looser_field(item, outer)
        if field == "handling_code":
            raise _marking_error(f"{outer} is OFFICIAL-SENSITIVE, so this item is too")
        if field == "need_to_know":
            raise ValidationError(
                {
                    "need_to_know": ValidationError(
                        f"{outer} is for the {outer.need_to_know} team only, so this item is too", code="marking"
                    )
                }
            )
    if not may_read(user, item):
        raise _marking_error("You could not read an item marked like this: choose a marking you may read")


def marking_of(group: OrganisedCrimeGroup, handling_code: str, need_to_know: str) -> dict[str, Any]:
    return {
        "handling_code": handling_code or group.handling_code,
        "need_to_know": need_to_know.strip() or group.need_to_know,
        "is_example": group.is_example,
    }


def kept_aliases(aliases: list[str] | None) -> list[str]:
    """Aliases as kept: stripped, blanks and repeats dropped, in the order given."""
    return list(dict.fromkeys(a.strip() for a in aliases or [] if a.strip()))


@transaction.atomic
def add_nominal(
    *,
    user: Any,
    group: OrganisedCrimeGroup,
    reference: str,
    role: str,
    aliases: list[str] | None = None,
    first_seen: date | None = None,
    last_seen: date | None = None,
    handling_code: str = "",
    need_to_know: str = "",
) -> Nominal:
    """A person in the group, with a role, aliases and the dates first and last seen."""
    check(user, MANAGE)
    reference = reference.strip()
    if ENTITY_NAME.fullmatch(reference):
        raise ValidationError(
            {"reference": ValidationError("E and a number names an entity: choose another reference", code="reference")}
        )
    if Nominal.objects.filter(reference=reference).exists():
        raise ValidationError({"reference": ValidationError("That reference is taken", code="duplicate")})
    nominal = Nominal(
        group=group,
        reference=reference,
        role=role,
        aliases=kept_aliases(aliases),
        first_seen=first_seen,
        last_seen=last_seen,
        **marking_of(group, handling_code, need_to_know),
    )
    nominal.full_clean()
    check_marking(user, nominal, group)
    nominal.save()
    _changed(user, group, "nominal", nominal)
    return nominal


@transaction.atomic
def add_entity(
    *, user: Any, group: OrganisedCrimeGroup, kind: str, label: str, handling_code: str = "", need_to_know: str = ""
) -> Entity:
    """A vehicle, business, phone or premises of the group."""
    check(user, MANAGE)
    entity = Entity(group=group, kind=kind, label=label.strip(), **marking_of(group, handling_code, need_to_know))
    entity.full_clean()
    check_marking(user, entity, group)
    entity.save()
    _changed(user, group, "entity", entity)
    return entity


def _endpoint(user: Any, group: OrganisedCrimeGroup, name: str, field: str) -> Marked:
    """The nominal or entity (``E<pk>``) of the group a link end names, if the user may read it."""
    item: Marked | None
    if ENTITY_NAME.fullmatch(name):
        item = group.entities.filter(pk=int(name[1:])).first()
    else:
        item = group.nominals.filter(reference=name).first()
    if item is None or not may_read(user, item):
        raise ValidationError({field: ValidationError("Choose a nominal or entity of this group", code="endpoint")})
    return item


def parse_grading(grading: str) -> tuple[str, str, str]:
    """``3x5x2`` codes as written, e.g. "1AP", "2-B-C" or "2 b c": source evaluation, assessment, handling."""
    code = re.sub(r"[\s\-/x]", "", grading.strip().upper()) if grading else ""
    if (
        len(code) != 3
        or code[0] not in SourceEvaluation.values
        or code[1] not in IntelligenceAssessment.values
        or code[2] not in SharingCondition.values
    ):
        raise ValidationError(
            {
                "grading": ValidationError(
                    "A 3x5x2 grading is a source evaluation 1–3, an assessment A–E and a handling code P or C, "
                    "e.g. 2BC",
                    code="grading",
                )
            }
        )
    return code[0], code[1], code[2]


@transaction.atomic
def add_link(
    *,
    user: Any,
    group: OrganisedCrimeGroup,
    source: str,
    target: str,
    kind: str,
    grading: str,
    weight: float = 1.0,
    starts_on: date | None = None,
    ends_on: date | None = None,
    origin: str = "",
    handling_code: str = "",
    need_to_know: str = "",
) -> Link:
    """A graded link between two items of the group: no self-link, the period in order, a valid 3x5x2 grading."""
    check(user, MANAGE)
    source_evaluation, assessment, sharing = parse_grading(grading)
    if source == target:
        raise ValidationError({"target": ValidationError("A link joins two different items", code="self_link")})
    ends = (_endpoint(user, group, source, "source"), _endpoint(user, group, target, "target"))
    link = Link(
        group=group,
        source=source,
        target=target,
        kind=kind,
        weight=weight,
        starts_on=starts_on,
        ends_on=ends_on,
        origin=origin.strip(),
        source_evaluation=source_evaluation,
        assessment=assessment,
        sharing=sharing,
        **marking_of(group, handling_code, need_to_know),
    )
    link.full_clean()
    if weight <= 0:
        raise ValidationError({"weight": ValidationError("A link's weight is above 0", code="weight")})
    check_marking(user, link, group, *ends)
    link.save()
    _changed(user, group, "link", link)
    return link

"""Adding to the register through its forms: groups, 4P actions, disruptions and linked crimes.

Each service checks ``ocg.manage_register``, validates with ``full_clean()`` and records an audit event.
The caller has already read the group through the selectors (so a group the user may not see is a 404).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from crimeplan.audit.services import record_event
from crimeplan.core.permissions import check
from crimeplan.core.store import harm_weights
from crimeplan.ocg.constants import CrimeSource, HandlingCode, ProtectKind
from crimeplan.ocg.events import RegisterChanged
from crimeplan.ocg.models import Disruption, FourPPlan, LinkedCrime, OrganisedCrimeGroup, PlanAction
from crimeplan.ocg.permissions import MANAGE

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

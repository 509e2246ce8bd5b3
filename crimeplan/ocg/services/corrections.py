"""Correcting and removing register items through their forms: a nominal's or entity's details and marking,
and removing a nominal, entity or link with a reason.

Each service checks ``ocg.manage_register`` and that the user may read the item (the caller has already read
it through the selectors, so an item the user may not see is a 404), applies the same checks as adding it
(``register``), and records an audit event: a change names the fields changed, never their values; a removal
keeps the reason and the links it took.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet

from crimeplan.audit.services import record_event
from crimeplan.core.permissions import check
from crimeplan.ocg.events import RegisterItemChanged, RegisterItemRemoved
from crimeplan.ocg.models import Entity, Link, Marked, Nominal, OrganisedCrimeGroup, at_either_end
from crimeplan.ocg.permissions import MANAGE, may_read
from crimeplan.ocg.services.register import PURPOSE, check_marking, kept_aliases, looser_field, marking_of

NOMINAL_FIELDS = ("role", "aliases", "first_seen", "last_seen", "handling_code", "need_to_know")
ENTITY_FIELDS = ("kind", "label", "handling_code", "need_to_know")


def links_of(name: str) -> QuerySet[Link]:
    """Every link with the named item (a nominal's reference or ``E<pk>``) at either end."""
    return Link.objects.filter(at_either_end(name))


def _check_links_keep_up(user: Any, item: Marked, name: str) -> None:
    """A re-marked item's links stay no looser than it: otherwise say which link (if the user may read it)."""
    for link in links_of(name):
        field = looser_field(link, item)
        if field:
            which = f"The link {link}" if may_read(user, link) else "A link you may not see"
            message = f"{which} is marked less strictly than this: remove the link first, or keep this marking"
            raise ValidationError({field: ValidationError(message, code="marking")})


def _guard(user: Any, item: Nominal | Entity | Link) -> OrganisedCrimeGroup:
    check(user, MANAGE)
    group = item.group
    if group is None or not (may_read(user, item) and may_read(user, group)):
        raise PermissionDenied("You may not change this item")
    return group


def _changed_fields(before: dict[str, Any], item: Marked, fields: tuple[str, ...]) -> str:
    return ", ".join(f for f in fields if before[f] != getattr(item, f)) or "nothing"


@transaction.atomic
def change_nominal(
    *,
    user: Any,
    nominal: Nominal,
    role: str,
    aliases: list[str] | None = None,
    first_seen: date | None = None,
    last_seen: date | None = None,
    handling_code: str = "",
    need_to_know: str = "",
) -> Nominal:
    """Correct a nominal (its reference, which links use, stays): the same checks as adding it, and its links
    are never left marked less strictly than it."""
    group = _guard(user, nominal)
    before = {f: getattr(nominal, f) for f in NOMINAL_FIELDS}
    marked = marking_of(group, handling_code, need_to_know)
    nominal.role, nominal.aliases = role, kept_aliases(aliases)
    nominal.first_seen, nominal.last_seen = first_seen, last_seen
    nominal.handling_code, nominal.need_to_know = marked["handling_code"], marked["need_to_know"]
    nominal.full_clean()
    check_marking(user, nominal, group)
    _check_links_keep_up(user, nominal, nominal.reference)
    nominal.save()
    fields = _changed_fields(before, nominal, NOMINAL_FIELDS)
    event = RegisterItemChanged(reference=group.reference, item="nominal", label=nominal.reference, fields=fields)
    record_event(event, actor=user, obj=nominal, purpose=PURPOSE)
    return nominal


@transaction.atomic
def change_entity(
    *, user: Any, entity: Entity, kind: str, label: str, handling_code: str = "", need_to_know: str = ""
) -> Entity:
    """Correct a vehicle, business, phone or premises: the same checks as adding it, links kept in step."""
    group = _guard(user, entity)
    before = {f: getattr(entity, f) for f in ENTITY_FIELDS}
    marked = marking_of(group, handling_code, need_to_know)
    entity.kind, entity.label = kind, label.strip()
    entity.handling_code, entity.need_to_know = marked["handling_code"], marked["need_to_know"]
    entity.full_clean()
    check_marking(user, entity, group)
    _check_links_keep_up(user, entity, f"E{entity.pk}")
    entity.save()
    fields = _changed_fields(before, entity, ENTITY_FIELDS)
    event = RegisterItemChanged(reference=group.reference, item="entity", label=f"E{entity.pk}", fields=fields)
    record_event(event, actor=user, obj=entity, purpose=PURPOSE)
    return entity


def _reason(reason: str) -> str:
    reason = reason.strip()
    if not reason:
        message = "Say why it is removed, for example recorded in error or no longer assessed as involved"
        raise ValidationError({"reason": ValidationError(message, code="required")})
    return reason


def _removed(user: Any, group: OrganisedCrimeGroup, item: str, label: str, reason: str, links: int) -> None:
    event = RegisterItemRemoved(reference=group.reference, item=item, label=label, reason=reason, links_removed=links)
    record_event(event, actor=user, obj=group, purpose=PURPOSE)


def _remove_with_links(user: Any, item: Nominal | Entity, name: str, kind: str, reason: str) -> int:
    group = _guard(user, item)
    reason = _reason(reason)
    links = links_of(name)
    if any(not may_read(user, link) for link in links):
        message = "It has links you may not see, so it can be removed only by someone who may see them"
        raise ValidationError({"reason": ValidationError(message, code="hidden_links")})
    removed = links.count()
    links.delete()
    item.delete()
    _removed(user, group, kind, name, reason, removed)
    return removed


@transaction.atomic
def remove_nominal(*, user: Any, nominal: Nominal, reason: str) -> int:
    """Remove a nominal and its links (it is never left at the end of a link); returns the links removed.

    Refused when a link to it is one the user may not read: they could not see what they would destroy.
    """
    return _remove_with_links(user, nominal, nominal.reference, "nominal", reason)


@transaction.atomic
def remove_entity(*, user: Any, entity: Entity, reason: str) -> int:
    """Remove a vehicle, business, phone or premises and its links; returns the links removed."""
    return _remove_with_links(user, entity, f"E{entity.pk}", "entity", reason)


@transaction.atomic
def remove_link(*, user: Any, link: Link, reason: str) -> None:
    """Remove one link (for example re-graded intelligence, to be linked again with its new grading)."""
    group = _guard(user, link)
    _removed(user, group, "link", str(link), _reason(reason), 1)
    link.delete()

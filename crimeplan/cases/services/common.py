"""Helpers the case work services share."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import models
from django.utils import timezone

from crimeplan.audit.events import Event
from crimeplan.audit.services import record_event
from crimeplan.cases.constants import AccessBasis, DataCategory, EntryKind
from crimeplan.cases.events import CaseChanged
from crimeplan.cases.models import Case, TimelineEntry
from crimeplan.cases.permissions import case_access


def name_of(user: Any) -> str:
    if not getattr(user, "is_authenticated", False):
        return ""
    return str(user.get_full_name() or user.get_username())


def organisation_name(user: Any) -> str:
    organisation = getattr(user, "organisation", None)
    return str(organisation) if organisation else ""


def save(obj: models.Model) -> None:
    """Validate, then save: every service writes through here."""
    obj.full_clean()
    obj.save()


def today() -> date:
    return timezone.localdate()


def purpose_for(user: Any, case: Case) -> str:
    """Why the user acts on the case, for the audit record (the owner's staff need no lookup)."""
    if getattr(user, "organisation_id", None) == case.owner_id and case.owner.is_active:
        return AccessBasis.OWNER.label
    return case_access(user, case).purpose or "System"


def audit_case(event: Event, *, case: Case, by: Any, obj: models.Model | None = None) -> None:
    record_event(event, actor=by, obj=obj or case, purpose=purpose_for(by, case))


def add_to_timeline(
    *,
    case: Case,
    by: Any,
    kind: EntryKind,
    summary: str,
    occurred_on: date | None = None,
    text: str = "",
    data_category: str = DataCategory.CIRCUMSTANCES,
) -> TimelineEntry:
    entry = TimelineEntry(
        case=case,
        kind=kind,
        occurred_on=occurred_on or today(),
        summary=summary[:200],
        text=text,
        data_category=data_category,
        recorded_by=by if getattr(by, "pk", None) else None,
        recorded_by_name=name_of(by),
        organisation_name=organisation_name(by),
    )
    save(entry)
    return entry


def changed(*, case: Case, by: Any, change: str) -> None:
    """Touch the case (its last update) and audit the change."""
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    audit_case(CaseChanged(reference=case.reference, change=change), case=case, by=by)

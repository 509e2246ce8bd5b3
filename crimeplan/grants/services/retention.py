"""Retention of applicants' personal data: contact details are erased, and drafts deleted, when their time is up.

An application names a person: the contact's name, an email address and a telephone number. Those are kept
only as long as ``grants.constants`` says, counted from when the application or grant ended:

* a draft never submitted is deleted ``DRAFT_RETENTION_MONTHS`` after its last change;
* a refused or withdrawn application keeps them ``UNFUNDED_RETENTION_MONTHS`` after the decision or withdrawal;
* a funded one ``FUNDED_RETENTION_MONTHS`` after its grant was completed or withdrawn (a live grant keeps them).

Erasing blanks the name and telephone number, replaces the email address with a reserved address and the
applicant's link with one nobody holds. The organisation, the project, the decision, payments and returns are
the grant's record and are kept; so is the 360Giving publication, which never named people. Each erasure
and deletion leaves an audit event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from crimeplan.analytics.reoffending import add_months
from crimeplan.audit.services import record_event
from crimeplan.grants.access import new_token
from crimeplan.grants.constants import (
    DRAFT_RETENTION_MONTHS,
    FUNDED_RETENTION_MONTHS,
    UNFUNDED_RETENTION_MONTHS,
    ApplicationStatus,
    AwardStatus,
)
from crimeplan.grants.events import ApplicationContactErased, DraftApplicationDeleted
from crimeplan.grants.models import Application

#: The email address an erased application keeps (``.invalid`` is reserved: nothing is ever sent there).
ERASED_EMAIL = "erased@erased.invalid"
PURPOSE = "Retention schedule: grant applicants' contact details"


@dataclass(frozen=True)
class Due:
    """An application past retention: ``draft`` (to delete) or ``contact`` (details to erase)."""

    application: Application
    kind: str
    ended_on: date
    months: int

    @property
    def due_from(self) -> date:
        return add_months(self.ended_on, self.months)


def _day(moment: Any) -> date:
    return timezone.localtime(moment).date()


def ended(application: Application) -> tuple[date, int] | None:
    """When the application (or its grant) ended and how many months its contact details are kept after;
    ``None`` while it is live (being assessed, or its grant not yet finished)."""
    status = application.status
    if status == ApplicationStatus.DRAFT:
        return _day(application.updated_at), DRAFT_RETENTION_MONTHS
    if status == ApplicationStatus.WITHDRAWN:
        return _day(application.updated_at), UNFUNDED_RETENTION_MONTHS
    if status == ApplicationStatus.DECLINED:
        decision = getattr(application, "decision", None)
        moment = decision.decided_at if decision is not None else application.updated_at
        return _day(moment), UNFUNDED_RETENTION_MONTHS
    award = getattr(application, "award", None)
    if status == ApplicationStatus.APPROVED and award is not None and award.status != AwardStatus.ACTIVE:
        return award.completed_on or _day(application.updated_at), FUNDED_RETENTION_MONTHS
    return None


def due_for_retention(*, today: date) -> list[Due]:
    """Every application whose contact details (or, for a draft, the whole of it) are due to go by ``today``."""
    due = []
    held = Application.objects.filter(contact_erased_on__isnull=True).select_related("decision", "award")
    for application in held.order_by("pk"):
        when = ended(application)
        if when is None:
            continue
        kind = "draft" if application.status == ApplicationStatus.DRAFT else "contact"
        item = Due(application, kind, *when)
        if item.due_from <= today:
            due.append(item)
    return due


@transaction.atomic
def apply_retention(item: Due, *, today: date, by: Any = None) -> None:
    """Delete the draft, or erase the contact details, leaving an audit event."""
    application = item.application
    if item.kind == "draft":
        pk = application.pk
        application.delete()  # its budget lines and outcomes go with it; a draft has no decision or award
        event: ApplicationContactErased | DraftApplicationDeleted = DraftApplicationDeleted(
            application=pk, last_changed_on=str(item.ended_on), retention_months=item.months
        )
        record_event(event, actor=by, purpose=PURPOSE)
        return
    application.contact_name = ""
    application.contact_phone = ""
    application.email = ERASED_EMAIL
    application.token_hash = new_token()[1]  # a link nobody holds: the token is not kept
    application.contact_erased_on = today
    application.save(update_fields=["contact_name", "contact_phone", "email", "token_hash", "contact_erased_on"])
    event = ApplicationContactErased(
        reference=application.reference or str(application.pk), ended_on=str(item.ended_on),
        retention_months=item.months,
    )  # fmt: skip
    record_event(event, actor=by, obj=application, purpose=PURPOSE)

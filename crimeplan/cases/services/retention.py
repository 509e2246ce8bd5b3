"""Retention: cases finished longer ago than their programme keeps them are deleted.

The clock starts when a case was closed or declined. Deleting a case deletes its timeline,
needs, plan, interventions, scores, team, exceptions and ASB review; the person goes too when
nothing else refers to them. Cohort members keep their figures without the person (see
``CohortMember``). An audit record, which holds only the case's reference, survives each deletion.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from crimeplan.analytics.reoffending import add_months
from crimeplan.audit.services import record_event
from crimeplan.cases.constants import FINISHED, ProgrammeKind
from crimeplan.cases.events import AsbIncidentsDeleted, CaseDeleted
from crimeplan.cases.models import AsbIncident, Case, Person, Programme


@dataclass(frozen=True)
class Due:
    """A case past retention: when it finished and when it became due for deletion."""

    case: Case
    finished_on: date
    delete_from: date


def finished_on(case: Case) -> date:
    return timezone.localtime(case.status_changed_at).date()


def due_for_deletion(*, today: date) -> list[Due]:
    """Every finished case whose programme's retention period has passed by ``today``."""
    due = []
    finished = Case.objects.filter(status__in=FINISHED).select_related("programme").order_by("status_changed_at")
    for case in finished:
        ended = finished_on(case)
        delete_from = add_months(ended, case.programme.retention_months)
        if delete_from <= today:
            due.append(Due(case, ended, delete_from))
    return due


def _person_unused(person: Person) -> bool:
    return not (person.cases.exists() or person.asb_incidents.exists())


@transaction.atomic
def delete_case(*, due: Due, by: Any = None) -> None:
    """Delete one case (and the person if nothing else refers to them), leaving an audit record."""
    case, person = due.case, due.case.person
    reference, programme = case.reference, case.programme
    review = getattr(case, "asb_review", None)
    if review is not None:
        AsbIncident.objects.filter(review=review).delete()
    case.delete()
    person_deleted = _person_unused(person)
    if person_deleted:
        person.delete()
    record_event(
        CaseDeleted(
            reference=reference,
            programme=programme.slug,
            finished_on=str(due.finished_on),
            retention_months=programme.retention_months,
            person_deleted=person_deleted,
        ),
        actor=by,
        purpose=f"Retention schedule: {programme.name}, {programme.retention_months} months after closing",
    )


def stale_asb_incidents(*, today: date) -> tuple[int, date | None]:
    """ASB incidents that never reached a review, older than the ASB programme's retention period."""
    programme = Programme.objects.filter(kind=ProgrammeKind.ASB_REVIEW).order_by("pk").first()
    if programme is None:
        return 0, None
    before = add_months(today, -programme.retention_months)
    return AsbIncident.objects.filter(review__isnull=True, reported_on__lt=before).count(), before


@transaction.atomic
def delete_stale_asb_incidents(*, today: date, by: Any = None) -> int:
    count, before = stale_asb_incidents(today=today)
    if not count or before is None:
        return 0
    incidents = AsbIncident.objects.filter(review__isnull=True, reported_on__lt=before)
    victims = list(Person.objects.filter(asb_incidents__in=incidents).distinct())
    incidents.delete()
    for person in victims:
        if _person_unused(person):
            person.delete()
    record_event(
        AsbIncidentsDeleted(incidents=count, reported_before=str(before)),
        actor=by,
        purpose="Retention schedule: ASB incidents that did not reach a case review",
    )
    return count

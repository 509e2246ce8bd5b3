"""Everything held about one person, for a subject access request (UK GDPR Article 15)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.db import models
from django.utils import timezone

from crimeplan.audit.models import AuditEvent
from crimeplan.audit.services import record_event
from crimeplan.cases.events import SubjectAccessExported
from crimeplan.cases.models import Case, Person

PERSON_FIELDS = (
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "address",
    "postcode",
    "phone",
    "email",
    "ethnicity",
    "sexual_orientation",
    "created_at",
    "updated_at",
)


def _value(value: Any) -> Any:
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, models.Model):
        return str(value)
    return value


def _rows(items: Iterable[models.Model], fields: Iterable[str]) -> list[dict[str, Any]]:
    names = tuple(fields)
    return [{name: _value(getattr(item, name)) for name in names} for item in items]


def _recipients(case: Case) -> list[dict[str, Any]]:
    """Who has read or changed the case (recipients of the data, Article 15(1)(c))."""
    events = AuditEvent.objects.filter(object_type="cases.Case", object_id=str(case.pk)).order_by("occurred_at")
    return [
        {
            "when": _value(e.occurred_at),
            "event": e.event,
            "organisation": e.organisation_name,
            "purpose": e.purpose,
        }
        for e in events
    ]


def _case(case: Case) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "programme": case.programme.name,
        "owner": case.owner.name,
        "status": case.get_status_display(),
        "referred_by": case.referred_by.name if case.referred_by else case.get_source_display(),
        "reason": case.reason,
        "needs_at_referral": [d.name for d in case.needs.all()],
        "risk_level": case.get_risk_level_display(),
        "risk_notes": case.risk_notes,
        "created_at": _value(case.created_at),
        "status_history": _rows(case.status_changes.all(), ("at", "from_status", "to_status", "reason", "by_name")),
        "timeline": _rows(
            case.timeline.all(), ("occurred_on", "kind", "summary", "text", "recorded_by_name", "organisation_name")
        ),
        "needs_assessments": [
            {
                "stage": a.stage,
                "on": _value(a.assessed_on),
                "ratings": {r.domain.name: r.level for r in a.ratings.all()},
            }
            for a in case.assessments.prefetch_related("ratings__domain")
        ],
        "plan": _rows(case.actions.all(), ("description", "owner_organisation", "owner_name", "due_on", "status")),
        "interventions": _rows(
            case.interventions.all(), ("service", "status", "referred_on", "started_on", "ended_on")
        ),
        "outcome_scores": _rows(case.outcome_scores.all(), ("scale", "stage", "score", "scored_on")),
        "team": _rows(case.team.all(), ("organisation", "role", "added_at")),
        "sharing_without_consent": _rows(
            case.exceptions.all(), ("agreement", "reason", "decided_by_name", "decided_on", "expires_on")
        ),
        "volunteers": _rows(case.volunteer_matches.all(), ("volunteer", "matched_on", "ended_on")),
        "who_has_seen_or_changed_it": _recipients(case),
    }


def subject_access_data(person: Person) -> dict[str, Any]:
    """The whole record as plain data (the JSON export; the PDF is rendered from the same)."""
    cases = person.cases.select_related("programme", "owner", "referred_by").order_by("created_at")
    return {
        "exported_at": _value(timezone.now()),
        "person": {name: _value(getattr(person, name)) for name in PERSON_FIELDS},
        "cases": [_case(case) for case in cases],
        "consent": _rows(
            person.consents.select_related("agreement"),
            ("agreement", "status", "given_by", "scope", "version", "recorded_on", "recorded_by_name"),
        ),
        "corrections": _rows(person.rectifications.all(), ("at", "fields", "reason", "by_name", "organisation_name")),
        "asb_complaints": _rows(
            person.asb_incidents.all(), ("reported_on", "occurred_on", "address", "postcode", "description")
        ),
        "reoffending_cohorts": [
            {
                "cohort": m.cohort.name,
                "start_event": m.get_start_event_display(),
                "start_date": _value(m.start_date),
                "proven_offences": _rows(m.offences.all(), ("offence_date", "proven_date", "disposal", "offence_code")),
                "note": "OGRS3 is used only for the cohort's expected reoffending, never to decide about one person.",
            }
            for m in person.cohorts.select_related("cohort")
        ],
    }


def export_subject_access(*, person: Person, by: Any, purpose: str, fmt: str) -> dict[str, Any]:
    """The record for export; the export is audited with the purpose given."""
    data = subject_access_data(person)
    record_event(
        SubjectAccessExported(format=fmt, cases=len(data["cases"])), actor=by, obj=person, purpose=purpose[:300]
    )
    return data

"""Helpers every reporting service shares: validated saves and public updates."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.reporting.constants import Status, UpdateKind
from crimeplan.reporting.events import HateReportStatusChanged
from crimeplan.reporting.models import Report, ReportUpdate


def save(obj: models.Model) -> None:
    """Validate, then save: every service writes through here."""
    obj.full_clean()
    obj.save()


def acting(user: Any) -> Any:
    """The user to record as author, or None for an anonymous visitor."""
    return user if getattr(user, "is_authenticated", False) else None


def set_status(report: Report, *, user: Any, status: str, text: str = "") -> None:
    """Move a report to ``status``; the reporter sees the change (and any words) on the tracking page."""
    previous = report.status
    report.status = status
    report.status_changed_at = timezone.now()
    if report.triaged_at is None and status != Status.RECEIVED:
        report.triaged_at = report.status_changed_at
    save(report)
    save(ReportUpdate(report=report, kind=UpdateKind.STATUS, status=status, text=text, by=acting(user)))
    record_event(
        HateReportStatusChanged(report=report.pk, from_status=previous, to_status=status),
        actor=acting(user),
        obj=report,
        purpose="Hate-crime report triage",
    )

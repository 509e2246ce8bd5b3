"""Retention: reports past their deletion date are deleted on schedule (an audit record of the count survives).

A withdrawn report is due at once; a closed report ``RETENTION_DAYS`` after it closed.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import QuerySet

from crimeplan.audit.services import record_event
from crimeplan.reporting.events import HateReportsDeleted
from crimeplan.reporting.models import Report


def due_for_deletion(*, today: dt.date) -> QuerySet[Report]:
    return Report.objects.filter(delete_after__isnull=False, delete_after__lte=today)


@transaction.atomic
def delete_due(*, today: dt.date) -> int:
    """Delete the reports due (their updates and attachment files with them); return how many."""
    due = list(due_for_deletion(today=today).prefetch_related("attachments"))
    for report in due:
        for attachment in report.attachments.all():
            attachment.file.delete(save=False)
        report.delete()
    record_event(HateReportsDeleted(count=len(due)), purpose="Retention schedule")
    return len(due)

"""What hate-crime reporting counts for the Police and Crime Plan's measures (registered in apps.py).

Example records never count. A report counts in the period it arrived in.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from crimeplan.performance.providers import Provided, Provider
from crimeplan.reporting.models import Report


def _arrived(first: dt.date, last: dt.date) -> QuerySet[Report]:
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(last, dt.time.max))
    return Report.objects.filter(is_example=False, created_at__range=(start, end))


def _received(first: dt.date, last: dt.date) -> Provided:
    """Reports received from every source (public form, centres, API)."""
    return Provided(value=float(_arrived(first, last).count()), is_count=True)


def _share(part: int, whole: int) -> Provided:
    return Provided(value=round(100.0 * part / whole, 1) if whole else 0.0, is_count=False)


def _referred_share(first: dt.date, last: dt.date) -> Provided:
    """Per cent of the period's reports referred to a victim service."""
    reports = _arrived(first, last)
    return _share(reports.filter(referred_at__isnull=False).count(), reports.count())


def _feedback_share(first: dt.date, last: dt.date) -> Provided:
    """Per cent of the period's reports where staff told the reporter something (a status change or a message)."""
    reports = _arrived(first, last)
    told = reports.filter(updates__is_public=True, updates__by__isnull=False).distinct().count()
    return _share(told, reports.count())


def _centre_reports(first: dt.date, last: dt.date) -> Provided:
    """Reports made through third-party reporting centres."""
    return Provided(value=float(_arrived(first, last).filter(centre__isnull=False).count()), is_count=True)


PROVIDERS = [
    Provider(key="reporting.hate.received", label="Hate crime reports received", unit="reports", count=_received),
    Provider(
        key="reporting.hate.referred-share",
        label="Share of hate crime reports referred to victim support",
        unit="%",
        count=_referred_share,
    ),
    Provider(
        key="reporting.hate.feedback-share",
        label="Share of hate crime reports with feedback to the reporter",
        unit="%",
        count=_feedback_share,
    ),
    Provider(
        key="reporting.hate.centre-reports",
        label="Reports through third-party reporting centres",
        unit="reports",
        count=_centre_reports,
    ),
]

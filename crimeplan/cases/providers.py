"""What case work counts for the Police and Crime Plan's measures (registered in apps.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from crimeplan.cases.constants import ProgrammeKind, Status
from crimeplan.cases.models import StatusChange
from crimeplan.performance.providers import Provided, Provider


def _taken_on(first: dt.date, last: dt.date) -> Provided:
    """People whose Early Action case was accepted in the period (each person once)."""
    start = timezone.make_aware(dt.datetime.combine(first, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(last, dt.time.max))
    accepted = StatusChange.objects.filter(
        to_status=Status.ACCEPTED,
        at__range=(start, end),
        case__programme__kind=ProgrammeKind.EARLY_ACTION,
        case__is_example=False,
    )
    return Provided(value=float(accepted.values("case__person").distinct().count()), is_count=True)


PROVIDERS = [
    Provider(
        key="cases.early-action.taken-on",
        label="People taken on by Early Action (cases accepted)",
        unit="people",
        count=_taken_on,
        reads=("cases.StatusChange", "cases.Case"),
    )
]

"""What case work counts for the Police and Crime Plan's measures (registered in apps.py)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from crimeplan.cases.constants import ProgrammeKind, Status
from crimeplan.cases.models import CohortMember, StatusChange
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


def _iom_reoffending(first: dt.date, last: dt.date) -> Provided:
    """Proven reoffending (%) of IOM cohort members who started in the period, once their windows have closed.

    ``None`` while none of them can be measured yet (a year to reoffend and six months for the
    offence to be proven).
    """
    members = CohortMember.objects.filter(
        cohort__programme__kind=ProgrammeKind.IOM, cohort__is_example=False, start_date__range=(first, last)
    )
    from crimeplan.cases.selectors.board import cohort_result  # OGRS3 and its statistics: on use, not at start-up

    rate = cohort_result(members, as_of=timezone.localdate()).rate
    return Provided(value=None if rate is None else round(rate * 100, 1), is_count=False)


PROVIDERS = [
    Provider(
        key="cases.early-action.taken-on",
        label="People taken on by Early Action (cases accepted)",
        unit="people",
        count=_taken_on,
        reads=("cases.StatusChange", "cases.Case"),
    ),
    Provider(
        key="cases.iom.proven-reoffending",
        label="Proven reoffending of the Integrated Offender Management cohort (cohorts)",
        unit="%",
        count=_iom_reoffending,
        reads=("cases.Cohort", "cases.CohortMember", "cases.ProvenOffence"),
    ),
]

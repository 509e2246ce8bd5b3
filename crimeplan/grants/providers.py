"""What the grants module counts for the Police and Crime Plan's measures (registered in apps.py)."""

from __future__ import annotations

import datetime as dt

from crimeplan.grants.models import Award
from crimeplan.performance.providers import Provided, Provider


def _awards(fund_slug: str):  # type: ignore[no-untyped-def]
    def count(first: dt.date, last: dt.date) -> Provided:
        awards = Award.objects.filter(
            fund__slug__startswith=fund_slug, awarded_on__range=(first, last), application__is_example=False
        )
        return Provided(value=float(awards.count()), is_count=True)

    return count


PROVIDERS = [
    Provider(
        key="grants.community-action-fund.awards",
        label="Community Action Fund grants awarded (grants register)",
        unit="grants",
        count=_awards("community-action-fund"),
        reads=("grants.Award", "grants.Application"),
    ),
    Provider(
        key="grants.reducing-reoffending-fund.awards",
        label="Reducing Reoffending Fund grants awarded (grants register)",
        unit="grants",
        count=_awards("reducing-reoffending-fund"),
        reads=("grants.Award", "grants.Application"),
    ),
]

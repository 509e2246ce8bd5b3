"""What the grants module counts for the Police and Crime Plan's measures (registered in apps.py).

- grants awarded by a fund (Community Action Fund, Reducing Reoffending Fund): awards made in the period;
- CSP funding paid: payments of the CSP allocation (the awards its allocation decisions set) paid in
  the period, in pounds;
- adults in treatment and referrals from the criminal justice system: the commissioned treatment
  services' quarterly returns for the quarters inside the period (people in treatment in the last
  such quarter; referrals summed over them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db.models import Sum

from crimeplan.analytics.months import month_range
from crimeplan.analytics.periods import quarter, quarter_code
from crimeplan.grants.constants import PaymentStatus
from crimeplan.grants.models import Award, Payment, PerformanceReturn
from crimeplan.performance.providers import Provided, Provider

CSP_FUND = "csp-allocation"


def _awards(fund_slug: str) -> Callable[[dt.date, dt.date], Provided]:
    def count(first: dt.date, last: dt.date) -> Provided:
        awards = Award.objects.filter(
            fund__slug__startswith=fund_slug, awarded_on__range=(first, last), application__is_example=False
        )
        return Provided(value=float(awards.count()), is_count=True)

    return count


def csp_funding_paid(first: dt.date, last: dt.date) -> Provided:
    """Pounds paid to Community Safety Partnerships from their allocation in the period."""
    paid = Payment.objects.filter(
        award__fund__slug__startswith=CSP_FUND,
        status=PaymentStatus.PAID,
        paid_on__range=(first, last),
        award__application__is_example=False,
    ).aggregate(total=Sum("amount"))["total"]
    return Provided(value=float(paid or 0), is_count=False)


def quarters_within(first: dt.date, last: dt.date) -> list[str]:
    """Codes of the calendar quarters whose three months all fall between ``first`` and ``last``."""
    months = list(month_range(f"{first:%Y-%m}", f"{last:%Y-%m}"))
    codes = sorted({quarter_code(m) for m in months})
    return [c for c in codes if set(quarter(c).months) <= set(months)]


def adults_in_treatment(first: dt.date, last: dt.date) -> Provided:
    """People in commissioned treatment in the last whole quarter of the period (a number at a time, not events)."""
    codes = quarters_within(first, last)
    if not codes:
        return Provided(value=None, is_count=False)
    rows = PerformanceReturn.objects.filter(quarter=codes[-1], contract__ndtms=True, contract__is_example=False)
    total = rows.aggregate(total=Sum("in_treatment"))["total"]
    return Provided(value=None if total is None else float(total), is_count=False)


def cjs_referrals(first: dt.date, last: dt.date) -> Provided:
    """Referrals into commissioned treatment from the criminal justice system in the period's whole quarters."""
    codes = quarters_within(first, last)
    rows = PerformanceReturn.objects.filter(quarter__in=codes, contract__ndtms=True, contract__is_example=False)
    total = rows.aggregate(total=Sum("cjs_referrals"))["total"]
    return Provided(value=None if total is None else float(total), is_count=True)


AWARDS = ("grants.Award", "grants.Application")
PROVIDERS = [
    Provider(
        key="grants.community-action-fund.awards",
        label="Community Action Fund grants awarded (grants register)",
        unit="grants",
        count=_awards("community-action-fund"),
        reads=AWARDS,
    ),
    Provider(
        key="grants.reducing-reoffending-fund.awards",
        label="Reducing Reoffending Fund grants awarded (grants register)",
        unit="grants",
        count=_awards("reducing-reoffending-fund"),
        reads=AWARDS,
    ),
    Provider(
        key="grants.csp-allocation.paid",
        label="CSP allocation paid (payments of the allocation decisions' awards)",
        unit="£",
        count=csp_funding_paid,
        reads=(*AWARDS, "grants.Payment", "grants.AllocationDecision"),
    ),
    Provider(
        key="grants.treatment.in-treatment",
        label="Adults in commissioned treatment (quarterly returns)",
        unit="people",
        count=adults_in_treatment,
        reads=("grants.PerformanceReturn", "grants.Contract"),
    ),
    Provider(
        key="grants.treatment.cjs-referrals",
        label="Referrals into treatment from the criminal justice system (quarterly returns)",
        unit="referrals",
        count=cjs_referrals,
        reads=("grants.PerformanceReturn", "grants.Contract"),
    ),
]

"""The grants register feeds the plan's "Community Action Fund grants awarded" measure."""

import datetime as dt
from decimal import Decimal

import pytest

from crimeplan.grants.services import awards
from crimeplan.grants.tests.factories import submitted
from crimeplan.performance.providers import get_provider, month_dates

pytestmark = pytest.mark.django_db


def test_awards_in_the_period_are_counted_and_examples_left_out(open_round, manager):
    made = [
        awards.make_award(
            application=submitted(open_round, email=f"club{n}@example.org"), amount=Decimal(2000), by=manager
        )
        for n in range(3)
    ]
    example = made[2].application
    example.is_example = True
    example.save(update_fields=["is_example"])
    provider = get_provider("grants.community-action-fund.awards")
    today = dt.date.today()
    this_month = f"{today:%Y-%m}"
    assert provider.count(*month_dates(this_month, this_month)).value == 2
    assert provider.count(dt.date(2001, 1, 1), dt.date(2001, 12, 31)).value == 0
    assert provider.count(*month_dates(this_month, this_month)).is_count


def _contract(reference, *, is_example=False):
    from crimeplan.grants.models import Contract

    return Contract.objects.create(
        reference=reference,
        title=f"Treatment {reference}",
        service="adult drug and alcohol treatment",
        provider="A provider",
        starts_on=dt.date(2024, 4, 1),
        ends_on=dt.date(2027, 3, 31),
        annual_value=Decimal(100_000),
        ndtms=True,
        is_example=is_example,
    )


def test_treatment_measures_come_from_the_quarterly_returns(db):
    from crimeplan.grants.models import PerformanceReturn

    one, two, example = _contract("T1"), _contract("T2"), _contract("T3", is_example=True)
    for contract, quarter, people, referrals in [
        (one, "2025Q1", 120, 14),
        (one, "2025Q2", 130, 9),
        (two, "2025Q2", 40, 5),
        (example, "2025Q2", 999, 99),
    ]:
        PerformanceReturn.objects.create(
            contract=contract, quarter=quarter, in_treatment=people, successful_completions=0, cjs_referrals=referrals
        )
    in_treatment = get_provider("grants.treatment.in-treatment")
    referrals = get_provider("grants.treatment.cjs-referrals")
    assert in_treatment.count(*month_dates("2025-04", "2025-06")).value == 130 + 40
    assert in_treatment.count(*month_dates("2025-01", "2025-06")).value == 130 + 40  # the last whole quarter
    assert in_treatment.count(*month_dates("2025-04", "2025-05")).value is None  # no whole quarter
    assert referrals.count(*month_dates("2025-01", "2025-06")).value == 14 + 9 + 5
    assert referrals.count(*month_dates("2025-01", "2025-06")).is_count
    assert not in_treatment.count(*month_dates("2025-04", "2025-06")).is_count


def test_csp_funding_paid_counts_paid_payments_of_the_allocation(open_round, funds, manager):
    from crimeplan.grants.constants import PaymentStatus
    from crimeplan.grants.models import Payment

    award = awards.make_award(application=submitted(open_round), amount=Decimal(2000), by=manager)
    provider = get_provider("grants.csp-allocation.paid")
    today = dt.date.today()
    this_month = f"{today:%Y-%m}"
    Payment.objects.create(award=award, due_on=today, amount=Decimal(500), status=PaymentStatus.PAID, paid_on=today)
    assert provider.count(*month_dates(this_month, this_month)).value == 0  # not the CSP allocation's fund
    award.fund = next(f for f in funds.values() if f.slug.startswith("csp-allocation"))
    award.save(update_fields=["fund"])
    Payment.objects.create(award=award, due_on=today, amount=Decimal(250), status=PaymentStatus.SCHEDULED)
    assert provider.count(*month_dates(this_month, this_month)).value == 500
    assert not provider.count(*month_dates(this_month, this_month)).is_count

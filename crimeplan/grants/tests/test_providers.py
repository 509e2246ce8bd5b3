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

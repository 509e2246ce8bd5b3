"""Budget integrity: committed + paid never exceeds a fund's budget, also under concurrent awards."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import F

from crimeplan.core.exceptions import ApplicationError
from crimeplan.grants.models import Fund
from crimeplan.grants.services import awards
from crimeplan.grants.tests.factories import submitted

AMOUNT = Decimal(2000)


def _nearly_spent(fund, left):
    """Set the budget so that only ``left`` pounds remain to award."""
    Fund.objects.filter(pk=fund.pk).update(budget=F("awarded_total") + left)
    fund.refresh_from_db()
    return fund


@pytest.mark.django_db
def test_an_award_that_would_overspend_is_refused_saying_what_is_left(open_round, manager):
    fund = _nearly_spent(open_round.fund, Decimal(3000))
    first, second = submitted(open_round, email="a@example.org"), submitted(open_round, email="b@example.org")
    awards.make_award(application=first, amount=AMOUNT, by=manager)
    with pytest.raises(ValidationError, match="has £1,000 left to award, so an award of £2,000 would overspend") as exc:
        awards.make_award(application=second, amount=AMOUNT, by=manager)
    assert exc.value.error_dict["amount"][0].code == "overspend"
    fund.refresh_from_db()
    assert (fund.awarded_total, fund.paid_total, fund.committed) == (AMOUNT, 0, AMOUNT)


@pytest.mark.django_db
def test_the_database_refuses_an_overspend_even_without_the_service(open_round):
    fund = open_round.fund
    with pytest.raises(IntegrityError), transaction.atomic():
        Fund.objects.filter(pk=fund.pk).update(awarded_total=fund.budget + 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        Fund.objects.filter(pk=fund.pk).update(paid_total=1)  # paid more than awarded


@pytest.mark.django_db
def test_serialised_awards_against_a_nearly_spent_fund_stop_at_the_budget(open_round, manager):
    fund = _nearly_spent(open_round.fund, Decimal(6500))
    made, refused = 0, 0
    for n in range(6):
        try:
            awards.make_award(application=submitted(open_round, email=f"s{n}@example.org"), amount=AMOUNT, by=manager)
            made += 1
        except ValidationError:
            refused += 1
    fund.refresh_from_db()
    assert (made, refused, fund.awarded_total) == (3, 3, Decimal(6000))


@pytest.mark.django_db(transaction=True)
def test_concurrent_awards_never_overspend_on_postgresql(open_round, manager):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no row locks (it serialises writers); the serialised test covers it")
    threads_n = 8
    fund = _nearly_spent(open_round.fund, Decimal(6500))  # room for three awards of £2,000
    applications = [submitted(open_round, email=f"c{n}@example.org") for n in range(threads_n)]
    barrier = threading.Barrier(threads_n)
    results: list[str] = []

    def award(application):
        try:
            barrier.wait()
            awards.make_award(application=application, amount=AMOUNT, by=manager)
            results.append("made")
        except ValidationError:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=award, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    fund.refresh_from_db()
    assert sorted(results) == ["made"] * 3 + ["refused"] * 5
    assert fund.awarded_total == Decimal(6000) <= fund.budget
    assert fund.awards.count() == 3


@pytest.mark.django_db
def test_payments_stay_within_the_award_and_complete_it_with_the_final_return(open_round, manager):
    application = submitted(open_round)
    award = awards.make_award(application=application, amount=AMOUNT, by=manager)
    today = dt.date.today()
    with pytest.raises(ValidationError, match="more than the award of £2,000") as exc:
        awards.schedule_payments(award=award, instalments=[(today, Decimal(1500)), (today, Decimal(600))], by=manager)
    assert exc.value.code == "overspend"  # the same kind of error as an award that overspends its fund
    first, second = awards.schedule_payments(
        award=award, instalments=[(today, Decimal(1000)), (today, Decimal(1000))], by=manager
    )
    awards.record_payment(payment=first, paid_on=today, reference="BACS-1", by=manager)
    with pytest.raises(ApplicationError, match="already recorded as paid"):
        awards.record_payment(payment=first, paid_on=today, reference="BACS-1", by=manager)
    awards.record_payment(payment=second, paid_on=today, reference="BACS-2", by=manager)
    award.refresh_from_db()
    fund = Fund.objects.get(pk=award.fund_id)
    assert (award.paid_total, fund.paid_total, fund.committed, award.status) == (AMOUNT, AMOUNT, 0, "active")
    for item in award.returns.order_by("due_on"):
        assert item.is_overdue(item.due_on + dt.timedelta(days=1))
        awards.record_return(
            monitoring_return=item,
            outputs="24 sessions",
            outcomes="40 young people",
            spend=AMOUNT,
            received_on=today,
            by=manager,
        )
        assert not item.is_overdue(item.due_on + dt.timedelta(days=1)) or item.received_on is None
    award.refresh_from_db()
    assert award.status == "completed" and award.completed_on == today


@pytest.mark.django_db
def test_awards_in_a_period_for_a_plan_measure(open_round, manager):
    from crimeplan.grants.selectors import awarded_between

    awards.make_award(application=submitted(open_round), amount=AMOUNT, by=manager)
    today = dt.date.today()
    assert awarded_between(fund="community-action-fund", first=today, last=today) == (1, AMOUNT)
    assert awarded_between(fund="reducing-reoffending-fund", first=today, last=today) == (0, 0)

"""Measures evaluated on the shipped months equal hand counts, and their RAG follows the test."""

from decimal import Decimal

import pytest
from django.conf import settings
from scipy import stats

from crimeplan.analytics.significance import DECREASE, NO_DATA, NORMAL
from crimeplan.analytics.tests.data import STREET_DIR, csv_rows
from crimeplan.performance.constants import Direction, Rag, Source, Statistic
from crimeplan.performance.evaluation import Evaluator, rag_for, worst
from crimeplan.performance.models import Measure
from crimeplan.performance.periods import quarter

pytestmark = pytest.mark.django_db


def hand_count(months, crime_type):
    return sum(
        1
        for m in months
        for r in csv_rows(STREET_DIR / f"{m}-lancashire-street.csv.gz")
        if r["Crime type"] == crime_type
    )


@pytest.fixture
def evaluator(loaded_store):
    return Evaluator(loaded_store, settings.HARM_WEIGHTS_DIR, "lancashire")


def asb(direction=Direction.REDUCE, statistic=Statistic.COUNT):
    return Measure(
        title="ASB",
        source=Source.STORE,
        direction=direction,
        statistic=statistic,
        crime_types=["Anti-social behaviour"],
    )


def test_a_store_measure_counts_the_quarter_and_compares_it(evaluator):
    period = quarter("2022Q2")
    result = evaluator.evaluate(asb(), period)
    assert result.value == hand_count(period.months, "Anti-social behaviour")
    year_before, previous = result.baselines
    assert year_before.comparison.baseline == hand_count(period.year_before().months, "Anti-social behaviour")
    assert previous.comparison.baseline == hand_count(period.previous().months, "Anti-social behaviour")
    assert result.deciding is year_before
    assert result.verdict == DECREASE and result.rag == Rag.GREEN


def test_the_rag_follows_the_direction_not_the_change(evaluator):
    period = quarter("2022Q2")
    assert evaluator.evaluate(asb(Direction.INCREASE), period).rag == Rag.RED
    assert evaluator.evaluate(asb(Direction.MONITOR), period).rag == Rag.GREY
    assert rag_for(NORMAL, Direction.REDUCE) == Rag.AMBER
    assert rag_for(NO_DATA, Direction.REDUCE) == Rag.GREY
    assert worst([Rag.GREEN, Rag.GREY, Rag.AMBER]) == Rag.AMBER


def test_without_the_months_a_year_before_the_previous_period_decides(evaluator):
    period = quarter("2021Q1")  # 2020Q1 is not shipped
    result = evaluator.evaluate(asb(), period)
    assert result.baselines[0].comparison is None
    assert "2020-01" in result.baselines[0].unavailable
    assert result.deciding is result.baselines[1]


def test_a_quarter_that_is_not_loaded_says_so(evaluator):
    result = evaluator.evaluate(asb(), quarter("2019Q1"))
    assert result.value is None and result.note == "2019-01, 2019-02, 2019-03 not loaded"


def test_harm_is_counts_times_weights(evaluator):
    period = quarter("2022Q2")
    robbery = Measure(
        title="Robbery",
        source=Source.STORE,
        direction=Direction.REDUCE,
        statistic=Statistic.HARM,
        crime_types=["Robbery"],
    )
    result = evaluator.evaluate(robbery, period)
    assert result.value == pytest.approx(hand_count(period.months, "Robbery") * 365.0)


def test_entered_figures_are_tested_only_when_they_count_events(plan, staff_user, evaluator):
    from crimeplan.performance.services import enter_figure

    measure = Measure.objects.get(title="People killed or seriously injured in road collisions")
    period = quarter("2022Q2")
    assert evaluator.evaluate(measure, period).note == "no figure entered for April to June 2022"
    enter_figure(
        measure=measure,
        first_month="2022-04",
        last_month="2022-06",
        value=Decimal(60),
        source="STATS19",
        user=staff_user,
    )
    enter_figure(
        measure=measure,
        first_month="2021-04",
        last_month="2021-06",
        value=Decimal(95),
        source="STATS19",
        user=staff_user,
    )
    result = evaluator.evaluate(measure, period)
    expected = stats.binomtest(60, 155, 91 / 182).pvalue
    assert result.value == 60
    assert result.baselines[0].comparison.p_value == pytest.approx(expected)
    assert result.rag == Rag.GREEN
    rate = Measure.objects.get(title__startswith="Proven reoffending rate")
    enter_figure(
        measure=rate,
        first_month="2022-04",
        last_month="2022-06",
        value=Decimal("24.5"),
        source="Board",
        user=staff_user,
    )
    enter_figure(
        measure=rate,
        first_month="2021-04",
        last_month="2021-06",
        value=Decimal("31.0"),
        source="Board",
        user=staff_user,
    )
    judged = evaluator.evaluate(rate, period)
    assert judged.rag == Rag.GREY
    assert judged.baselines[0].unavailable == "not a count of events, so no significance test applies"


@pytest.fixture
def counted_by_a_module():
    from crimeplan.performance.providers import PROVIDERS, Provided, Provider, register

    by_year = {2022: 30, 2021: 12}
    register(
        Provider("test.module", "Test", "things", lambda first, last: Provided(float(by_year.get(first.year, 0)), True))
    )
    yield
    PROVIDERS.pop("test.module")


def test_a_module_measure_is_counted_and_tested_like_a_count(counted_by_a_module, evaluator):
    measure = Measure(
        title="Things", source=Source.MODULE, provider="test.module", direction=Direction.INCREASE, unit="things"
    )
    measure.clean()
    result = evaluator.evaluate(measure, quarter("2022Q2"))
    assert result.value == 30
    year_before = result.baselines[0].comparison
    assert year_before.p_value == pytest.approx(stats.binomtest(30, 42, 91 / 182).pvalue)
    assert result.rag == Rag.GREEN
    assert [v for _, v in result.series][-2:] == [30, 30]


def test_a_module_measure_must_name_a_registered_provider():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="no module provides 'nowhere'"):
        Measure(title="x", source=Source.MODULE, provider="nowhere", direction=Direction.INCREASE).clean()

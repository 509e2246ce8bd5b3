"""Targets written as numbers become a trajectory; the status compares the value with it."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.management import call_command

from crimeplan.analytics.periods import quarter
from crimeplan.performance.constants import Direction, Rag
from crimeplan.performance.targets import parse_target, target_for, target_rag


@dataclass
class P:
    month: str
    value: Decimal
    per_months: int | None = None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("£325,000 a year", (Decimal(325000), 12)),
        ("1,200", (Decimal(1200), None)),
        ("45%", (Decimal(45), None)),
        ("£1.5m per year", (Decimal("1500000.0"), 12)),
        ("300 a quarter", (Decimal(300), 3)),
        ("Recorded drugs offences rise with proactive policing, so they are monitored, not rated", None),
        ("", None),
    ],
)
def test_targets_in_words_are_read_when_they_are_numbers(text, expected):
    assert parse_target(text) == expected


def test_a_yearly_target_is_scaled_to_the_period():
    assert target_for([P("2021-04", Decimal(325000), 12)], quarter("2022Q2")) == 325000 / 4


def test_the_trajectory_runs_straight_between_points_and_flat_beyond():
    points = [P("2022-03", Decimal(100)), P("2022-09", Decimal(40))]
    assert target_for(points, quarter("2021Q4")) == 100  # before the first point
    assert target_for(points, quarter("2022Q2")) == pytest.approx(100 - 60 * 3 / 6)  # June: half-way
    assert target_for(points, quarter("2023Q1")) == 40
    assert target_for([], quarter("2022Q2")) is None


def test_the_status_against_a_target():
    assert target_rag(110, 100, Direction.INCREASE) == Rag.GREEN
    assert target_rag(95, 100, Direction.INCREASE) == Rag.AMBER
    assert target_rag(80, 100, Direction.INCREASE) == Rag.RED
    assert target_rag(80, 100, Direction.REDUCE) == Rag.GREEN
    assert target_rag(108, 100, Direction.REDUCE) == Rag.AMBER
    assert target_rag(130, 100, Direction.REDUCE) == Rag.RED
    assert target_rag(130, 100, Direction.MONITOR) == Rag.GREY


@pytest.mark.django_db
def test_the_plan_measures_funding_against_its_target_and_counts_from_modules(loaded_store):
    call_command("loaddata", "lancashire_plan", verbosity=0)
    from crimeplan.performance import selectors
    from crimeplan.performance.models import Measure

    funding = Measure.objects.get(title="Funding paid to Community Safety Partnerships")
    assert (funding.source, funding.provider) == ("module", "grants.csp-allocation.paid")
    assert [(p.month, p.value, p.per_months) for p in funding.trajectory.all()] == [("2021-04", 325000, 12)]
    board = selectors.evaluate("lancashire", quarter("2022Q2"))
    result = next(r for card in board.cards for r in card.results if r.measure.pk == funding.pk)
    assert (result.value, result.target, result.rag) == (0.0, 325000 / 4, Rag.RED)  # nothing paid in 2022
    modules = {r.measure.provider for card in board.cards for r in card.results if r.measure.source == "module"}
    assert {
        "grants.treatment.in-treatment",
        "grants.treatment.cjs-referrals",
        "cases.iom.proven-reoffending",
        "grants.reducing-reoffending-fund.awards",
    } <= modules

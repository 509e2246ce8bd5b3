"""The reporting-gap estimate, checked against sums done by hand from the shipped national series."""

from __future__ import annotations

import pytest

from crimeplan.analytics.reporting_gap import AreaCounts, load_national, poisson_interval, reporting_gap
from crimeplan.analytics.tests.data import DATA, SHARED, needs_shared

SERIES = DATA / "hate_crime" / "hate_crime_england_wales_by_strand.json"
POPULATION = DATA / "population" / "population_mid2020_ltla21_EW_totals.csv"


def test_national_rates_use_the_latest_complete_year_and_leave_out_the_met():
    rates = load_national(SERIES, POPULATION)
    assert rates.year == "2024/25"
    assert rates.counts == {
        "disability": 10224,
        "race": 82490,
        "religion": 7164,
        "sexual_orientation": 18702,
        "transgender": 3809,
    }
    assert rates.population == 59_719_724 - 8_991_550
    assert load_national(SERIES, POPULATION, "2018/19").counts["race"] > 0
    with pytest.raises(ValueError, match="2019/20"):
        load_national(SERIES, POPULATION, "2019/20")  # null in the series, so not a complete year


def test_shipped_copy_matches_the_shared_pack():
    needs_shared()
    shared = SHARED / "hate_crime" / "hate_crime_england_wales_by_strand.json"
    assert shared.read_bytes() == SERIES.read_bytes()


def test_expected_numbers_and_the_flag():
    rates = load_national(SERIES, POPULATION)
    per_person = (10224 + 82490 + 7164 + 18702 + 3809) / 50_728_174
    low = AreaCounts("A", "Low", 200_000, {"race": 2})
    high = AreaCounts("B", "High", 200_000, {"race": 30, "religion": 10})
    rows = reporting_gap([low, high], rates, days=365)
    first = rows[0]
    assert first.strand == "all" and first.expected == pytest.approx(per_person * 200_000 * 365 / 365.25)
    assert first.observed == 2 and first.coverage == pytest.approx(2 / first.expected)
    assert first.flagged and not rows[1].flagged
    race_low = next(r for r in rows if r.strand == "race" and r.code == "A")
    assert race_low.expected == pytest.approx(82490 / 50_728_174 * 200_000 * 365 / 365.25)
    assert len(rows) == 2 * 6


def test_no_reports_anywhere_flags_nothing():
    rates = load_national(SERIES, POPULATION)
    rows = reporting_gap([AreaCounts("A", "A", 1000, {}), AreaCounts("B", "B", 1000, {})], rates, days=30)
    assert not any(r.flagged for r in rows) and rows[0].verdict == "not enough data"
    with pytest.raises(ValueError):
        reporting_gap([], rates, days=0)


def test_garwood_interval_matches_published_values():
    # Table values for an observed count of 0 and 10 (e.g. Ulm 1990, exact 95% limits).
    assert poisson_interval(0) == pytest.approx((0.0, 3.689), abs=1e-3)
    assert poisson_interval(10) == pytest.approx((4.795, 18.390), abs=1e-3)

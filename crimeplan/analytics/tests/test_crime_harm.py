"""CCHI harm of a group's linked crimes, and its comparison with the threat score."""

from __future__ import annotations

import pytest

from crimeplan.analytics.crime_harm import WeightedCrime, compare, harm_band, harm_score

HIGH = {f: 4 for f in ("physical", "psychological", "financial", "community", "environmental", "vulnerability")}


def test_harm_sums_days_by_label_largest_first():
    crimes = [WeightedCrime("Drugs", "2024-01", 1.0), WeightedCrime("Robbery", "2024-03", 365.0)]
    harm = harm_score([*crimes, WeightedCrime("Drugs", "2024-02", 1.0)])
    assert harm.days == 367.0 and harm.crimes == 3 and harm.band == "C"
    assert harm.by_label == (("Robbery", 1, 365.0), ("Drugs", 2, 2.0))
    assert harm.latest_month == "2024-03"


def test_bands_at_their_floors():
    assert [harm_band(d) for d in (3650, 3649.9, 1000, 100, 99.9, 0)] == ["A", "B", "B", "C", "D", "D"]


def test_negative_days_are_refused():
    with pytest.raises(ValueError, match="cannot be negative"):
        harm_score([WeightedCrime("x", "", -1.0)])


def test_bands_within_one_agree():
    harm = harm_score([WeightedCrime("Robbery", "2024-01", 1500.0)])  # B
    assert compare(harm, "A", HIGH).agree and compare(harm, "C", HIGH).agree


def test_a_high_threat_with_little_recorded_harm_is_explained():
    harm = harm_score([WeightedCrime("Drugs", "2024-01", 1.0)] * 5)  # D
    result = compare(harm, "A", {**HIGH, "financial": None}, unknown=["financial"])
    assert not result.agree
    assert any("low-weight" in r for r in result.reasons)
    assert any("financial" in r for r in result.reasons)
    assert any("vulnerable" in r for r in result.reasons)


def test_high_recorded_harm_with_a_low_threat_names_the_crimes_and_a_stale_score():
    harm = harm_score([WeightedCrime("Violence and sexual offences", "2024-06", 197.25)] * 20)  # 3945 days: A
    result = compare(harm, "C", {**HIGH, "likelihood": 1}, scored_month="2024-01")
    assert not result.agree and result.harm_band == "A"
    assert result.reasons[0].startswith("Violence and sexual offences (20 crimes) gives 3,945 of 3,945 days")
    assert any("after the last scoring" in r for r in result.reasons)
    assert any("likelihood at its lowest" in r for r in result.reasons)


def test_no_threat_score_is_said():
    assert compare(harm_score([]), None, {}).reasons == ("the group has not been given a threat score",)

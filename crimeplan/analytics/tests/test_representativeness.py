"""Representativeness: the shipped census subsets, comparisons, post-stratified votes and under-heard LSOAs,
checked against figures worked out by hand (fractions in the comments)."""

from __future__ import annotations

import math

import pytest

from crimeplan.analytics.representativeness import (
    AGE_BAND_LABELS,
    SMALL_NUMBER,
    AreaMembers,
    Ballot,
    Population,
    age_band,
    compare,
    load_age_bands,
    load_ethnicity,
    poisson_cdf,
    population_of,
    poststratify,
    under_heard,
)
from crimeplan.analytics.tests.data import DATA, SHARED, csv_rows, needs_shared

AGES = DATA / "population" / "population_mid2020_sya_lsoa11_lancashire.csv"
ETHNICITY = DATA / "census2021" / "ethnicity21_broad_lsoa21_lancashire.csv"


def test_age_bands_of_a_real_lsoa():
    # Blackburn with Darwen 007A, counted with awk from the shipped file: 16-24 = 257, 75+ = 47, 16+ = 1,246.
    bands = load_age_bands(AGES, ["E01012571"])["E01012571"]
    assert bands["16-24"] == 257
    assert bands["75+"] == 47
    assert sum(bands.values()) == 1246
    assert age_band(16) == "16-24" and age_band(75) == "75+" and age_band(90) == "75+"
    with pytest.raises(ValueError, match="16"):
        age_band(15)


def test_ethnicity_of_a_real_lsoa_and_lsoas_missing_from_the_2021_file():
    groups = load_ethnicity(ETHNICITY, ["E01012571"])["E01012571"]
    assert groups == {"asian": 1458, "black": 31, "mixed": 24, "white": 212, "other": 42}
    everything = load_ethnicity(ETHNICITY)
    assert len(everything) == 924  # 941 Lancashire LSOAs less the 17 split or merged in 2021
    ages = load_age_bands(AGES, ["E01012571", "E01024919"])
    population = population_of(["E01012571", "E01024919"], ages, everything)
    assert population.ethnicity_missing_lsoas == ("E01024919",)
    assert population.ethnicity["asian"] == 1458
    assert population.lsoas == 2


def test_shipped_subsets_are_the_shared_rows_unchanged():
    needs_shared()
    import gzip

    with gzip.open(SHARED / "census2021" / "ethnicity21_broad_by_lsoa21_EW.csv.gz", "rt") as handle:
        shared = [line for line in handle if line.startswith("E01012571,")]
    shipped = [line for line in ETHNICITY.read_text().splitlines(keepends=True) if line.startswith("E01012571,")]
    assert shipped == shared
    assert len(csv_rows(AGES)) == 941


def test_compare_shares_with_residents():
    result = compare("ethnicity", {"white": 800, "asian": 200}, ["white", "white", "white", "asian", None])
    white, asian = result.rows
    assert (result.known, result.unknown) == (4, 1)
    assert white.share == 0.75 and white.resident_share == 0.8
    assert white.difference_points == -5.0
    assert asian.ratio == pytest.approx(0.25 / 0.2)


POPULATION = Population(
    age={**dict.fromkeys(AGE_BAND_LABELS, 0), "16-24": 400, "65-74": 600},
    ethnicity={"white": 800, "asian": 200, "black": 0, "mixed": 0, "other": 0},
    lsoas=1,
)


def _ballots() -> list[Ballot]:
    return (
        [Ballot(("A",), "16-24", "white")] * 6
        + [Ballot(("B",), "65-74", "white")] * 2
        + [Ballot(("A", "B"), "16-24", "asian")] * 2
        + [Ballot(("B",), None, "white"), Ballot(("B",))]
    )


def test_poststratified_votes_match_the_hand_computation():
    # Targets: 16-24×white .32, 16-24×asian .08, 65-74×white .48, 65-74×asian .12 (nobody: unrepresented).
    # Present .88; sample shares .6, .2, .2 of 10 known ballots. Weights 20/33, 30/11, 5/11.
    result = poststratify(_ballots(), POPULATION)
    assert (result.ballots, result.known, result.unknown) == (12, 10, 2)
    assert result.weights[("16-24", "white")] == pytest.approx(20 / 33)
    assert result.weights[("65-74", "white")] == pytest.approx(30 / 11)
    assert result.weights[("16-24", "asian")] == pytest.approx(5 / 11)
    assert result.unrepresented_share == pytest.approx(0.12)
    by_option = {o.option: o for o in result.options}
    assert (by_option["A"].votes, by_option["B"].votes) == (8, 6)
    assert by_option["A"].share == pytest.approx(8 / 12)
    # A: 6 × 20/33 + 2 × 5/11 = 50/11; B: 2 × 30/11 + 2 × 5/11 + 2 unknown × 1 = 92/11; total weight 12.
    assert by_option["A"].weighted_votes == pytest.approx(50 / 11)
    assert by_option["B"].weighted_votes == pytest.approx(92 / 11)
    assert by_option["B"].weighted_share == pytest.approx(92 / 11 / 12)
    assert [o.option for o in result.options] == ["B", "A"]  # weighting reverses the raw order
    # Kish: (Σw)² / Σw² = 144 / (21228/1089).
    assert result.effective_sample_size == pytest.approx(144 * 1089 / 21228)


def test_poststratify_with_nobody_known_is_the_raw_count():
    result = poststratify([Ballot(("A",)), Ballot(("A", "B"))], POPULATION)
    assert [(o.option, o.votes, o.weighted_votes) for o in result.options] == [("A", 2, 2.0), ("B", 1, 1.0)]
    assert result.effective_sample_size == 2.0


def test_under_heard_rule():
    areas = [
        AreaMembers("A", "A", 1000, 20),
        AreaMembers("B", "B", 1000, 2),
        AreaMembers("C", "C", 100, 0),
        AreaMembers("D", "D", 2000, 38),
    ]
    rate, rows = under_heard(areas)
    assert rate == pytest.approx(1000 * 60 / 4100)
    flags = {r.code: r.under_heard for r in rows}
    # B: 2 per 1,000 < half of 14.6; P(X ≤ 2 | 14.63) = e^-14.63 (1 + 14.63 + 14.63²/2) ≈ 5.4e-5.
    # C: 0 per 1,000 but P(X = 0 | 1.46) = e^-1.46 ≈ 0.23: too small an area to tell.
    assert flags == {"A": False, "B": True, "C": False, "D": False}
    b = rows[1]
    mean = 1000 * 60 / 4100
    assert b.p_value == pytest.approx(math.exp(-mean) * (1 + mean + mean**2 / 2))
    assert rows[2].p_value == pytest.approx(math.exp(-100 * 60 / 4100))


def test_poisson_cdf_edges():
    assert poisson_cdf(-1, 3.0) == 0.0
    assert poisson_cdf(0, 0.0) == 1.0
    assert poisson_cdf(3, 2.0) == pytest.approx(math.exp(-2) * (1 + 2 + 2 + 8 / 6))


def test_categories_of_fewer_than_five_people_are_suppressed():
    comparison = compare("age", {"16-24": 100, "25-34": 100, "35-44": 100}, ["16-24"] * 5 + ["25-34"] * 4)
    suppressed = {row.category: row.suppressed for row in comparison.rows}
    assert suppressed == {"16-24": False, "25-34": True, "35-44": False}  # 5 shown, 4 hidden, none shown as 0
    assert SMALL_NUMBER == 5

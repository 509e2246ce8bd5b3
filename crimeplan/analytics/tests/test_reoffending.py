"""OGRS3 against hand-worked examples, and the proven-reoffending measure against a hand count."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crimeplan.analytics import reoffending
from crimeplan.analytics.reoffending import Member, ProvenOffence, add_months, proven_reoffending, wilson_interval
from crimeplan.analytics.tests.data import DATA, needs_shared

MODEL = reoffending.load()

# Worked by hand, step by step, in docs/analytics/ogrs3.md (section "Worked examples").
HAND_WORKED = [
    # sex, age, age at first sanction, sanctions, offence category, one year, two years, band
    ("male", 25, 16, 8, "Burglary (domestic)", 0.3759, 0.5528, "medium"),
    ("female", 19, 19, 1, "Theft (non-motor)", 0.1696, 0.2954, "low"),
    ("male", 52, 30, 2, "Drink driving and related offences", 0.0230, 0.0461, "low"),
    ("male", 17, 12, 15, "Theft (non-motor)", 0.9217, 0.9602, "very_high"),
    ("female", 34, 15, 20, "Absconding or bail offences", 0.7321, 0.8487, "high"),
    ("male", 40, 22, 5, "Criminal damage", 0.1702, 0.2962, "low"),
]


@pytest.mark.parametrize(("sex", "age", "first", "sanctions", "category", "one", "two", "band"), HAND_WORKED)
def test_ogrs3_reproduces_hand_worked_examples_to_four_places(sex, age, first, sanctions, category, one, two, band):
    score = MODEL.score(sex=sex, age=age, age_first_sanction=first, sanctions=sanctions, offence_category=category)
    assert round(score.one_year, 4) == one
    assert round(score.two_year, 4) == two
    assert score.band == band


def test_an_offence_code_maps_to_its_ogrs3_category():
    assert MODEL.category_for_code("05911") == "Criminal damage"
    assert MODEL.category_for_code("5911") == "Criminal damage"
    assert MODEL.category_for_code("02800") == "Burglary (domestic)"


def test_codes_without_a_category_and_unknown_codes_say_what_to_do():
    with pytest.raises(ValueError, match="no OGRS3 category in the MoJ mapping: give the offence category instead"):
        MODEL.category_for_code("95000")
    with pytest.raises(ValueError, match="not a Home Office offence code"):
        MODEL.category_for_code("12345x")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sex": "other"}, "sex must be one of male, female"),
        ({"age": 9}, "age must be from 10 to 120"),
        ({"age_first_sanction": 30}, r"age at first sanction must be from 10 to the current age \(25\)"),
        ({"sanctions": 0}, "sanctions must be at least 1"),
        ({"offence_category": "Arson"}, "not an OGRS3 offence category; use one of: Violence, Robbery"),
    ],
)
def test_bad_inputs_raise_value_errors_naming_the_allowed_values(kwargs, message):
    inputs = {"sex": "male", "age": 25, "age_first_sanction": 16, "sanctions": 3, "offence_category": "Violence"}
    with pytest.raises(ValueError, match=message):
        MODEL.score(**(inputs | kwargs))


@pytest.mark.parametrize(
    ("two_year", "band"),
    [(0.4949, "low"), (0.495, "medium"), (0.7449, "medium"), (0.745, "high"), (0.8949, "high"), (0.895, "very_high")],
)
def test_bands_use_the_whole_two_year_percentage_rounded_half_up(two_year, band):
    assert MODEL.band(two_year) == band


def test_every_mapped_code_carries_its_categorys_coefficient():
    with open(DATA / "reoffending" / "ho_offence_code_ogrs3.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(MODEL.codes) == 3028
    for row in rows:
        if row["ogrs3_category"]:
            assert float(row["ogrs3_weighting"]) == MODEL.categories[row["ogrs3_category"]], row["ho_offence_code"]
    assert sum(1 for r in rows if not r["ogrs3_category"]) == 18


def test_the_shipped_coefficients_are_the_shared_packs():
    shared = needs_shared()
    shipped = (DATA / "reoffending" / "ogrs3_coefficients.csv").read_bytes()
    assert shipped == (shared / "reoffending" / "ogrs3_coefficients.csv").read_bytes()


@given(
    age=st.integers(10, 120),
    gap=st.integers(0, 110),
    sanctions=st.integers(1, 300),
    sex=st.sampled_from(["male", "female"]),
    category=st.sampled_from(sorted(MODEL.categories)),
)
def test_probabilities_are_between_zero_and_one_and_two_years_exceed_one(age, gap, sanctions, sex, category):
    first = max(10, age - gap)
    score = MODEL.score(sex=sex, age=age, age_first_sanction=first, sanctions=sanctions, offence_category=category)
    assert 0 < score.one_year < score.two_year < 1


# --- Proven reoffending -------------------------------------------------------------------------

START = date(2022, 1, 15)
AS_OF = date(2024, 8, 31)
COHORT = [
    Member("A", START, 0.40),
    Member("B", START, 0.30),
    Member("C", START, 0.60),
    Member("D", START, 0.20),
    Member("E", START, 0.70),
    Member("F", START, None),
    Member("G", date(2023, 3, 1), 0.50),  # 18 months end 2024-09-01, after AS_OF: not yet measured
    Member("H", date(2022, 2, 28), 0.35),
    Member("I", date(2020, 2, 29), 0.45),  # leap day: 12 months is 2021-02-28, 18 months 2021-08-29
]
OFFENCES = [
    ProvenOffence("A", date(2023, 1, 15), date(2023, 7, 15)),  # exactly 12 and 18 months: counts
    ProvenOffence("B", date(2023, 1, 16), date(2023, 2, 1)),  # committed a day after 12 months
    ProvenOffence("C", date(2022, 6, 1), date(2023, 7, 16)),  # proven a day after 18 months
    ProvenOffence("D", START, START),  # on the start date itself
    ProvenOffence("E", date(2022, 3, 1), date(2022, 5, 1)),
    ProvenOffence("E", date(2022, 9, 1), date(2023, 1, 10)),
    ProvenOffence("G", date(2023, 6, 1), date(2023, 8, 1)),  # pending member: not counted
    ProvenOffence("H", date(2023, 2, 28), date(2023, 8, 28)),  # month-end edges: counts
    ProvenOffence("I", date(2021, 2, 28), date(2021, 8, 29)),  # leap-day edges: counts
    ProvenOffence("I", date(2021, 3, 1), date(2021, 3, 2)),  # after 12 months
]


def test_the_windows_are_calendar_months_with_short_months_clamped():
    assert add_months(date(2020, 2, 29), 12) == date(2021, 2, 28)
    assert add_months(date(2022, 8, 31), 18) == date(2024, 2, 29)
    assert add_months(date(2022, 1, 15), 18) == date(2023, 7, 15)


def test_the_rate_equals_a_hand_count_across_the_12_and_18_month_edges():
    result = proven_reoffending(COHORT, OFFENCES, as_of=AS_OF)
    # Hand count: measured A B C D E F H I (G's 18 months are not over); reoffenders A E H I;
    # reoffences A 1, E 2, H 1, I 1 = 5.
    assert (result.members, result.measured, result.pending) == (9, 8, 1)
    assert result.reoffender_keys == {"A", "E", "H", "I"}
    assert (result.reoffenders, result.reoffences) == (4, 5)
    assert result.rate == 0.5
    assert result.frequency == 5 / 8
    assert [round(x, 4) for x in result.rate_interval] == [0.2152, 0.7848]
    # Expected: the seven measured members with a score (F has none): A B C D E H I.
    assert result.scored == 7 and result.scored_reoffenders == 4
    assert result.expected_rate == pytest.approx((0.40 + 0.30 + 0.60 + 0.20 + 0.70 + 0.35 + 0.45) / 7)


def test_observed_against_expected_uses_the_poisson_binomial_variance():
    result = proven_reoffending(COHORT, OFFENCES, as_of=AS_OF)
    probabilities = [0.40, 0.30, 0.60, 0.20, 0.70, 0.35, 0.45]
    variance = sum(p * (1 - p) for p in probabilities)
    assert result.z == pytest.approx((4 - sum(probabilities)) / variance**0.5)
    assert result.verdict == "as_expected"
    assert result.expected_range[0] < result.expected_rate < result.expected_range[1]


def test_a_cohort_far_below_its_expectation_is_lower():
    members = [Member(str(i), START, 0.6) for i in range(100)]
    offences = [ProvenOffence(str(i), date(2022, 5, 1), date(2022, 6, 1)) for i in range(30)]
    result = proven_reoffending(members, offences, as_of=AS_OF)
    assert result.rate == 0.3 and result.verdict == "lower"


def test_nobody_measured_yet_gives_no_rate():
    result = proven_reoffending([Member("G", date(2024, 1, 1), 0.5)], [], as_of=AS_OF)
    assert (result.measured, result.rate, result.rate_interval, result.verdict) == (0, None, None, "unknown")


def test_inconsistent_inputs_are_refused():
    with pytest.raises(ValueError, match="not in the cohort"):
        proven_reoffending(COHORT, [ProvenOffence("Z", START, START)], as_of=AS_OF)
    with pytest.raises(ValueError, match="proven before it was committed"):
        proven_reoffending(COHORT, [ProvenOffence("A", date(2022, 5, 1), date(2022, 4, 1))], as_of=AS_OF)
    with pytest.raises(ValueError, match="different key"):
        proven_reoffending([Member("A", START), Member("A", START)], [], as_of=AS_OF)


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    # Newcombe (1998), Statistics in Medicine 17:857-872, table I, method 3 (score interval).
    [(81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718)],
)
def test_the_wilson_interval_matches_newcombes_published_examples(k, n, low, high):
    assert [round(x, 4) for x in wilson_interval(k, n)] == [low, high]

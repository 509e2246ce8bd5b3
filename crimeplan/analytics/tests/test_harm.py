import pytest

from crimeplan.analytics.forces import get_force
from crimeplan.analytics.harm import load_weights
from crimeplan.analytics.tests.data import DATA, STREET_FILES, csv_rows
from crimeplan.analytics.vocabulary import ANTI_SOCIAL_BEHAVIOUR, CRIME_TYPES

WEIGHTS = DATA / "harm_weights"


def test_a_force_with_its_own_weights_gets_them_and_others_the_national_ones():
    lancs = load_weights(WEIGHTS, get_force("lancashire"))
    cumbria = load_weights(WEIGHTS, get_force("cumbria"))
    rows = {
        r["crime_type"]: float(r["cchi_days"])
        for r in csv_rows(WEIGHTS / "cchi_weights_by_policeuk_category_lancs_leics.csv")
        if r["force"] == "Lancashire"
    }
    national = {
        r["crime_type"]: float(r["cchi_days"])
        for r in csv_rows(WEIGHTS / "cchi_weights_by_policeuk_category_national.csv")
    }
    assert dict(lancs.days) == rows and "Lancashire" in lancs.source
    assert dict(cumbria.days) == national and "national" in cumbria.source
    assert set(lancs.days) == set(CRIME_TYPES) - {ANTI_SOCIAL_BEHAVIOUR}


def test_anti_social_behaviour_has_no_weight_and_adds_no_harm():
    weights = load_weights(WEIGHTS, get_force("lancashire"))
    assert weights.weight(ANTI_SOCIAL_BEHAVIOUR) is None
    assert weights.harm({ANTI_SOCIAL_BEHAVIOUR: 1000}) == 0
    with pytest.raises(ValueError, match="no harm weight for 'Jaywalking'"):
        weights.weight("Jaywalking")


def test_harm_of_a_month_equals_a_hand_computation_from_the_csv():
    weights = load_weights(WEIGHTS, get_force("lancashire"))
    rows = csv_rows(STREET_FILES[-1])
    by_type: dict[str, int] = {}
    for r in rows:
        by_type[r["Crime type"]] = by_type.get(r["Crime type"], 0) + 1
    days = {
        r["crime_type"]: float(r["cchi_days"])
        for r in csv_rows(WEIGHTS / "cchi_weights_by_policeuk_category_lancs_leics.csv")
        if r["force"] == "Lancashire"
    }
    hand = sum(n * days.get(t, 0.0) for t, n in by_type.items())
    assert weights.harm(by_type) == pytest.approx(hand)


def test_pre_2013_crime_types_are_counted_without_harm():
    """police.uk's "Violent crime" and "Public disorder and weapons" (before May 2013) have no CCHI weight."""
    weights = load_weights(WEIGHTS, get_force("lancashire"))
    assert weights.weight("Violent crime") is None
    assert weights.harm({"Violent crime": 10, "Burglary": 2}) == 2 * weights.days["Burglary"]

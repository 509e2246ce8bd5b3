import csv

import pytest

from crimeplan.analytics.forces import all_forces, get_force, match_pfa, normalise_name, same_force_name
from crimeplan.analytics.tests.data import DATA


def _pfa_names():
    with open(DATA / "geography" / "pfa19_names_codes_UK.csv", encoding="utf-8") as handle:
        return {row["PFA19CD"]: row["PFA19NM"] for row in csv.DictReader(handle) if row["PFA19NM"]}


def test_every_territorial_force_of_england_and_wales_matches_its_pfa():
    names = _pfa_names()
    matched = {f.slug: match_pfa(f, names) for f in all_forces().values()}
    england_wales = {slug: code for slug, code in matched.items() if code and code[0] in "EW"}
    assert len(england_wales) == 43
    assert len(set(england_wales.values())) == 43
    assert matched["lancashire"] == "E23000003"
    assert matched["city-of-london"] == "E23000034"
    assert matched["dyfed-powys"] == "W15000004"
    assert matched["btp"] is None  # British Transport Police has no police force area


def test_published_names_match_whatever_the_punctuation():
    avon = get_force("avon-and-somerset")
    assert same_force_name("Avon and Somerset Constabulary", avon)
    assert same_force_name("Avon & Somerset Constabulary", avon)
    assert not same_force_name("Lancashire Constabulary", avon)
    assert normalise_name("Dyfed-Powys Police") == normalise_name("Dyfed Powys Police")


def test_a_force_has_a_place_name_for_headings():
    assert get_force("lancashire").place == "Lancashire"
    assert get_force("city-of-london").place == "City of London"
    assert get_force("metropolitan").place == "Metropolitan"
    assert get_force("northern-ireland").place == "Police Service of Northern Ireland"


def test_an_unknown_force_lists_the_known_ones():
    with pytest.raises(ValueError, match=r"known forces: .*lancashire"):
        get_force("lancs")

import pytest

from crimeplan.analytics.readers.rules import RULES, Rule, register, rules_for
from crimeplan.analytics.vocabulary import Kind


def test_every_rule_has_a_code_a_summary_and_kinds():
    assert list(RULES)[:3] == ["header", "encoding", "column_count"]
    for code, cls in RULES.items():
        assert cls.code == code
        assert (cls.summary and cls.summary[0].islower()) or cls.summary[0].isupper()
        assert cls.kinds


def test_each_kind_gets_its_rules_in_registry_order():
    street = [r.code for r in rules_for(Kind.STREET)]
    assert street == [
        "month_format",
        "month_matches_file",
        "falls_within",
        "coordinates",
        "lsoa_code",
        "crime_type",
        "outcome_category",
    ]
    search = [r.code for r in rules_for(Kind.STOP_SEARCH)]
    assert "search_date" in search and "crime_type" not in search
    assert "crime_id" in [r.code for r in rules_for(Kind.OUTCOMES)]


def test_a_subset_of_rules_can_be_chosen_and_unknown_codes_are_named():
    assert [r.code for r in rules_for(Kind.STREET, ["coordinates"])] == ["coordinates"]
    with pytest.raises(ValueError, match="unknown rule codes \\['nope'\\]"):
        rules_for(Kind.STREET, ["nope"])


def test_a_code_cannot_be_registered_twice():
    class Again(Rule):
        code = "coordinates"
        summary = "duplicate"

    with pytest.raises(ValueError, match="already registered"):
        register(Again)

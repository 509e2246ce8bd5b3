from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crimeplan.grants import identifiers
from crimeplan.grants.eligibility import RULES, Facts, FundTerms, check_eligibility, rules_for
from crimeplan.grants.services.applications import facts_for, fund_terms
from crimeplan.grants.tests.factories import TALBOT, complete_answers

CAF = FundTerms(
    name="Community Action Fund",
    min_award=Decimal(250),
    max_award=Decimal(2500),
    match_funding_percent=Decimal(0),
    eligible_org_types=frozenset({"charity", "community_group"}),
    eligible_csps=frozenset({"E22000151"}),
    area_name="Blackpool",
    excluded_purposes=frozenset({"capital"}),
    priorities=frozenset({8}),
)


def _facts(**changes):
    values = {
        "fund": CAF,
        "org_type": "community_group",
        "charity_number": "",
        "company_number": "",
        "has_constitution": True,
        "requested": Decimal(2400),
        "match_funding": Decimal(0),
        "purpose": "activities",
        "priorities": frozenset({8}),
        "area_csps": {TALBOT: "E22000151"},
    }
    values.update(changes)
    return Facts(**values)


def test_an_eligible_application_has_no_failures():
    assert check_eligibility(_facts()) == []


def test_every_failure_is_collected_with_a_message():
    failures = check_eligibility(
        _facts(
            org_type="business",
            requested=Decimal(3000),
            purpose="capital",
            priorities=frozenset({1}),
            area_csps={"E05005162": "E22000152", "E01999999": None},
        )
    )
    assert [f.code for f in failures] == ["organisation_type", "area", "amount", "purpose", "purpose"]
    messages = [f.message for f in failures]
    assert "does not fund a business that distributes profits" in messages[0]
    assert "outside Blackpool" in messages[1] and "E01999999, E05005162" in messages[1]
    assert (
        messages[2] == "You asked for £3,000. The Community Action Fund gives up to £2,500: reduce your costs by £500"
    )
    assert "does not pay for building works" in messages[3]
    assert "plan priorities" in messages[4]


def test_match_funding_and_registration_rules():
    terms = FundTerms(**{**CAF.__dict__, "match_funding_percent": Decimal(10), "max_award": None})
    failure = check_eligibility(_facts(fund=terms, requested=Decimal(9000), match_funding=Decimal(500)))
    assert [f.code for f in failure] == ["match_funding"]
    assert "yours is 5%" in failure[0].message and "£500 more" in failure[0].message
    assert check_eligibility(_facts(org_type="charity"))[0].message == "Enter your charity number"
    assert check_eligibility(_facts(has_constitution=False))[0].field == "has_constitution"


def test_a_fund_can_choose_its_rules_and_unknown_rules_are_named():
    assert [type(r).code for r in rules_for(["amount"])] == ["amount"]
    assert len(rules_for()) == len(RULES) == 5
    with pytest.raises(ValueError, match="unknown eligibility rules \\['luck'\\]"):
        rules_for(["luck"])


@pytest.mark.django_db
def test_facts_come_from_the_saved_answers_and_the_real_geography(open_round):
    from crimeplan.grants.services.applications import start_application

    application, _ = start_application(round_=open_round, email="a@example.org")
    complete_answers(application, amount="2600")
    facts = facts_for(application)
    assert facts.area_csps == {TALBOT: "E22000151"}  # Talbot ward is in Blackpool's CSP
    assert len(fund_terms(open_round.fund).eligible_csps) == 14
    assert [f.code for f in check_eligibility(facts)] == ["amount"]


@given(st.integers(100_000, 9_999_999))
def test_charity_numbers_of_six_or_seven_digits_are_accepted(number):
    assert identifiers.charity_number(f" {number} ", "charity") == str(number)


@given(st.text(max_size=12))
def test_any_text_is_either_a_valid_company_number_or_refused_with_a_message(text):
    squashed = "".join(text.split()).upper()
    if identifiers.COMPANY.match(squashed.zfill(8) if squashed.isdigit() else squashed):
        assert len(identifiers.company_number(text)) == 8
    else:
        with pytest.raises(ValueError, match="8 characters"):
            identifiers.company_number(text)


def test_identifier_formats():
    assert identifiers.company_number("1234567") == "01234567"
    assert identifiers.company_number("sc123456") == "SC123456"
    with pytest.raises(ValueError, match="company number"):
        identifiers.company_number("XX123456")
    assert identifiers.charity_number("SC012345", "scottish_charity") == "SC012345"
    with pytest.raises(ValueError, match="6 or 7 digits"):
        identifiers.charity_number("0123456", "charity")
    assert identifiers.postcode("pr12ab") == "PR1 2AB"
    with pytest.raises(ValueError, match="full UK postcode"):
        identifiers.postcode("PR1")
    assert identifiers.org_id(org_type="charity", charity="1123456", company="", fallback="x") == "GB-CHC-1123456"
    assert identifiers.org_id(org_type="cic", charity="", company="01234567", fallback="x") == "GB-COH-01234567"
    assert identifiers.org_id(org_type="community_group", charity="", company="", fallback="360G-x-1") == "360G-x-1"

"""A PACT cycle through its services: proposals, moderation, one ballot per verified member, adoption, updates."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from crimeplan.engagement.constants import PREFER_NOT
from crimeplan.engagement.models import Member
from crimeplan.engagement.pact import selectors
from crimeplan.engagement.pact.constants import CycleStage, IssueStatus, PriorityStatus
from crimeplan.engagement.pact.models import Ballot
from crimeplan.engagement.pact.services import cycles
from crimeplan.engagement.pact.services.neighbourhoods import save_neighbourhood
from crimeplan.engagement.pact.services.votes import cast_ballot
from crimeplan.engagement.pact.tests.conftest import AUDLEY_LSOAS, ELSEWHERE, make_member
from crimeplan.engagement.selectors.members import has_answered

pytestmark = pytest.mark.django_db


def _code(excinfo: pytest.ExceptionInfo[ValidationError]) -> str:
    error = excinfo.value
    if hasattr(error, "error_dict"):
        return next(iter(error.error_dict.values()))[0].code or ""
    return error.code or ""


def test_a_neighbourhood_is_its_wards_lsoas(neighbourhood):
    assert neighbourhood.lsoa_codes == AUDLEY_LSOAS  # the ward's six LSOAs in the ONS lookup
    with pytest.raises(ValidationError) as excinfo:
        save_neighbourhood(user=None, name="Nowhere", slug="nowhere", ward_codes=["E05999999"])
    assert _code(excinfo) == "unknown_ward"


@pytest.fixture
def voting(neighbourhood, team):
    cycle = cycles.start_cycle(user=team, neighbourhood=neighbourhood, title="Spring")
    titles = ["Speeding", "Fly-tipping", "Dealing", "Bikes", "Noisy neighbour"]
    issues = [cycles.propose_issue(cycle=cycle, title=t) for t in titles]
    with pytest.raises(ValidationError) as excinfo:
        cycles.advance_cycle(user=team, cycle=cycle)
    assert _code(excinfo) == "unmoderated"
    for issue in issues[:4]:
        cycles.moderate_issue(user=team, issue=issue, accept=True)
    with pytest.raises(ValidationError) as excinfo:
        cycles.moderate_issue(user=team, issue=issues[4], accept=False)
    assert _code(excinfo) == "reason_needed"
    cycles.moderate_issue(user=team, issue=issues[4], accept=False, note="One household: call 101")
    cycle = cycles.advance_cycle(user=team, cycle=cycle)
    assert cycle.stage == CycleStage.VOTING
    return cycle, issues


def test_one_ballot_per_member_per_cycle(voting, member):
    cycle, issues = voting
    cast_ballot(cycle=cycle, member=member, issues=issues[:2], age_band="25-34", ethnicity="asian")
    with pytest.raises(ValidationError) as excinfo:
        cast_ballot(cycle=cycle, member=member, issues=issues[2:3])
    assert _code(excinfo) == "already_voted"
    assert Ballot.objects.filter(cycle=cycle, member=member).count() == 1
    member.refresh_from_db()  # answers given on a ballot become the member's own
    assert (member.age_band, member.ethnicity) == ("25-34", "asian")
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds the rule too
        Ballot.objects.create(cycle=cycle, member=member)


def test_only_verified_members_of_the_neighbourhood_vote(voting):
    cycle, issues = voting
    outsider = make_member("preston@example.org", ELSEWHERE)
    unverified = make_member("unconfirmed@example.org", AUDLEY_LSOAS[1], verified=False)
    for person in (outsider, unverified):
        with pytest.raises(ValidationError) as excinfo:
            cast_ballot(cycle=cycle, member=person, issues=issues[:1])
        assert _code(excinfo) == "not_a_member_here"
    assert not Ballot.objects.exists()


def test_ballot_choices_are_checked(voting, member):
    cycle, issues = voting
    cases = [(issues[:4], "too_many_choices"), ([], "no_choice"), ([issues[4]], "not_on_ballot")]
    for chosen, code in cases:
        with pytest.raises(ValidationError) as excinfo:
            cast_ballot(cycle=cycle, member=member, issues=chosen)
        assert _code(excinfo) == code


def test_adoption_and_you_said_we_did(voting, member, team, django_user_model):
    cycle, issues = voting
    cast_ballot(cycle=cycle, member=member, issues=issues[:3])
    with pytest.raises(ValidationError) as excinfo:
        cycles.adopt_priority(user=team, cycle=cycle, issue=issues[0], title="Speeding", action="Checks")
    assert _code(excinfo) == "wrong_stage"
    cycle = cycles.advance_cycle(user=team, cycle=cycle)
    assert cycle.stage == CycleStage.COUNTED
    adopted = [
        cycles.adopt_priority(user=team, cycle=cycle, issue=i, title=i.title, action="Patrols") for i in issues[:3]
    ]
    assert [p.rank for p in adopted] == [1, 2, 3]
    with pytest.raises(ValidationError) as excinfo:
        cycles.adopt_priority(user=team, cycle=cycle, issue=issues[3], title="Bikes", action="More")
    assert _code(excinfo) == "too_many_priorities"
    cycle.refresh_from_db()
    assert cycle.stage == CycleStage.ADOPTED
    cycles.publish_update(user=team, priority=adopted[0], you_said="Speeding", we_did="6 checks")
    cycles.publish_update(user=team, priority=adopted[0], you_said="Speeding", we_did="Calming built", closes=True)
    adopted[0].refresh_from_db()
    assert adopted[0].status == PriorityStatus.CLOSED and adopted[0].closed_on is not None
    with pytest.raises(ValidationError):
        cycles.publish_update(user=team, priority=adopted[0], you_said="x", we_did="y")
    nobody = django_user_model.objects.create_user(username="nobody")
    with pytest.raises(PermissionDenied):
        cycles.publish_update(user=nobody, priority=adopted[1], you_said="x", we_did="y")


def test_a_new_cycle_waits_for_the_last_and_proposals_close_with_voting(voting, team):
    cycle, _ = voting
    with pytest.raises(ValidationError) as excinfo:
        cycles.start_cycle(user=team, neighbourhood=cycle.neighbourhood, title="Another")
    assert _code(excinfo) == "cycle_running"
    with pytest.raises(ValidationError) as excinfo:
        cycles.propose_issue(cycle=cycle, title="Late")
    assert _code(excinfo) == "wrong_stage"
    assert cycle.issues.filter(status=IssueStatus.ACCEPTED).count() == 4


def test_the_ballot_takes_answers_given_at_sign_up_and_asks_only_the_rest(voting):
    cycle, issues = voting
    answered = make_member("answered@example.org", AUDLEY_LSOAS[1])
    Member.objects.filter(pk=answered.pk).update(age_band="45-54", ethnicity="prefer_not")
    answered.refresh_from_db()
    ballot = cast_ballot(cycle=cycle, member=answered, issues=issues[:1], age_band="16-24", ethnicity="white")
    # Already answered: the member's answers stand ("Prefer not to say" is not asked again and counts as unknown).
    assert (ballot.age_band, ballot.ethnicity) == ("45-54", "")
    answered.refresh_from_db()
    assert (answered.age_band, answered.ethnicity) == ("45-54", "prefer_not")
    fresh = make_member("fresh@example.org", AUDLEY_LSOAS[2])
    ballot = cast_ballot(cycle=cycle, member=fresh, issues=issues[:1], ethnicity="black")
    fresh.refresh_from_db()
    assert (ballot.age_band, ballot.ethnicity) == ("", "black") and (fresh.age_band, fresh.ethnicity) == ("", "black")


def test_who_is_heard_counts_the_members_own_answers(neighbourhood):
    answers = [("25-34", "white")] * 5 + [("65-74", "asian"), ("prefer_not", "prefer_not"), ("", "")]
    for n, (age, eth) in enumerate(answers):
        person = make_member(f"m{n}@example.org", AUDLEY_LSOAS[n % 6])
        Member.objects.filter(pk=person.pk).update(age_band=age, ethnicity=eth)
    unverified = make_member("u@example.org", AUDLEY_LSOAS[0], verified=False)
    Member.objects.filter(pk=unverified.pk).update(age_band="25-34", ethnicity="white")
    ages, groups = selectors.representativeness(neighbourhood).members
    assert (ages.known, ages.unknown, groups.known, groups.unknown) == (6, 2, 6, 2)
    by_age = {row.category: row.people for row in ages.rows}
    by_group = {row.category: row for row in groups.rows}
    assert by_age["25-34"] == 5 and by_age["65-74"] == 1 and sum(by_age.values()) == 6
    assert by_group["white"].people == 5 and not by_group["white"].suppressed
    assert by_group["asian"].people == 1 and by_group["asian"].suppressed  # fewer than 5: not shown
    assert not by_group["black"].suppressed  # none at all is not a small number


def test_prefer_not_to_say_on_a_ballot_is_remembered_and_not_asked_again(voting):
    cycle, issues = voting
    member = make_member("private@example.org", AUDLEY_LSOAS[3])
    ballot = cast_ballot(cycle=cycle, member=member, issues=issues[:1], age_band=PREFER_NOT, ethnicity="")
    member.refresh_from_db()
    assert (ballot.age_band, ballot.ethnicity) == ("", "")  # the ballot counts it as unknown
    assert (member.age_band, member.ethnicity) == (PREFER_NOT, "")  # the member's choice is kept
    assert has_answered(member) == (True, False)  # the next ballot asks only the ethnic group

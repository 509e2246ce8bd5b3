"""A PACT cycle through its services: proposals, moderation, one ballot per verified member, adoption, updates."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from crimeplan.engagement.pact.constants import CycleStage, IssueStatus, PriorityStatus
from crimeplan.engagement.pact.models import Ballot, VoterProfile
from crimeplan.engagement.pact.services import cycles
from crimeplan.engagement.pact.services.neighbourhoods import save_neighbourhood
from crimeplan.engagement.pact.services.votes import cast_ballot
from crimeplan.engagement.pact.tests.conftest import AUDLEY_LSOAS, ELSEWHERE, make_member

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
    profile = VoterProfile.objects.get(member=member)
    assert (profile.age_band, profile.ethnicity) == ("25-34", "asian")
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

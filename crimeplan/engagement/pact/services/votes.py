"""Casting a ballot: one per verified member of the neighbourhood per cycle, up to three accepted issues."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from crimeplan.audit.services import record_event
from crimeplan.engagement.pact.constants import MAX_CHOICES, CycleStage, IssueStatus
from crimeplan.engagement.pact.events import PactBallotCast
from crimeplan.engagement.pact.members import verified_member
from crimeplan.engagement.pact.models import Ballot, Cycle, Issue


def _checked_choices(cycle: Cycle, issues: list[Issue]) -> list[Issue]:
    chosen = {issue.pk: issue for issue in issues}
    if not chosen:
        raise ValidationError({"choices": ValidationError("Choose at least one issue.", code="no_choice")})
    if len(chosen) > MAX_CHOICES:
        raise ValidationError(
            {"choices": ValidationError(f"Choose up to {MAX_CHOICES} issues.", code="too_many_choices")}
        )
    if any(i.cycle_id != cycle.pk or i.status != IssueStatus.ACCEPTED for i in chosen.values()):
        raise ValidationError(
            {"choices": ValidationError("Choose issues on this cycle's ballot.", code="not_on_ballot")}
        )
    return list(chosen.values())


def cast_ballot(
    *, cycle: Cycle, member: Any, issues: list[Issue], age_band: str = "", ethnicity: str = "", request: Any = None
) -> Ballot:
    """Record a verified member's ballot; the database holds one ballot per member per cycle.

    A question the member has already answered (at sign-up, on their page or on an earlier ballot) is not asked
    again: the ballot takes their answer. A new answer given on the ballot is kept as the member's own.
    """
    from crimeplan.engagement.selectors.members import census_answers, census_value, has_answered
    from crimeplan.engagement.services.members import set_equality_answers

    if cycle.stage != CycleStage.VOTING:
        raise ValidationError("Voting is not open in this neighbourhood.", code="voting_closed")
    if verified_member(cycle.neighbourhood, member.pk) is None:
        raise ValidationError(
            "Only verified members living in this neighbourhood can vote in its PACT.", code="not_a_member_here"
        )
    chosen = _checked_choices(cycle, issues)
    answered, known = has_answered(member), census_answers(member)
    new_age, new_ethnicity = ("" if answered[0] else age_band), ("" if answered[1] else ethnicity)
    # the ballot holds census categories ("Prefer not to say" counts as unknown); the member keeps what they chose
    age_band = known[0] if answered[0] else census_value(age_band)
    ethnicity = known[1] if answered[1] else census_value(ethnicity)
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(cycle=cycle, member=member, age_band=age_band, ethnicity=ethnicity)
            ballot.choices.set(chosen)
            if new_age or new_ethnicity:
                set_equality_answers(member=member, age_band=new_age, ethnicity=new_ethnicity)
            record_event(PactBallotCast(cycle=cycle.pk, ballot=ballot.pk), request=request, obj=ballot)
    except IntegrityError as exc:
        raise ValidationError("You have already voted in this cycle.", code="already_voted") from exc
    return ballot

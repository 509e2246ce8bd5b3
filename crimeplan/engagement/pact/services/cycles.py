"""A PACT cycle, stage by stage: proposals → moderation → voting → counted → adopted priorities → "we did"."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.core.permissions import check
from crimeplan.engagement.pact.constants import MAX_PRIORITIES, CycleStage, IssueStatus, PriorityStatus
from crimeplan.engagement.pact.events import (
    PactCycleChanged,
    PactIssueModerated,
    PactPriorityAdopted,
    PactUpdatePublished,
)
from crimeplan.engagement.pact.models import Cycle, Issue, Neighbourhood, Priority, Update
from crimeplan.engagement.pact.permissions import RUN


def _stage(cycle: Cycle, *allowed: str) -> None:
    if cycle.stage not in allowed:
        names = " or ".join(str(CycleStage(s).label).lower() for s in allowed)
        raise ValidationError(
            f"This cycle is at the stage “{cycle.get_stage_display()}”; this needs {names}.", code="wrong_stage"
        )


@transaction.atomic
def start_cycle(*, user: Any, neighbourhood: Neighbourhood, title: str) -> Cycle:
    """Open a new cycle for proposals; a neighbourhood runs one cycle at a time."""
    if user is not None:
        check(user, RUN)
    Neighbourhood.objects.select_for_update().get(pk=neighbourhood.pk)
    if neighbourhood.cycles.exclude(stage=CycleStage.ADOPTED).exists():
        raise ValidationError(
            "This neighbourhood already has a cycle in progress: adopt its priorities first.", code="cycle_running"
        )
    cycle = Cycle(neighbourhood=neighbourhood, title=title)
    cycle.full_clean()
    cycle.save()
    record_event(PactCycleChanged(cycle=cycle.pk, stage=cycle.stage), actor=user, obj=cycle)
    return cycle


@transaction.atomic
def propose_issue(*, cycle: Cycle, title: str, description: str = "", place: str = "", member: Any = None) -> Issue:
    """A resident proposes an issue; it waits for the team's moderation before it reaches the ballot."""
    _stage(cycle, CycleStage.PROPOSALS)
    issue = Issue(cycle=cycle, title=title.strip(), description=description.strip(), place=place.strip())
    issue.proposed_by = member
    issue.full_clean()
    issue.save()
    return issue


@transaction.atomic
def moderate_issue(*, user: Any, issue: Issue, accept: bool, note: str = "") -> Issue:
    """Put an issue on the ballot or leave it off (a reason is required to leave it off)."""
    check(user, RUN)
    _stage(issue.cycle, CycleStage.PROPOSALS, CycleStage.VOTING)
    if not accept and not note.strip():
        raise ValidationError(
            {"note": ValidationError("Say why the issue is not on the ballot.", code="reason_needed")}
        )
    if issue.ballots.exists():
        raise ValidationError("People have voted for this issue: it stays on the ballot.", code="voted_for")
    issue.status = IssueStatus.ACCEPTED if accept else IssueStatus.REJECTED
    issue.moderation_note = note.strip()
    issue.moderated_at = timezone.now()
    issue.save()
    record_event(PactIssueModerated(issue=issue.pk, status=issue.status), actor=user, obj=issue)
    return issue


@transaction.atomic
def advance_cycle(*, user: Any, cycle: Cycle) -> Cycle:
    """Open voting (needs an issue on the ballot and none waiting), or close it and count the votes."""
    check(user, RUN)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.stage == CycleStage.PROPOSALS:
        if cycle.issues.filter(status=IssueStatus.PENDING).exists():
            raise ValidationError("Moderate every proposed issue before voting opens.", code="unmoderated")
        if not cycle.issues.filter(status=IssueStatus.ACCEPTED).exists():
            raise ValidationError("Put at least one issue on the ballot before voting opens.", code="empty_ballot")
        cycle.stage, cycle.voting_opened_at = CycleStage.VOTING, timezone.now()
    elif cycle.stage == CycleStage.VOTING:
        cycle.stage, cycle.voting_closed_at = CycleStage.COUNTED, timezone.now()
    else:
        _stage(cycle, CycleStage.PROPOSALS, CycleStage.VOTING)
    cycle.save()
    record_event(PactCycleChanged(cycle=cycle.pk, stage=cycle.stage), actor=user, obj=cycle)
    return cycle


@transaction.atomic
def adopt_priority(
    *,
    user: Any,
    cycle: Cycle,
    issue: Issue | None,
    title: str,
    action: str,
    partners: str = "",
    review_on: dt.date | None = None,
) -> Priority:
    """Adopt one of up to three priorities for a counted cycle, with its action, partners and review date."""
    check(user, RUN)
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    _stage(cycle, CycleStage.COUNTED, CycleStage.ADOPTED)
    taken = set(cycle.priorities.values_list("rank", flat=True))
    if len(taken) >= MAX_PRIORITIES:
        raise ValidationError(f"A cycle adopts at most {MAX_PRIORITIES} priorities.", code="too_many_priorities")
    if issue is not None and issue.cycle_id != cycle.pk:
        raise ValidationError({"issue": ValidationError("Choose an issue of this cycle.", code="other_cycle")})
    rank = min(set(range(1, MAX_PRIORITIES + 1)) - taken)
    priority = Priority(
        cycle=cycle, issue=issue, rank=rank, title=title.strip(), action=action.strip(), partners=partners.strip(),
        review_on=review_on, adopted_by=user,
    )  # fmt: skip
    priority.full_clean()
    priority.save()
    if cycle.stage != CycleStage.ADOPTED:
        cycle.stage, cycle.adopted_at = CycleStage.ADOPTED, timezone.now()
        cycle.save()
        record_event(PactCycleChanged(cycle=cycle.pk, stage=cycle.stage), actor=user, obj=cycle)
    record_event(PactPriorityAdopted(priority=priority.pk, rank=rank), actor=user, obj=priority)
    return priority


@transaction.atomic
def publish_update(*, user: Any, priority: Priority, you_said: str, we_did: str, closes: bool = False) -> Update:
    """Publish a "you said, we did"; closing the priority needs this update (so every closed one has a "we did")."""
    check(user, RUN)
    priority = Priority.objects.select_for_update().get(pk=priority.pk)
    if priority.status == PriorityStatus.CLOSED:
        raise ValidationError("This priority is closed.", code="closed")
    update = Update(
        priority=priority, you_said=you_said.strip(), we_did=we_did.strip(), closes_priority=closes, by=user
    )
    update.full_clean()
    update.save()
    if closes:
        priority.status, priority.closed_on = PriorityStatus.CLOSED, update.published_on
        priority.save()
    record_event(PactUpdatePublished(priority=priority.pk, closes=closes), actor=user, obj=update)
    return update

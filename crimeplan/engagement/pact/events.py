"""The PACT audit vocabulary (registered in ``crimeplan.audit.events.EVENTS`` when first imported)."""

from __future__ import annotations

import dataclasses

from crimeplan.audit.events import Event


@dataclasses.dataclass(frozen=True, kw_only=True)
class PactCycleChanged(Event):
    """A PACT cycle was started or moved to its next stage (voting, counted, adopted)."""

    name = "pact_cycle_changed"
    cycle: int
    stage: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class PactIssueModerated(Event):
    """The neighbourhood team put a proposed issue on the ballot or left it off, with the reason."""

    name = "pact_issue_moderated"
    issue: int
    status: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class PactLinkIssued(Event):
    """A take-part link was issued to a member (by staff, or sent to the member's confirmed email)."""

    name = "pact_link_issued"
    member: int
    neighbourhood: str
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class PactMembersListed(Event):
    """Staff read the list of a neighbourhood's verified members (to issue take-part links)."""

    name = "pact_members_listed"
    neighbourhood: str
    rows: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class PactBallotCast(Event):
    """A verified member cast their ballot in a cycle (the choices are in the ballot, not the trail)."""

    name = "pact_ballot_cast"
    cycle: int
    ballot: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class PactPriorityAdopted(Event):
    """The team adopted a priority for a cycle, with its action, partners and dates."""

    name = "pact_priority_adopted"
    priority: int
    rank: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class PactUpdatePublished(Event):
    """A "you said, we did" update was published for a priority (and may close it)."""

    name = "pact_update_published"
    priority: int
    closes: bool


@dataclasses.dataclass(frozen=True, kw_only=True)
class PactMeetingRecorded(Event):
    """A PACT meeting was scheduled, or its minutes were published (held) or it was cancelled."""

    name = "pact_meeting_recorded"
    meeting: int
    status: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class PactNeighbourhoodSaved(Event):
    """A PACT neighbourhood was defined or its wards and LSOAs changed."""

    name = "pact_neighbourhood_saved"
    neighbourhood: str
    lsoas: int

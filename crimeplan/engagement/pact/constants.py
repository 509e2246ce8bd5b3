"""PACT (Partners and Communities Together) choices and limits."""

from __future__ import annotations

from django.db import models

from crimeplan.analytics.representativeness import AGE_BAND_LABELS, ETHNIC_GROUPS

#: A voter chooses at most this many priorities per cycle; the team adopts at most this many.
MAX_CHOICES = 3
MAX_PRIORITIES = 3
#: A take-part link works for this long after it is issued.
LINK_MAX_AGE_S = 60 * 60 * 24 * 30
LINK_SALT = "crimeplan.pact.take-part"
#: Rate limits: ballots and proposals per address, link requests per address.
VOTE_LIMIT = (30, 3600)  # per address: a community centre may help many members vote
PROPOSAL_LIMIT = (5, 3600)
LINK_REQUEST_LIMIT = (5, 3600)


class MeetingKind(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    ONLINE = "online", "Online"
    HYBRID = "hybrid", "Hybrid (in person and online)"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class CycleStage(models.TextChoices):
    PROPOSALS = "proposals", "Proposing issues"
    VOTING = "voting", "Voting"
    COUNTED = "counted", "Votes counted"
    ADOPTED = "adopted", "Priorities adopted"


class IssueStatus(models.TextChoices):
    PENDING = "pending", "Waiting for moderation"
    ACCEPTED = "accepted", "On the ballot"
    REJECTED = "rejected", "Not on the ballot"


class PriorityStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


#: Optional demographics a voter may give (Census 2021 categories, so votes can be weighted to the census).
AGE_BAND_CHOICES = [(label, label) for label in AGE_BAND_LABELS]
ETHNICITY_CHOICES = list(ETHNIC_GROUPS.items())

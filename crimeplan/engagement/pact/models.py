"""PACT records: neighbourhoods, meetings, cycles of proposals and votes, adopted priorities, "you said, we did".

A neighbourhood is a named set of wards and LSOAs (a police neighbourhood). A cycle runs proposals → voting →
counted → adopted. A ballot belongs to one verified member of the neighbourhood and one cycle (a database
constraint holds one per member per cycle) and chooses up to three accepted issues.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from crimeplan.engagement.pact.constants import (
    AGE_BAND_CHOICES,
    ETHNICITY_CHOICES,
    CycleStage,
    IssueStatus,
    MeetingKind,
    MeetingStatus,
    PriorityStatus,
)


class Neighbourhood(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    force = models.SlugField(max_length=40, default="lancashire", help_text="data.police.uk force id")
    description = models.TextField(blank=True)
    ward_codes = models.JSONField(default=list, blank=True, help_text="ONS ward codes (2019)")
    lsoa_codes = models.JSONField(
        default=list, blank=True, help_text="ONS 2011 LSOA codes (from the wards and any added)"
    )
    team_email = models.EmailField(blank=True)
    is_example = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        permissions = [
            ("run_pact", "Run PACT cycles, meetings and priorities for neighbourhoods"),
            ("issue_pact_links", "Issue take-part links to members (sees members' email addresses)"),
            ("view_representativeness", "See members and voters against the census, and under-heard LSOAs"),
        ]

    def __str__(self) -> str:
        return f"{self.name} (Example)" if self.is_example else self.name


class Meeting(models.Model):
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(max_length=12, choices=MeetingKind.choices)
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    link = models.URLField(blank=True, help_text="Where to join online")
    agenda = models.TextField(blank=True, help_text="One agenda item a line")
    status = models.CharField(max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    minutes = models.TextField(blank=True)
    cancel_reason = models.CharField(max_length=300, blank=True, help_text="Shown on the public page")
    attendees = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return f"{self.neighbourhood.name}: {self.get_kind_display()} meeting {self.starts_at:%d %B %Y}"

    @property
    def agenda_items(self) -> list[str]:
        return [line.strip() for line in self.agenda.splitlines() if line.strip()]


class Cycle(models.Model):
    neighbourhood = models.ForeignKey(Neighbourhood, on_delete=models.CASCADE, related_name="cycles")
    title = models.CharField(max_length=120, help_text="For example Spring 2026")
    stage = models.CharField(max_length=12, choices=CycleStage.choices, default=CycleStage.PROPOSALS)
    started_at = models.DateTimeField(default=timezone.now)
    voting_opened_at = models.DateTimeField(null=True, blank=True)
    voting_closed_at = models.DateTimeField(null=True, blank=True)
    adopted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.neighbourhood.name}: {self.title}"


class Issue(models.Model):
    """An issue a resident proposed for the cycle; the team moderates it onto the ballot or not."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="issues")
    title = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    place = models.CharField(max_length=150, blank=True, help_text="Street or place")
    status = models.CharField(max_length=10, choices=IssueStatus.choices, default=IssueStatus.PENDING)
    moderation_note = models.CharField(max_length=300, blank=True)
    proposed_by = models.ForeignKey(
        "engagement.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="pact_issues"
    )
    created_at = models.DateTimeField(default=timezone.now)
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class Ballot(models.Model):
    """One verified member's vote in one cycle, with the demographics they gave at the time."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="ballots")
    member = models.ForeignKey("engagement.Member", on_delete=models.CASCADE, related_name="pact_ballots")
    choices = models.ManyToManyField(Issue, related_name="ballots")
    age_band = models.CharField(max_length=8, choices=AGE_BAND_CHOICES, blank=True)
    ethnicity = models.CharField(max_length=8, choices=ETHNICITY_CHOICES, blank=True)
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cycle", "member"], name="pact_one_ballot_per_member")]

    def __str__(self) -> str:
        return f"Ballot {self.pk} in cycle {self.cycle_id}"


class Priority(models.Model):
    """An issue the team adopted, with its action, partners and dates (police.uk: issue, issue-date, action...)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.CASCADE, related_name="priorities")
    issue = models.ForeignKey(Issue, null=True, blank=True, on_delete=models.SET_NULL, related_name="priorities")
    rank = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=150)
    action = models.TextField(help_text="What the team and partners will do")
    partners = models.CharField(max_length=300, blank=True)
    adopted_on = models.DateField(default=timezone.localdate)
    review_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=8, choices=PriorityStatus.choices, default=PriorityStatus.OPEN)
    closed_on = models.DateField(null=True, blank=True)
    adopted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["cycle", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "rank"], name="pact_one_priority_per_rank"),
            models.CheckConstraint(condition=models.Q(rank__gte=1, rank__lte=3), name="pact_rank_1_to_3"),
        ]

    def __str__(self) -> str:
        return self.title


class Update(models.Model):
    """A published "you said, we did": what residents said and what the team did about a priority."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="updates")
    you_said = models.TextField()
    we_did = models.TextField()
    published_on = models.DateField(default=timezone.localdate)
    closes_priority = models.BooleanField(default=False)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-published_on", "-pk"]

    def __str__(self) -> str:
        return f"We did ({self.published_on:%d %B %Y})"

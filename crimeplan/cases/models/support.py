"""Needs, the action plan, interventions, outcome scores and volunteers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from crimeplan.accounts.models import Organisation
from crimeplan.cases.constants import ActionStatus, InterventionStatus, NeedLevel, Stage
from crimeplan.cases.models.cases import Case
from crimeplan.cases.models.config import NeedDomain, OutcomeScale, Service


class NeedAssessment(models.Model):
    """Needs rated across the domains at the start, a review or the close of a case."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    assessed_on = models.DateField()
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["assessed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} assessment, {self.assessed_on}"


class NeedRating(models.Model):
    assessment = models.ForeignKey(NeedAssessment, on_delete=models.CASCADE, related_name="ratings")
    domain = models.ForeignKey(NeedDomain, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(choices=NeedLevel.choices)

    class Meta:
        ordering = ["domain__order", "domain__name"]
        constraints = [models.UniqueConstraint(fields=["assessment", "domain"], name="one_rating_per_domain")]

    def __str__(self) -> str:
        return f"{self.domain}: {self.get_level_display()}"


class PlanAction(models.Model):
    """An action in the case's plan, with an owner and a due date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=300)
    domain = models.ForeignKey(NeedDomain, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    owner_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    owner_name = models.CharField(max_length=150, help_text="the person who will do it")
    due_on = models.DateField()
    status = models.CharField(max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    completed_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="done", completed_on__isnull=False) | ~Q(status="done"),
                name="done_actions_have_a_date",
            )
        ]

    def __str__(self) -> str:
        return self.description


class Intervention(models.Model):
    """A referral of the case on to a service in the directory, and what came of it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="interventions")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="interventions")
    status = models.CharField(max_length=15, choices=InterventionStatus.choices, default=InterventionStatus.REFERRED)
    referred_on = models.DateField()
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["referred_on", "pk"]

    def __str__(self) -> str:
        return f"{self.service} ({self.get_status_display()})"


class OutcomeScore(models.Model):
    """A score on an outcome scale at one stage (one start and one close score per scale)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="outcome_scores")
    scale = models.ForeignKey(OutcomeScale, on_delete=models.PROTECT, related_name="+")
    stage = models.CharField(max_length=10, choices=Stage.choices)
    score = models.SmallIntegerField()
    scored_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["scale__order", "scored_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "scale", "stage"], condition=~Q(stage="review"), name="one_start_and_close_score"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scale}: {self.score} ({self.get_stage_display()})"


class Volunteer(models.Model):
    """A volunteer of a partner agency, with their DBS check and training."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="volunteers")
    name = models.CharField(max_length=150)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    dbs_checked_on = models.DateField(null=True, blank=True, help_text="date of the latest enhanced DBS check")
    training = models.TextField(blank=True, help_text="courses completed")
    trained_on = models.DateField(null=True, blank=True)
    domains = models.ManyToManyField(NeedDomain, blank=True, related_name="+", help_text="needs they can help with")
    is_active = models.BooleanField(default=True)
    is_example = models.BooleanField(default=False, help_text="an invented volunteer for demonstration")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class VolunteerMatch(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="matches")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="volunteer_matches")
    matched_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-matched_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "case"], condition=Q(ended_on__isnull=True), name="one_open_match"
            )
        ]

    def __str__(self) -> str:
        return f"{self.volunteer} with {self.case}"


class VolunteerHours(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="hours")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    worked_on = models.DateField()
    hours = models.DecimalField(max_digits=4, decimal_places=2)
    activity = models.CharField(max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-worked_on", "-pk"]
        verbose_name_plural = "volunteer hours"
        constraints = [models.CheckConstraint(condition=Q(hours__gt=0, hours__lte=24), name="hours_in_a_day")]

    def __str__(self) -> str:
        return f"{self.volunteer}: {self.hours} h on {self.worked_on}"

"""Road safety records: STATS19 imports (with rejected rows) and partners' road-safety actions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from crimeplan.roads.constants import ActionKind


class Stats19Import(models.Model):
    """One STATS19 file as imported: counts reconcile (read = stored + rejected)."""

    file_name = models.CharField(max_length=200)
    source = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64, blank=True)
    table = models.CharField(max_length=20, blank=True)
    status = models.CharField(max_length=12)
    rows_read = models.PositiveIntegerField(default=0)
    rows_stored = models.PositiveIntegerField(default=0)
    rows_rejected = models.PositiveIntegerField(default=0)
    rejected_by_rule = models.JSONField(default=dict, blank=True)
    unknown_columns = models.JSONField(default=list, blank=True)
    partitions = models.JSONField(default=dict, blank=True)
    unattributed = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "file_name"]
        permissions = [("import_stats19", "Can import STATS19 road collision files")]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.status})"


class Stats19RejectedRow(models.Model):
    """A row a STATS19 rule refused, with where it was and why."""

    run = models.ForeignKey(Stats19Import, on_delete=models.CASCADE, related_name="rejected_rows")
    line = models.PositiveIntegerField(help_text="line number in the file (the header is line 1)")
    rule = models.CharField(max_length=40)
    value = models.TextField(blank=True)
    message = models.CharField(max_length=500)

    class Meta:
        ordering = ["run", "line"]

    def __str__(self) -> str:
        return f"line {self.line}: {self.rule}"


class RoadSafetyAction(models.Model):
    """A partner's road-safety action at a site: a Speedwatch session, a campaign or a scheme."""

    kind = models.CharField(max_length=20, choices=ActionKind.choices)
    title = models.CharField(max_length=200)
    partner = models.CharField(max_length=200)
    site = models.CharField(max_length=200, help_text="road and place, e.g. A647 Stanningley Road")
    force = models.SlugField(max_length=40)
    latitude = models.FloatField()
    longitude = models.FloatField()
    started_on = models.DateField()
    ended_on = models.DateField()
    vehicles_checked = models.PositiveIntegerField(null=True, blank=True)
    over_limit = models.PositiveIntegerField(null=True, blank=True, help_text="vehicles seen over the limit")
    notes = models.TextField(blank=True)
    is_example = models.BooleanField(default=False, help_text="demonstration record, never counted")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "title"]
        permissions = [("manage_actions", "Can record partners' road-safety actions")]
        constraints = [
            models.CheckConstraint(condition=models.Q(ended_on__gte=models.F("started_on")), name="roads_action_dates")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.started_on and self.ended_on and self.ended_on < self.started_on:
            raise ValidationError(
                {"ended_on": ValidationError("The end date must be on or after the start date.", code="dates")}
            )
        if not (49.8 <= self.latitude <= 60.95 and -8.7 <= self.longitude <= 1.8):
            raise ValidationError(
                {"latitude": ValidationError("The site must be in Great Britain.", code="outside_gb")}
            )
        if (
            self.over_limit is not None
            and self.vehicles_checked is not None
            and self.over_limit > self.vehicles_checked
        ):
            raise ValidationError(
                {"over_limit": ValidationError("More vehicles over the limit than checked.", code="over_limit")}
            )

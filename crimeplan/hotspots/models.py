"""Saved evaluations of the hotspot methods, so pages can say how accurate a map is."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q


class EvaluationRun(models.Model):
    """One rolling-origin evaluation of hotspot methods for a force and crime type.

    ``chosen_method`` is what the hotspot page shows for this force and crime type: the
    method with the highest median PAI at 5% coverage, or naive counts if none beat them.
    """

    force = models.SlugField(max_length=40)
    crime_type = models.SlugField(max_length=40, help_text="police.uk slug, or 'all' (all crime except ASB)")
    train_months = models.PositiveSmallIntegerField()
    cell_size = models.FloatField(help_text="metres")
    test_months = models.JSONField(default=list, blank=True, help_text="the months evaluated")
    skipped = models.JSONField(default=dict, blank=True, help_text="test month -> why it was not evaluated")
    unavailable = models.JSONField(default=dict, blank=True, help_text="method -> why it could not run")
    methods = models.JSONField(default=list)
    coverages = models.JSONField(default=list)
    grid = models.JSONField(default=dict, help_text="the grid's origin, cell size, cells and masking rule")
    peak_memory_mb = models.JSONField(default=dict, blank=True)
    chosen_method = models.CharField(max_length=40)
    choice_reason = models.CharField(max_length=300)
    beats_baseline = models.BooleanField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        permissions = [("view_hotspots", "Can see hotspot forecasts (page and API)")]
        indexes = [models.Index(fields=["force", "crime_type", "-created_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(train_months__gte=1), name="evaluation_trains_on_a_month"),
            models.CheckConstraint(condition=Q(cell_size__gt=0), name="evaluation_cell_size_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.force} {self.crime_type} evaluated {self.created_at:%Y-%m-%d %H:%M}"


class EvaluationScore(models.Model):
    """One method's accuracy on one test month at one coverage (NaN is stored as NULL)."""

    run = models.ForeignKey(EvaluationRun, on_delete=models.CASCADE, related_name="scores")
    method = models.CharField(max_length=40)
    test_month = models.CharField(max_length=7)
    coverage = models.FloatField()
    hit_rate = models.FloatField(null=True)
    pai = models.FloatField(null=True)
    pei = models.FloatField(null=True)
    best_hit_rate = models.FloatField(null=True)
    fit_predict_s = models.FloatField()
    area = models.CharField(
        max_length=8,
        choices=[("force", "force area"), ("active", "active cells")],
        default="force",
        help_text="force: every cell of the force's grid; active: cells with a non-ASB record in any month held",
    )
    flagged_with_crime = models.FloatField(
        null=True, help_text="share of the flagged cells with at least one record in the test month"
    )

    class Meta:
        ordering = ["run", "method", "area", "coverage", "test_month"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "method", "area", "test_month", "coverage"], name="one_score_per_area_cell"
            ),
            models.CheckConstraint(condition=Q(coverage__gt=0, coverage__lte=1), name="score_coverage_is_a_share"),
            models.CheckConstraint(
                condition=Q(hit_rate__isnull=True) | Q(hit_rate__gte=0, hit_rate__lte=1),
                name="score_hit_rate_is_a_share",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.method} {self.test_month} at {self.coverage:.1%} of the {self.get_area_display()}"

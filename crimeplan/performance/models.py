"""The Police and Crime Plan as data: priorities, their measures and figures entered by staff."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from crimeplan.analytics.months import parse_month
from crimeplan.analytics.vocabulary import CRIME_TYPES
from crimeplan.performance.constants import AreaLevel, Direction, Source, Statistic


class Plan(models.Model):
    """A Police and Crime Plan of one force's Commissioner."""

    force = models.SlugField(max_length=40, help_text="data.police.uk force id, e.g. lancashire")
    title = models.CharField(max_length=200)
    period = models.CharField(max_length=40, help_text="e.g. 2021 to 2025")
    url = models.URLField(blank=True, help_text="where the plan is published")

    class Meta:
        ordering = ["force", "title"]
        constraints = [models.UniqueConstraint(fields=["force", "title"], name="plan_title_unique_per_force")]

    def __str__(self) -> str:
        return self.title


class Priority(models.Model):
    """One line of the plan's "Tackling crime and re-offending" commitments."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities")
    number = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=120)
    commitment = models.TextField(help_text="what the plan commits to, in its own words")

    class Meta:
        ordering = ["plan", "number"]
        verbose_name_plural = "priorities"
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="priority_number_unique_per_plan")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Measure(models.Model):
    """How a priority is measured: a query over police-recorded crime, or a figure staff enter."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="measures")
    order = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=160)
    source = models.CharField(max_length=10, choices=Source.choices)
    direction = models.CharField(max_length=10, choices=Direction.choices)
    statistic = models.CharField(max_length=10, choices=Statistic.choices, default=Statistic.COUNT)
    crime_types = models.JSONField(default=list, blank=True, help_text="police.uk crime type names (store measures)")
    area_level = models.CharField(max_length=10, choices=AreaLevel.choices, default=AreaLevel.FORCE)
    area_code = models.CharField(max_length=9, blank=True, help_text="blank for the whole force")
    unit = models.CharField(max_length=40, blank=True, help_text="for entered figures, e.g. people, £, %")
    provider = models.CharField(
        max_length=80, blank=True, help_text="for module measures: the key of the module's provider"
    )
    is_count = models.BooleanField(
        default=True, help_text="entered figures that count events can be tested for significance; others cannot"
    )
    target = models.CharField(max_length=200, blank=True, help_text="the plan's target in words, if it sets one")
    source_note = models.CharField(max_length=300, blank=True, help_text="where entered figures come from")

    class Meta:
        ordering = ["priority", "order"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        unknown = [t for t in self.crime_types if t not in CRIME_TYPES]
        if unknown:
            raise ValidationError(
                {
                    "crime_types": ValidationError(
                        f"Not police.uk crime types: {', '.join(unknown)}", code="unknown_crime_type"
                    )
                }
            )
        if self.source == Source.STORE and not self.crime_types:
            raise ValidationError(
                {"crime_types": ValidationError("Choose the crime types this measure counts", code="no_crime_types")}
            )
        if self.source == Source.MODULE:
            from crimeplan.performance.providers import get_provider

            try:
                get_provider(self.provider)
            except ValueError as exc:
                raise ValidationError({"provider": ValidationError(str(exc), code="unknown_provider")}) from exc
        if self.area_level != AreaLevel.FORCE and not self.area_code:
            raise ValidationError(
                {
                    "area_code": ValidationError(
                        "Give the ONS code of the area, or measure the whole force", code="no_area_code"
                    )
                }
            )


class MeasureFigure(models.Model):
    """A figure entered for a measure over a period of whole months, with its source."""

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="figures")
    first_month = models.CharField(max_length=7, help_text="YYYY-MM")
    last_month = models.CharField(max_length=7, help_text="YYYY-MM")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    source = models.CharField(max_length=300)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure", "first_month"]
        permissions = [("enter_figures", "Can enter official plan figures that the dashboard and API publish")]
        constraints = [
            models.UniqueConstraint(fields=["measure", "first_month", "last_month"], name="one_figure_per_period"),
            models.CheckConstraint(
                condition=models.Q(first_month__lte=models.F("last_month")), name="figure_period_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value} ({self.first_month} to {self.last_month})"

    def clean(self) -> None:
        for name in ("first_month", "last_month"):
            try:
                parse_month(getattr(self, name))
            except ValueError as exc:
                raise ValidationError({name: ValidationError(str(exc), code="bad_month")}) from exc
        if self.first_month > self.last_month:
            raise ValidationError(
                {
                    "last_month": ValidationError(
                        "The last month must be the same as or after the first", code="period_order"
                    )
                }
            )


class PlanVersion(models.Model):
    """One row whose number goes up whenever anything the dashboard shows from the database changes.

    Bumped in the same transaction as the change (``crimeplan.performance.versions``), so a cached
    evaluation keyed by it is never older than the plan, its targets, entered figures or the
    records a module's provider counts.
    """

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"plan version {self.number}"


class TargetPoint(models.Model):
    """One point of a measure's target trajectory: the value to reach by the end of a month.

    Between points the target runs in a straight line; before the first and after the last it is
    that point's value. With ``per_months`` the value is an amount per that many months (``12`` for
    "£325,000 a year") and is scaled to the length of the period measured.
    """

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="trajectory")
    month = models.CharField(max_length=7, help_text="YYYY-MM: the month by whose end the value applies")
    value = models.DecimalField(max_digits=14, decimal_places=2)
    per_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="for a rate such as '£325,000 a year': the months the value covers (12)"
    )

    class Meta:
        ordering = ["measure", "month"]
        constraints = [models.UniqueConstraint(fields=["measure", "month"], name="one_target_point_per_month")]

    def __str__(self) -> str:
        return f"{self.measure}: {self.value} by {self.month}"

    def clean(self) -> None:
        try:
            parse_month(self.month)
        except ValueError as exc:
            raise ValidationError({"month": ValidationError(str(exc), code="bad_month")}) from exc

"""Commissioned services: contracts with providers, co-funding shares, KPIs and quarterly returns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from crimeplan.grants.constants import END_WARNING_DAYS, REVIEW_WARNING_DAYS, KpiMeasure


class Contract(models.Model):
    """A service bought rather than granted, e.g. substance-misuse treatment co-commissioned with councils."""

    reference = models.CharField(max_length=30, unique=True)
    title = models.CharField(max_length=160)
    service = models.CharField(max_length=120, help_text="e.g. adult drug and alcohol treatment")
    provider = models.CharField(max_length=160)
    starts_on = models.DateField()
    ends_on = models.DateField()
    review_on = models.DateField(null=True, blank=True)
    annual_value = models.DecimalField(max_digits=12, decimal_places=2)
    ndtms = models.BooleanField(
        default=False, help_text="a drug and alcohol treatment service reporting to NDTMS (returns use its measures)"
    )
    is_example = models.BooleanField(default=False)

    class Meta:
        ordering = ["ends_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="contract_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def flags(self, today: dt.date | None = None) -> list[str]:
        """Plain-words warnings: review due or passed, end date near or passed."""
        today = today or dt.date.today()
        found = []
        if self.review_on and self.review_on < today:
            found.append(f"Review was due on {self.review_on:%-d %B %Y}")
        elif self.review_on and (self.review_on - today).days <= REVIEW_WARNING_DAYS:
            found.append(f"Review due on {self.review_on:%-d %B %Y}")
        if self.ends_on < today:
            found.append(f"Ended on {self.ends_on:%-d %B %Y}")
        elif (self.ends_on - today).days <= END_WARNING_DAYS:
            found.append(f"Ends on {self.ends_on:%-d %B %Y}: decide whether to extend or re-procure")
        return found

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": ValidationError("The end date must be on or after the start date", code="order")}
            )


class CoFunding(models.Model):
    """One commissioner's share of a contract's cost."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="cofunding")
    commissioner = models.CharField(max_length=160)
    share_percent = models.DecimalField(max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["contract", "-share_percent"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(share_percent__gt=0) & models.Q(share_percent__lte=100), name="cofunding_share_range"
            ),
            models.UniqueConstraint(fields=["contract", "commissioner"], name="one_share_per_commissioner"),
        ]

    def __str__(self) -> str:
        return f"{self.commissioner}: {self.share_percent}%"

    @property
    def annual_amount(self) -> Decimal:
        return (self.contract.annual_value * self.share_percent / 100).quantize(Decimal("0.01"))


class Kpi(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="kpis")
    measure = models.CharField(max_length=30, choices=KpiMeasure.choices)
    target = models.DecimalField(max_digits=10, decimal_places=2)
    higher_is_better = models.BooleanField(default=True)

    class Meta:
        ordering = ["contract", "measure"]
        verbose_name = "KPI"
        constraints = [models.UniqueConstraint(fields=["contract", "measure"], name="one_kpi_per_measure")]

    def __str__(self) -> str:
        return f"{self.get_measure_display()}: {self.target}"


class PerformanceReturn(models.Model):
    """A quarter's figures from the provider, on the national drug treatment monitoring system's definitions."""

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="performance")
    quarter = models.CharField(max_length=6, help_text="e.g. 2024Q1")
    in_treatment = models.PositiveIntegerField(help_text="people in treatment at any time in the quarter")
    successful_completions = models.PositiveIntegerField(
        help_text="left treatment free of dependence and did not re-present"
    )
    cjs_referrals = models.PositiveIntegerField(help_text="new referrals from the criminal justice system")
    notes = models.TextField(blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contract", "quarter"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "quarter"], name="one_return_per_quarter"),
            models.CheckConstraint(
                condition=models.Q(successful_completions__lte=models.F("in_treatment")),
                name="completions_within_in_treatment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract.reference} {self.quarter}"

    @property
    def completion_rate(self) -> float | None:
        return self.successful_completions * 100 / self.in_treatment if self.in_treatment else None

    def value(self, measure: str) -> float | None:
        if measure == KpiMeasure.COMPLETION_RATE:
            return self.completion_rate
        return float(getattr(self, measure))

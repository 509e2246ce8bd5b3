"""Funds (a budget for a financial year, with rules) and their rounds and published criteria."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from crimeplan.grants.constants import FundKind, OrganisationType, Purpose

FINANCIAL_YEAR = re.compile(r"^(\d{4})-(\d{2})$")


def check_financial_year(value: str) -> None:
    match = FINANCIAL_YEAR.match(value)
    if not match or (int(match.group(1)) + 1) % 100 != int(match.group(2)):
        raise ValidationError("Enter a financial year like 2024-25", code="financial_year")


class Fund(models.Model):
    """Money to spend in one financial year, with its eligibility rules and the plan priorities it serves.

    ``awarded_total`` and ``paid_total`` are kept by the services under a row lock; database CHECK
    constraints refuse any write that would make the awards exceed the budget or payments exceed awards,
    so committed (awarded, not yet paid) + paid can never exceed the budget.
    """

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    code = models.CharField(max_length=6, help_text="short code used in reference numbers, e.g. CAF")
    kind = models.CharField(max_length=20, choices=FundKind.choices)
    force = models.SlugField(max_length=40, help_text="data.police.uk id of the force area the fund serves")
    description = models.TextField()
    financial_year = models.CharField(max_length=7, validators=[check_financial_year])
    budget = models.DecimalField(max_digits=12, decimal_places=2)
    budget_note = models.CharField(max_length=300, blank=True, help_text="where the budget figure comes from")
    min_award = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    max_award = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    match_funding_percent = models.DecimalField(
        max_digits=5, decimal_places=2, default=Decimal(0), help_text="least share of project costs from elsewhere"
    )
    eligible_org_types = models.JSONField(default=list, blank=True, help_text="organisation types; empty for any")
    eligible_areas = models.JSONField(default=list, blank=True, help_text="CSP codes; empty for the whole force")
    excluded_purposes = models.JSONField(default=list, blank=True)
    rules = models.JSONField(default=list, blank=True, help_text="eligibility rule codes; empty for every rule")
    priorities = models.ManyToManyField("performance.Priority", blank=True, related_name="funds")
    awarded_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0), editable=False)
    paid_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0), editable=False)
    is_example = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]
        permissions = [
            ("manage_grants", "Can manage funds, rounds, payments, monitoring, allocations and contracts"),
            ("decide_grants", "Can record panel decisions on grant applications"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(budget__gte=0), name="fund_budget_not_negative"),
            models.CheckConstraint(condition=models.Q(paid_total__gte=0), name="fund_paid_not_negative"),
            models.CheckConstraint(
                condition=models.Q(awarded_total__lte=models.F("budget")), name="fund_awards_within_budget"
            ),
            models.CheckConstraint(
                condition=models.Q(paid_total__lte=models.F("awarded_total")), name="fund_paid_within_awards"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.financial_year}"

    @property
    def committed(self) -> Decimal:
        """Awarded but not yet paid."""
        return self.awarded_total - self.paid_total

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.awarded_total

    def clean(self) -> None:
        unknown = set(self.eligible_org_types) - set(OrganisationType.values)
        if unknown:
            raise ValidationError(
                {
                    "eligible_org_types": ValidationError(
                        f"Unknown organisation types: {', '.join(sorted(unknown))}", code="unknown"
                    )
                }
            )
        unknown = set(self.excluded_purposes) - set(Purpose.values)
        if unknown:
            raise ValidationError(
                {
                    "excluded_purposes": ValidationError(
                        f"Unknown purposes: {', '.join(sorted(unknown))}", code="unknown"
                    )
                }
            )
        if self.max_award is not None and self.max_award < self.min_award:
            raise ValidationError(
                {"max_award": ValidationError("The maximum award must be at least the minimum", code="order")}
            )


class Round(models.Model):
    """A call for applications to a fund, open between two dates, with the staff assigned to assess it."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="rounds")
    title = models.CharField(max_length=120)
    opens_on = models.DateField()
    closes_on = models.DateField()
    panel_on = models.DateField(null=True, blank=True, help_text="when the decision panel meets")
    assessors = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="assessed_rounds")
    is_example = models.BooleanField(default=False)

    class Meta:
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(condition=models.Q(closes_on__gte=models.F("opens_on")), name="round_dates_in_order")
        ]

    def __str__(self) -> str:
        return f"{self.fund.name}: {self.title}"

    def is_open(self, today: dt.date | None = None) -> bool:
        today = today or dt.date.today()
        return self.opens_on <= today <= self.closes_on

    def clean(self) -> None:
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError(
                {"closes_on": ValidationError("The round must close on or after the day it opens", code="order")}
            )


class Criterion(models.Model):
    """A published assessment criterion of a fund, scored 0 to 5 with a weight."""

    fund = models.ForeignKey(Fund, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(max_length=120)
    guidance = models.TextField(help_text="what a strong answer shows")
    weight = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["fund", "order"]
        verbose_name_plural = "criteria"
        constraints = [models.UniqueConstraint(fields=["fund", "order"], name="criterion_order_unique_per_fund")]

    def __str__(self) -> str:
        return self.title

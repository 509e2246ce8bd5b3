"""Panel decisions, awards and their payments and monitoring returns; CSP allocation decision records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db import models

from crimeplan.grants.constants import AwardStatus, DecisionOutcome, PaymentStatus, ReturnKind
from crimeplan.grants.models.applications import Application
from crimeplan.grants.models.funds import Fund


class Decision(models.Model):
    """The panel's decision on an application, with its reasons and any conditions."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="decision")
    outcome = models.CharField(max_length=10, choices=DecisionOutcome.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    reasons = models.TextField()
    conditions = models.TextField(blank=True)
    panel_on = models.DateField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.application}: {self.get_outcome_display()}"


class Award(models.Model):
    """Money committed to an applicant. ``paid_total`` is kept by the payment service under a row lock."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="award")
    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="awards")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    paid_total = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0), editable=False)
    status = models.CharField(max_length=10, choices=AwardStatus.choices, default=AwardStatus.ACTIVE)
    awarded_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-awarded_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="award_amount_positive"),
            models.CheckConstraint(condition=models.Q(paid_total__gte=0), name="award_paid_not_negative"),
            models.CheckConstraint(
                condition=models.Q(paid_total__lte=models.F("amount")), name="award_paid_within_amount"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application} £{self.amount}"

    @property
    def committed(self) -> Decimal:
        return self.amount - self.paid_total


class Payment(models.Model):
    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="payments")
    due_on = models.DateField()
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    status = models.CharField(max_length=10, choices=PaymentStatus.choices, default=PaymentStatus.SCHEDULED)
    paid_on = models.DateField(null=True, blank=True)
    reference = models.CharField(max_length=60, blank=True, help_text="the finance system's payment reference")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["award", "due_on", "id"]
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gt=0), name="payment_amount_positive"),
            models.CheckConstraint(
                condition=models.Q(status="scheduled") | models.Q(paid_on__isnull=False), name="paid_payment_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"£{self.amount} due {self.due_on}"


class MonitoringReturn(models.Model):
    """A report the grantee owes: outputs delivered, outcomes seen and money spent."""

    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="returns")
    kind = models.CharField(max_length=8, choices=ReturnKind.choices)
    due_on = models.DateField()
    received_on = models.DateField(null=True, blank=True)
    outputs = models.TextField(blank=True, help_text="what was delivered, e.g. 24 sessions, 60 young people")
    outcomes = models.TextField(blank=True, help_text="what changed, against the outcomes promised")
    spend = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["award", "due_on"]
        constraints = [models.UniqueConstraint(fields=["award", "kind", "due_on"], name="one_return_per_due_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} return due {self.due_on}"

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.received_on is None and self.due_on < (today or dt.date.today())


class AllocationDecision(models.Model):
    """A dated record of the CSP allocation: the weights, the inputs and each partnership's share."""

    title = models.CharField(max_length=160)
    force = models.SlugField(max_length=40)
    financial_year = models.CharField(max_length=7)
    total = models.PositiveIntegerField(help_text="whole pounds to allocate")
    weights = models.JSONField()
    previous_weights = models.JSONField(null=True, blank=True)
    first_month = models.CharField(max_length=7)
    last_month = models.CharField(max_length=7)
    deprived_deciles = models.PositiveSmallIntegerField(default=2)
    results = models.JSONField(help_text="per CSP: inputs, share and amount under these and the previous weights")
    rationale = models.TextField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(auto_now_add=True)
    is_example = models.BooleanField(default=False)

    class Meta:
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.decided_at:%d %B %Y})" if self.decided_at else self.title

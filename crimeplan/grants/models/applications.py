"""An application (the public journey's answers), its budget lines and outcomes, and its assessments."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from crimeplan.grants.constants import (
    MAX_SCORE,
    ApplicationStatus,
    AreaLevel,
    OrganisationType,
    Purpose,
    Recommendation,
)
from crimeplan.grants.models.funds import Criterion, Round


class Application(models.Model):
    """What an applicant told us. Saved after every page, so nothing typed is lost; submitted once eligible.

    The applicant is known by the email address and a return link: only a hash of the link's token is
    stored. ``eligibility`` holds the failures of the last check (empty once eligible).
    """

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="applications")
    reference = models.CharField(max_length=20, unique=True, null=True, blank=True)
    status = models.CharField(max_length=12, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT)
    email = models.EmailField()
    token_hash = models.CharField(max_length=64, unique=True)
    token_issued_at = models.DateTimeField()
    org_type = models.CharField(max_length=20, choices=OrganisationType.choices, blank=True)
    org_name = models.CharField("organisation name", max_length=200, blank=True)
    charity_number = models.CharField(max_length=12, blank=True)
    company_number = models.CharField(max_length=10, blank=True)
    has_constitution = models.BooleanField(null=True, blank=True)
    org_postcode = models.CharField("postcode", max_length=8, blank=True)
    contact_name = models.CharField(max_length=120, blank=True)
    contact_phone = models.CharField(max_length=20, blank=True)
    title = models.CharField("project name", max_length=140, blank=True)
    summary = models.TextField("what the project will do", blank=True)
    purpose = models.CharField(max_length=12, choices=Purpose.choices, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    area_level = models.CharField(max_length=4, choices=AreaLevel.choices, blank=True)
    area_codes = models.JSONField(default=list, blank=True)
    priorities = models.ManyToManyField("performance.Priority", blank=True, related_name="grant_applications")
    match_funding = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal(0))
    eligibility = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    moderated_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    moderation_note = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_erased_on = models.DateField(
        null=True, blank=True, editable=False, help_text="when retention erased the contact details"
    )
    is_example = models.BooleanField(default=False)

    class Meta:
        ordering = ["-submitted_at", "-created_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(match_funding__gte=0), name="application_match_not_negative"),
            models.CheckConstraint(
                condition=models.Q(start_date__isnull=True)
                | models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="application_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.reference or f"Draft application {self.pk}"

    @property
    def requested(self) -> Decimal:
        return sum((line.amount for line in self.budget_lines.all()), Decimal(0))

    @property
    def total_cost(self) -> Decimal:
        return self.requested + self.match_funding

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": ValidationError("The end date must be the same as or after the start date", code="order")}
            )


class BudgetLine(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="budget_lines")
    item = models.CharField(max_length=140)
    amount = models.DecimalField(max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))])

    class Meta:
        ordering = ["application", "id"]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gt=0), name="budget_line_positive")]

    def __str__(self) -> str:
        return f"{self.item}: £{self.amount}"


class Outcome(models.Model):
    """A change the project promises, how it will be measured and the target."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="outcomes")
    description = models.CharField(max_length=300)
    measure = models.CharField(max_length=200, help_text="how you will know")
    target = models.CharField(max_length=100)

    class Meta:
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return self.description


class Assessment(models.Model):
    """One assessor's view of an application: a conflict-of-interest declaration, then scores."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="assessments")
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessments")
    conflict = models.BooleanField(help_text="the assessor has a conflict of interest and must not score")
    conflict_details = models.TextField(blank=True)
    recommendation = models.CharField(max_length=12, choices=Recommendation.choices, blank=True)
    comments = models.TextField(blank=True)
    declared_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["application", "declared_at"]
        constraints = [models.UniqueConstraint(fields=["application", "assessor"], name="one_assessment_per_assessor")]

    def __str__(self) -> str:
        return f"{self.application} by {self.assessor}"

    @property
    def weighted_score(self) -> Decimal | None:
        """Σ weight × score / Σ weight, out of 5."""
        scores = list(self.scores.select_related("criterion"))
        total_weight = sum(s.criterion.weight for s in scores)
        if not scores or not total_weight:
            return None
        return Decimal(sum(s.criterion.weight * s.score for s in scores)) / Decimal(total_weight)


class Score(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(0), MaxValueValidator(MAX_SCORE)])
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["assessment", "criterion__order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="one_score_per_criterion"),
            models.CheckConstraint(condition=models.Q(score__lte=MAX_SCORE), name="score_at_most_max"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"

"""Configuration a partnership sets once: programmes, need domains, outcome scales, services, the ASB policy."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from crimeplan.accounts.models import Organisation
from crimeplan.cases.constants import DataCategory, ProgrammeKind, ServiceKind


class Programme(models.Model):
    """A programme cases belong to (Early Action, IOM, ASB case review), with its retention schedule."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    code = models.CharField(max_length=6, unique=True, help_text="prefix of case references, e.g. EA")
    kind = models.CharField(max_length=20, choices=ProgrammeKind.choices)
    description = models.TextField(blank=True)
    lead_organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="owns every case referred to the programme; if empty, the referring agency owns it",
    )
    accepts_public_referrals = models.BooleanField(default=False)
    retention_months = models.PositiveIntegerField(
        help_text="months after a case is closed or declined before it is deleted"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.accepts_public_referrals and self.lead_organisation_id is None:
            raise ValidationError(
                {
                    "lead_organisation": ValidationError(
                        "Choose the lead organisation that will receive public referrals", code="public_needs_lead"
                    )
                },
            )


class NeedDomain(models.Model):
    """An area of need assessed for every case; the seven reducing-reoffending pathways by default."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    description = models.CharField(max_length=300, blank=True)
    data_category = models.CharField(max_length=20, choices=DataCategory.choices, default=DataCategory.CIRCUMSTANCES)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class OutcomeScale(models.Model):
    """A scale scored at the start, reviews and close of a case (defined locally, not a licensed tool)."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    question = models.CharField(max_length=300, help_text="what the worker and the person answer together")
    minimum = models.SmallIntegerField(default=1)
    maximum = models.SmallIntegerField(default=5)
    low_label = models.CharField(max_length=100)
    high_label = models.CharField(max_length=100)
    higher_is_better = models.BooleanField(default=True)
    data_category = models.CharField(max_length=20, choices=DataCategory.choices, default=DataCategory.CIRCUMSTANCES)
    order = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "name"]
        constraints = [models.CheckConstraint(condition=Q(maximum__gt=F("minimum")), name="outcome_scale_has_a_range")]

    def __str__(self) -> str:
        return self.name


class FundedProject(models.Model):
    """A project paid for by a fund (e.g. the Reducing Reoffending Fund); the Board reports on its cohort.

    A project paid by a grant in crimeplan's grants register links to that award (and so to its fund);
    ``fund_name`` is only for a fund the register does not hold.
    """

    name = models.CharField(max_length=200, unique=True)
    award = models.ForeignKey(
        "grants.Award",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="funded_projects",
        help_text="the grant award that pays for the project",
    )
    fund_name = models.CharField(max_length=200, blank=True, help_text="only when no award in the register pays it")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    description = models.TextField(blank=True)
    is_example = models.BooleanField(default=False, help_text="demonstration data, not a real project")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def fund(self) -> str:
        """The fund that pays for the project: the award's fund, else the name given."""
        return self.award.fund.name if self.award is not None else self.fund_name

    def clean(self) -> None:
        if not self.award_id and not self.fund_name:
            raise ValidationError(
                {"award": ValidationError("Choose the grant award that pays for the project", code="no_fund")}
            )


class Service(models.Model):
    """An entry in the service directory: what a case can be referred on to."""

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=ServiceKind.choices)
    provider = models.CharField(max_length=200)
    project = models.ForeignKey(FundedProject, null=True, blank=True, on_delete=models.PROTECT, related_name="services")
    domains = models.ManyToManyField(NeedDomain, blank=True, related_name="services")
    data_category = models.CharField(
        max_length=20,
        choices=DataCategory.choices,
        default=DataCategory.CIRCUMSTANCES,
        help_text="health for treatment services: a referral to them is health data",
    )
    description = models.TextField(blank=True)
    contact = models.CharField(max_length=200, blank=True)
    is_active = models.BooleanField(default=True)
    is_example = models.BooleanField(default=False, help_text="demonstration data, not a real service")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AsbPolicy(models.Model):
    """The ASB case review ("community trigger") threshold and deadlines; the latest row applies."""

    threshold_incidents = models.PositiveSmallIntegerField(default=3)
    window_months = models.PositiveSmallIntegerField(default=6)
    decision_days = models.PositiveSmallIntegerField(
        default=10, help_text="calendar days from the trigger to telling the victim whether the threshold is met"
    )
    meeting_days = models.PositiveSmallIntegerField(
        default=25, help_text="calendar days from the trigger to the review meeting"
    )
    outcome_days = models.PositiveSmallIntegerField(
        default=5, help_text="calendar days from the meeting to sending the victim the outcome"
    )
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "ASB case review policy"
        verbose_name_plural = "ASB case review policy"
        constraints = [
            models.CheckConstraint(condition=Q(threshold_incidents__gte=1), name="asb_threshold_positive"),
            models.CheckConstraint(condition=Q(window_months__gte=1), name="asb_window_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.threshold_incidents} complaints in {self.window_months} months"

    @classmethod
    def current(cls) -> AsbPolicy:
        return cls.objects.order_by("-pk").first() or cls()

"""A case, its multi-agency team, its status history and its timeline."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from crimeplan.accounts.models import Organisation
from crimeplan.cases.constants import (
    CONSENT_BASES,
    CloseReason,
    DataCategory,
    EntryKind,
    IomCohort,
    ProgrammeKind,
    ReferralBasis,
    RiskLevel,
    Status,
)
from crimeplan.cases.models.config import FundedProject, NeedDomain, Programme
from crimeplan.cases.models.people import Person


class ReferralSource(models.TextChoices):
    PARTNER = "partner", "Partner agency"
    PUBLIC = "public", "Public referral form"
    API = "api", "Partner system (API)"
    ASB_TRIGGER = "asb_trigger", "ASB case review threshold"


class Case(models.Model):
    """Work with one person in one programme, owned by one agency."""

    reference = models.CharField(max_length=20, unique=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="cases")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cases")
    owner = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="owned_cases")
    source = models.CharField(max_length=20, choices=ReferralSource.choices)
    referred_by = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="referred_cases"
    )
    referrer_name = models.CharField(max_length=150, blank=True)
    referrer_contact = models.CharField(max_length=200, blank=True)
    reason = models.TextField()
    needs = models.ManyToManyField(NeedDomain, blank=True, related_name="+", help_text="needs named at referral")
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices)
    risk_notes = models.TextField(blank=True, help_text="risks to the person, to others or to workers")
    iom_cohort = models.CharField(max_length=10, choices=IomCohort.choices, blank=True)
    basis = models.CharField(
        max_length=20,
        choices=ReferralBasis.choices,
        blank=True,
        help_text="consent or the lawful basis for the referral; needed before the case is accepted",
    )
    basis_reason = models.TextField(blank=True, help_text="why consent is not the basis, when it is not")
    funded_project = models.ForeignKey(
        FundedProject, null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    lead_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="lead_cases"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REFERRED)
    status_changed_at = models.DateTimeField()
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    is_example = models.BooleanField(default=False, help_text="demonstration data, not a real case")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        permissions = [
            ("view_board_report", "Can view Reducing Reoffending Board reports (aggregates only)"),
            ("handle_subject_access", "Can export and rectify everything held about a person (data protection)"),
        ]
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.iom_cohort and self.programme_id and self.programme.kind != ProgrammeKind.IOM:
            errors["iom_cohort"] = ValidationError(
                "Only Integrated Offender Management cases have a fixed, flex or free cohort", code="not_iom"
            )
        if self.lead_worker_id and self.lead_worker.organisation_id != self.owner_id:  # type: ignore[union-attr]
            errors["lead_worker"] = ValidationError(
                "The lead worker must work for the agency that owns the case", code="other_agency"
            )
        if self.close_reason and self.status != Status.CLOSED:
            errors["close_reason"] = ValidationError("Only a closed case has a closing reason", code="not_closed")
        if self.basis and self.basis not in CONSENT_BASES and not self.basis_reason.strip():
            errors["basis_reason"] = ValidationError(
                "Say why the person's consent is not the basis for this referral", code="basis_reason"
            )
        if errors:
            raise ValidationError(errors)


class TeamMember(models.Model):
    """An agency in the case's multi-agency team: it can see the case and add to it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=150, help_text="what this agency does for the person")
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [models.UniqueConstraint(fields=["case", "organisation"], name="one_team_place_per_agency")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.role})"


class StatusChange(models.Model):
    """One step of the status workflow, with the reason given."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Status.choices)
    reason = models.TextField(blank=True)
    close_reason = models.CharField(max_length=20, choices=CloseReason.choices, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    by_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} → {self.to_status}"


class TimelineEntry(models.Model):
    """A dated entry in the case's timeline: a contact, note, assessment, action, outcome or status change."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="timeline")
    kind = models.CharField(max_length=20, choices=EntryKind.choices)
    occurred_on = models.DateField()
    summary = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    data_category = models.CharField(max_length=20, choices=DataCategory.choices, default=DataCategory.CIRCUMSTANCES)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by_name = models.CharField(max_length=150, blank=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name_plural = "timeline entries"

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.summary}"

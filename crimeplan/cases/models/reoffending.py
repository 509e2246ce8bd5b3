"""Reoffending cohorts, their members and their proven offences."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from crimeplan.accounts.models import Organisation
from crimeplan.cases.constants import Disposal, OffenceSource, Sex
from crimeplan.cases.models.cases import Case
from crimeplan.cases.models.config import FundedProject, Programme
from crimeplan.cases.models.people import Person


class StartEvent(models.TextChoices):
    RELEASE = "release", "Release from custody"
    COURT_ORDER = "court_order", "Start of a court order"
    CAUTION = "caution", "Caution"
    CASE_START = "case_start", "Start of the case"


class Cohort(models.Model):
    """People whose proven reoffending is measured from a start event (e.g. an IOM or funded project cohort)."""

    name = models.CharField(max_length=200, unique=True)
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="cohorts")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="cohorts", help_text="the agency that manages it"
    )
    funded_project = models.ForeignKey(
        FundedProject, null=True, blank=True, on_delete=models.SET_NULL, related_name="cohorts"
    )
    description = models.TextField(blank=True)
    is_example = models.BooleanField(default=False, help_text="demonstration data, not a real cohort")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CohortMember(models.Model):
    """One person in a cohort: the start event and the OGRS3 inputs and result at that date.

    ``person`` and ``case`` are cleared when retention deletes them; the member stays, without
    anyone's identity, so the cohort's figures do not change.
    """

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="members")
    reference = models.CharField(max_length=40)
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="cohorts")
    case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.SET_NULL, related_name="cohort_members")
    start_event = models.CharField(max_length=20, choices=StartEvent.choices)
    start_date = models.DateField()
    sex = models.CharField(max_length=10, choices=Sex.choices)
    age_at_start = models.PositiveSmallIntegerField()
    age_first_sanction = models.PositiveSmallIntegerField()
    sanctions = models.PositiveIntegerField(help_text="every sanction, including the current one")
    offence_category = models.CharField(max_length=60)
    offence_code = models.CharField(max_length=5, blank=True)
    ogrs3_one_year = models.FloatField()
    ogrs3_two_year = models.FloatField()
    ogrs3_band = models.CharField(max_length=10)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reference"]
        constraints = [
            models.UniqueConstraint(fields=["cohort", "reference"], name="member_reference_unique_in_cohort"),
            models.CheckConstraint(condition=Q(age_first_sanction__lte=F("age_at_start")), name="first_before_now"),
        ]

    def __str__(self) -> str:
        return self.reference


class OffenceImport(models.Model):
    """A file of proven offences loaded into a cohort, with its reconciliation."""

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="imports")
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64)
    rows_read = models.PositiveIntegerField()
    rows_stored = models.PositiveIntegerField()
    rows_rejected = models.PositiveIntegerField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rows_read=F("rows_stored") + F("rows_rejected")),
                name="offence_import_reconciles",
                violation_error_message="rows read must equal rows stored plus rows rejected",
            )
        ]

    def __str__(self) -> str:
        return self.file_name


class OffenceImportRejection(models.Model):
    run = models.ForeignKey(OffenceImport, on_delete=models.CASCADE, related_name="rejections")
    line = models.PositiveIntegerField()
    column = models.CharField(max_length=40, blank=True)
    value = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=300)

    class Meta:
        ordering = ["run", "line"]

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


class ProvenOffence(models.Model):
    """An offence by a cohort member proven by a conviction or caution."""

    member = models.ForeignKey(CohortMember, on_delete=models.CASCADE, related_name="offences")
    offence_date = models.DateField()
    proven_date = models.DateField()
    disposal = models.CharField(max_length=12, choices=Disposal.choices)
    offence_code = models.CharField(max_length=5, blank=True)
    description = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=10, choices=OffenceSource.choices)
    imported_in = models.ForeignKey(
        OffenceImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="offences"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["offence_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(proven_date__gte=F("offence_date")), name="proven_after_committed"),
            models.UniqueConstraint(
                fields=["member", "offence_date", "proven_date", "disposal", "offence_code"],
                name="offence_recorded_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.offence_date} ({self.get_disposal_display()} {self.proven_date})"

"""Hate-crime reports, the strands they name, third-party reporting centres and campaigns."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models

from crimeplan.accounts.models import Organisation
from crimeplan.reporting.constants import IncidentKind, Reporter, Status, UpdateKind, Via


def attachment_storage() -> FileSystemStorage:
    """Attachments live under the data folder, never under the web root or MEDIA_URL."""
    return FileSystemStorage(location=settings.DATA_DIR / "reporting-attachments", base_url=None)


class Strand(models.Model):
    """A reason a reporter thinks it happened: the five monitored strands and locally recorded others."""

    slug = models.SlugField(max_length=40, unique=True)
    label = models.CharField(max_length=80)
    wording = models.CharField(max_length=200, help_text="ends 'do you, or anyone else, think it was …'")
    is_monitored = models.BooleanField(default=False, help_text="one of the five nationally monitored strands")
    is_active = models.BooleanField(default=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-is_monitored", "order", "label"]

    def __str__(self) -> str:
        return self.label


class Centre(models.Model):
    """A third-party reporting centre: a community organisation whose trained staff take reports."""

    organisation = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="reporting_centre")
    address = models.TextField(max_length=500)
    postcode = models.CharField(max_length=10, blank=True)
    opening_times = models.CharField(max_length=300)
    languages = models.CharField(max_length=300, help_text="languages spoken, e.g. English, Urdu, Polish")
    strands = models.ManyToManyField(Strand, blank=True, related_name="centres")
    is_active = models.BooleanField(default=True)
    is_example = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organisation__name"]
        permissions = [("manage_centres", "Register third-party reporting centres and their staff")]

    def __str__(self) -> str:
        return self.organisation.name


class TrainedStaff(models.Model):
    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="staff")
    name = models.CharField(max_length=120)
    trained_on = models.DateField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} (trained {self.trained_on:%-d %B %Y})"


class Report(models.Model):
    """One report of a hate crime or hate incident, followed up by its tracking code."""

    tracking_code = models.CharField(max_length=20, unique=True, editable=False)
    reporter = models.CharField(max_length=20, choices=Reporter.choices)
    victim_consented = models.BooleanField(
        default=False, help_text="for a report made on someone's behalf: they agreed to it being made"
    )
    description = models.TextField()
    occurred_on = models.DateField()
    postcode = models.CharField(max_length=10, blank=True)
    lsoa_code = models.CharField(max_length=9, blank=True)
    local_authority_code = models.CharField(max_length=9, blank=True)
    online_platform = models.CharField(max_length=100, blank=True)
    strands = models.ManyToManyField(Strand, related_name="reports")
    incident_kind = models.CharField(max_length=20, choices=IncidentKind.choices, default=IncidentKind.NOT_SURE)
    offender = models.TextField(max_length=1000, blank=True, help_text="the person responsible, if known")
    consent_police = models.BooleanField(default=False)
    consent_support = models.BooleanField(default=False)
    contact_name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)
    repeat_victim = models.BooleanField(default=False)
    vulnerable = models.BooleanField(default=False)
    ongoing_threat = models.BooleanField(default=False)
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.RECEIVED)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    triaged_at = models.DateTimeField(null=True, blank=True)
    police_reference = models.CharField(max_length=40, blank=True)
    passed_to_police_at = models.DateTimeField(null=True, blank=True)
    referred_to = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="hate_referrals"
    )
    service_reference = models.CharField(max_length=30, blank=True, help_text="the commissioned service's contract")
    referred_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=300, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    centre = models.ForeignKey(Centre, null=True, blank=True, on_delete=models.PROTECT, related_name="reports")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.PUBLIC)
    is_example = models.BooleanField(default=False)
    delete_after = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        permissions = [
            ("triage_reports", "Triage hate-crime reports from every source and route them"),
            ("view_reporting_gap", "See the reporting-gap estimate and campaign effects"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(postcode="", lsoa_code="", online_platform=""), name="report_has_a_place"
            )
        ]
        indexes = [models.Index(fields=["status", "created_at"]), models.Index(fields=["occurred_on"])]

    def __str__(self) -> str:
        return f"Report {self.pk} ({self.get_status_display()})"

    @property
    def is_online(self) -> bool:
        return bool(self.online_platform)

    @property
    def place(self) -> str:
        return (self.online_platform and f"Online: {self.online_platform}") or self.postcode or self.lsoa_code


class ReportUpdate(models.Model):
    """A status change, a staff message, or something the reporter added; ``is_public`` ones show on /track/."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="updates")
    at = models.DateTimeField(auto_now_add=True)
    kind = models.CharField(max_length=10, choices=UpdateKind.choices)
    status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    text = models.TextField(max_length=2000, blank=True)
    is_public = models.BooleanField(default=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} at {self.at:%Y-%m-%d %H:%M}"


class Attachment(models.Model):
    """An image or PDF (for example a screenshot of online abuse), checked by its first bytes and size."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=attachment_storage, upload_to="%Y/%m/")
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200)
    at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class Campaign(models.Model):
    """An awareness campaign (e.g. #saynotohate, National Hate Crime Awareness Week) with dates and areas."""

    name = models.CharField(max_length=160)
    starts_on = models.DateField()
    ends_on = models.DateField()
    area_codes = models.JSONField(default=list, blank=True, help_text="local authority codes; empty for everywhere")
    is_example = models.BooleanField(default=False)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="campaign_dates_in_order"
            )
        ]

    def __str__(self) -> str:
        return self.name

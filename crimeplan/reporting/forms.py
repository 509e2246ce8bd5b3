"""Staff forms: triage actions, centres and their staff, and a centre's report on someone's behalf."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings

from crimeplan.accounts.models import Organisation
from crimeplan.geography.selectors import local_authority_populations
from crimeplan.grants.selectors import commissioned_services
from crimeplan.reporting.constants import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_SIGNATURES,
    DESCRIPTION_MAX,
    UPDATE_MAX,
    IncidentKind,
    Reporter,
    Status,
)
from crimeplan.reporting.models import Campaign, Centre, Strand
from crimeplan.reporting.services.reports import ReportDetails


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="New status", choices=Status.choices)
    text = forms.CharField(label="Message to the reporter (optional)", required=False, max_length=UPDATE_MAX)
    outcome = forms.CharField(label="Outcome (when closing)", required=False, max_length=300)


class MessageForm(forms.Form):
    text = forms.CharField(
        label="Message to the reporter", max_length=UPDATE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class PoliceForm(forms.Form):
    police_reference = forms.CharField(
        label="Police reference", required=False, max_length=40, help_text="Enter it when the force sends it back."
    )


class SupportForm(forms.Form):
    service = forms.ChoiceField(label="Commissioned victim service")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(c.reference, f"{c.title} ({c.provider})") for c in commissioned_services()]


class CentreForm(forms.ModelForm):  # type: ignore[type-arg]
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.filter(is_active=True, kind__in=["charity", "other"]),
        help_text="A charity or other community organisation; its staff sign in with their own accounts.",
    )
    strands = forms.ModelMultipleChoiceField(
        queryset=Strand.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Strands the centre specialises in",
    )

    class Meta:
        model = Centre
        fields = ["organisation", "address", "postcode", "opening_times", "languages", "strands"]


class StaffForm(forms.Form):
    name = forms.CharField(label="Name", max_length=120)
    trained_on = forms.DateField(
        label="Date trained", widget=forms.DateInput(attrs={"type": "date"}), help_text="For example, 2025-03-14"
    )

    def clean_trained_on(self) -> dt.date:
        when: dt.date = self.cleaned_data["trained_on"]
        if when > dt.date.today():
            raise forms.ValidationError("The training date must be today or in the past", code="future")
        return when


class AttachmentForm(forms.Form):
    file = forms.FileField(label="Add a picture or PDF", help_text="PNG, JPEG or PDF, 5 MB at most.")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > ATTACHMENT_MAX_BYTES:
            raise forms.ValidationError("The file must be 5 MB or smaller", code="size")
        head = upload.read(8)
        upload.seek(0)
        kind = next((t for sig, t in ATTACHMENT_SIGNATURES.items() if head.startswith(sig)), None)
        if kind is None:
            raise forms.ValidationError("The file must be a PNG, JPEG or PDF", code="type")
        upload.checked_type = kind
        return upload


class CampaignForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Campaign
        fields = ["name", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }


class CentreReportForm(forms.Form):
    """Everything on one page, for a centre's trained member of staff reporting with the person."""

    reporter = forms.ChoiceField(label="Who is reporting", choices=Reporter.choices, initial=Reporter.THIRD_PARTY)
    victim_consented = forms.BooleanField(
        label="The person it happened to agreed to this report",
        required=False,
        help_text="Required when you report for someone: record that they agreed.",
    )
    description = forms.CharField(
        label="What happened", max_length=DESCRIPTION_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
    incident_kind = forms.ChoiceField(label="A crime?", choices=IncidentKind.choices, initial=IncidentKind.NOT_SURE)
    occurred_on = forms.DateField(label="Date it happened", widget=forms.DateInput(attrs={"type": "date"}))
    postcode = forms.CharField(label="Postcode", required=False, max_length=10)
    online_platform = forms.CharField(label="Or, if online, the website or app", required=False, max_length=100)
    strands = forms.ModelMultipleChoiceField(
        label="They, or anyone else, think it happened because of",
        queryset=Strand.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    offender = forms.CharField(label="Who did it, if known", required=False, max_length=1000)
    consent_police = forms.BooleanField(label="They agree to the police seeing the report", required=False)
    consent_support = forms.BooleanField(label="They agree to a victim service contacting them", required=False)
    contact_name = forms.CharField(label="Their name (optional)", required=False, max_length=120)
    email = forms.EmailField(label="Their email (optional)", required=False)
    phone = forms.CharField(label="Their phone (optional)", required=False, max_length=30)

    def details(self) -> ReportDetails:
        data = dict(self.cleaned_data)
        data["strands"] = [s.slug for s in data["strands"]]
        return ReportDetails(**data)


class AreaForm(forms.Form):
    local_authority_code = forms.ChoiceField(
        label="Local authority", help_text="Where it happened, so the report counts in the reporting-gap map."
    )

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["local_authority_code"]
        assert isinstance(field, forms.ChoiceField)
        areas = sorted(local_authority_populations(settings.DEFAULT_FORCE), key=lambda a: str(a["la_name"]))
        field.choices = [(a["la_code"], a["la_name"]) for a in areas]

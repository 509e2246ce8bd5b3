"""Engagement forms: sign-up and a member's own page, SMS code, replies, composing alerts, triage."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from crimeplan.engagement.constants import (
    AGE_BAND_ANSWERS,
    ALERT_TEMPLATES,
    ETHNICITY_ANSWERS,
    Channel,
    MemberKind,
    Priority,
    Provider,
    ReplyKind,
    Topic,
)
from crimeplan.engagement.services.members import Preferences
from crimeplan.geography import selectors as geography

RADIUS_CHOICES = [
    ("", "No, just my own area and the wards I choose"),
    ("500", "Within 500 metres"),
    ("1000", "Within 1 kilometre"),
    ("2000", "Within 2 kilometres"),
    ("5000", "Within 5 kilometres"),
]


class PreferencesForm(forms.Form):
    """What a member chooses (the sign-up form adds who and where)."""

    topics = forms.MultipleChoiceField(
        label="What do you want to hear about?",
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one topic"},
    )
    providers = forms.MultipleChoiceField(
        label="Who may send you alerts?",
        choices=Provider.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each organisation you tick may message you; you can withdraw this at any time.",
        error_messages={"required": "Choose at least one organisation"},
    )
    channels = forms.MultipleChoiceField(
        label="How do you want alerts?",
        choices=Channel.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="We will ask you to confirm each one.",
        error_messages={"required": "Choose email, text or both"},
    )
    wards = forms.MultipleChoiceField(
        label="Other wards you want alerts about (optional)",
        required=False,
        choices=[],
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    radius_m = forms.TypedChoiceField(
        label="Also alerts within a distance of your home?",
        choices=RADIUS_CHOICES,
        required=False,
        coerce=int,
        empty_value=None,
    )
    priority_threshold = forms.TypedChoiceField(
        label="Which alerts do you want?",
        coerce=int,
        initial=Priority.LOW,
        widget=forms.RadioSelect,
        choices=[
            (1, "All alerts, including news and advice"),
            (2, "Normal and urgent alerts"),
            (3, "Urgent alerts only"),
        ],
    )
    email_quiet_start = forms.TimeField(label="Email quiet hours: from (optional, e.g. 22:00)", required=False)
    email_quiet_end = forms.TimeField(label="Email quiet hours: until (e.g. 07:00)", required=False)
    sms_quiet_start = forms.TimeField(label="Text quiet hours: from (optional, e.g. 22:00)", required=False)
    sms_quiet_end = forms.TimeField(label="Text quiet hours: until (e.g. 07:00)", required=False)
    age_band = forms.ChoiceField(
        label="What is your age? (optional)",
        choices=AGE_BAND_ANSWERS,
        required=False,
        widget=forms.RadioSelect,
    )
    ethnicity = forms.ChoiceField(
        label="What is your ethnic group? (optional)",
        choices=ETHNICITY_ANSWERS,
        required=False,
        widget=forms.RadioSelect,
        help_text="The broad groups of the 2021 Census.",
    )
    #: Rendered apart, under their own explanation.
    EQUALITY_FIELDS = ("age_band", "ethnicity")

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["wards"].choices = geography.wards_for_choice()  # type: ignore[attr-defined]

    def preferences(self) -> Preferences:
        data = self.cleaned_data
        quiet: dict[str, tuple[dt.time | None, dt.time | None]] = {
            channel: (data.get(f"{channel}_quiet_start"), data.get(f"{channel}_quiet_end"))
            for channel in Channel.values
        }
        return Preferences(
            topics=data["topics"],
            providers=data["providers"],
            channels=data["channels"],
            wards=data["wards"],
            radius_m=data.get("radius_m"),
            priority_threshold=data["priority_threshold"],
            quiet=quiet,
            age_band=data.get("age_band") or "",
            ethnicity=data.get("ethnicity") or "",
        )


class SignUpForm(PreferencesForm):
    field_order = ["kind", "email", "phone", "postcode", "lsoa_code", "latitude", "longitude"]

    kind = forms.ChoiceField(
        label="Are you signing up as", choices=MemberKind.choices, widget=forms.RadioSelect, initial=MemberKind.RESIDENT
    )
    email = forms.CharField(
        label="Email address",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="UK mobile number",
        required=False,
        max_length=20,
        help_text="For text message alerts, like 07700 900123",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        required=False,
        max_length=10,
        help_text="For example, PR1 2AB",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    lsoa_code = forms.ChoiceField(
        label="Your neighbourhood",
        required=False,
        choices=[],
        help_text="Choose the neighbourhood (LSOA) you live or work in, or give a point below.",
    )
    latitude = forms.FloatField(label="Or a point: latitude", required=False, min_value=49, max_value=61)
    longitude = forms.FloatField(label="Longitude", required=False, min_value=-9, max_value=3)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        lsoas = geography.lsoas_for_choice()
        self.fields["lsoa_code"].choices = [("", "Choose a neighbourhood"), *lsoas]  # type: ignore[attr-defined]


class DetailsForm(forms.Form):
    """A member's own contact details and place (a changed email or number is confirmed again)."""

    email = forms.CharField(
        label="Email address",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = forms.CharField(
        label="UK mobile number",
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    postcode = forms.CharField(
        label="Postcode", required=False, max_length=10, widget=forms.TextInput(attrs={"autocomplete": "postal-code"})
    )
    lsoa_code = forms.ChoiceField(label="Your neighbourhood", required=False, choices=[])

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["lsoa_code"].choices = [("", "Keep the one I have"), *geography.lsoas_for_choice()]  # type: ignore[attr-defined]


class SmsCodeForm(forms.Form):
    code = forms.CharField(
        label="Code from the text message",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class ReplyForm(forms.Form):
    text = forms.CharField(label="Your reply", widget=forms.Textarea(attrs={"rows": 6}), max_length=5000)
    consent_to_share = forms.BooleanField(
        label="The police may pass what I have written on as intelligence, and contact me about it",
        required=False,
    )


class AlertForm(forms.Form):
    provider = forms.ChoiceField(label="Sent by", choices=Provider.choices)
    subject = forms.CharField(label="Subject", max_length=150)
    body = forms.CharField(
        label="Message",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Placeholders: ((area)), ((provider)), ((date)) are filled in from a template.",
    )
    sms_body = forms.CharField(
        label="Text message version (optional)",
        required=False,
        max_length=612,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Blank: the subject and message. 160 characters make one text.",
    )
    topics = forms.MultipleChoiceField(
        label="Topics",
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="None ticked: every member of the area who wants it",
    )
    priority = forms.TypedChoiceField(
        label="Priority", choices=Priority.choices, coerce=int, widget=forms.RadioSelect, initial=Priority.NORMAL
    )
    target_kind = forms.ChoiceField(
        label="Send to",
        choices=[
            ("ward", "A ward"),
            ("lsoa", "A neighbourhood (LSOA)"),
            ("csp", "A Community Safety Partnership"),
            ("polygon", "A drawn area (GeoJSON)"),
            ("radius", "Within a distance of a point"),
        ],
        widget=forms.RadioSelect,
    )
    ward = forms.ChoiceField(label="Ward", required=False, choices=[])
    lsoa = forms.CharField(label="LSOA code", required=False, max_length=9)
    csp = forms.ChoiceField(label="Community Safety Partnership", required=False, choices=[])
    geojson = forms.CharField(
        label="Drawn area (GeoJSON polygon)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    latitude = forms.FloatField(label="Centre latitude", required=False)
    longitude = forms.FloatField(label="Centre longitude", required=False)
    radius_m = forms.IntegerField(label="Distance in metres", required=False, min_value=50, max_value=20000)
    scheduled_for = forms.DateTimeField(label="Send at (optional, e.g. 2026-12-03 09:00)", required=False)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["ward"].choices = [("", "Choose a ward"), *geography.wards_for_choice()]  # type: ignore[attr-defined]
        self.fields["csp"].choices = [("", "Choose a CSP"), *geography.csps_for_choice()]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("target_kind")
        code = {"ward": data.get("ward"), "lsoa": (data.get("lsoa") or "").upper(), "csp": data.get("csp")}.get(
            kind or ""
        )
        if kind in ("ward", "lsoa", "csp") and not code:
            self.add_error(kind, ValidationError("Choose the area to send to", code="required"))
        geo = None
        if kind == "polygon":
            try:
                geo = json.loads(data.get("geojson") or "")
            except json.JSONDecodeError:
                self.add_error("geojson", ValidationError("Paste a GeoJSON polygon", code="geojson"))
        data["target"] = {
            "target_kind": kind,
            "target_code": code or "",
            "target_geojson": geo,
            "target_latitude": data.get("latitude"),
            "target_longitude": data.get("longitude"),
            "target_radius_m": data.get("radius_m"),
        }
        return data

    @classmethod
    def template_initial(cls, key: str) -> dict[str, Any]:
        if key not in ALERT_TEMPLATES:
            return {}
        subject, body = ALERT_TEMPLATES[key]
        return {"subject": subject, "body": body}


class TriageForm(forms.Form):
    kind = forms.ChoiceField(label="This reply is", choices=ReplyKind.choices, widget=forms.RadioSelect)
    pass_on = forms.BooleanField(label="Pass it on as intelligence (only with the member's consent)", required=False)

"""Volunteers and the hours they work."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from crimeplan.cases.forms.common import DateField, long_text, text
from crimeplan.cases.models import NeedDomain
from crimeplan.core import validation


class VolunteerForm(forms.Form):
    name = text("Name", max_length=150, name=True)
    email = validation.EmailField(
        label="Email", required=False, error_messages={"invalid": "Enter an email address like name@example.com"}
    )
    phone = text("Phone", required=False, max_length=30)
    dbs_checked_on = DateField(label="Date of the latest enhanced DBS check", past=True, required=False)
    training = long_text("Training completed", required=False)
    trained_on = DateField(label="Date training was finished", past=True, required=False)
    domains = forms.ModelMultipleChoiceField(
        label="Needs they can help with",
        queryset=NeedDomain.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class HoursForm(forms.Form):
    worked_on = DateField(label="Date", past=True)
    hours = forms.DecimalField(
        label="Hours",
        min_value=Decimal("0.25"),
        max_value=Decimal("24"),
        decimal_places=2,
        error_messages={
            "required": "Enter the hours",
            "invalid": "Hours must be a number, like 2.5",
            "min_value": "Hours must be at least 0.25",
            "max_value": "Hours must be 24 or fewer",
            "max_decimal_places": "Hours can have at most 2 decimal places",
        },
    )
    activity = text("Activity", hint="For example: Mentoring session")
    case_reference = text("Case reference", required=False, max_length=20, hint="Optional: the case they worked on")

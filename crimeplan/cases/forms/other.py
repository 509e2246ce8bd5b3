"""ASB incidents, volunteers and sharing agreements."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from crimeplan.accounts.models import Organisation
from crimeplan.cases.constants import DataCategory, LegalGateway
from crimeplan.cases.forms.common import DateField, choice, long_text, text
from crimeplan.cases.forms.referrals import PersonFields
from crimeplan.cases.models import NeedDomain, Programme
from crimeplan.core import validation


class AsbIncidentForm(PersonFields):
    """The victim (a person), where and when, and what happened."""

    incident_address = text("Address where it happened", max_length=300, hint="First line and town")
    incident_postcode = text("Postcode where it happened", max_length=10)
    occurred_on = DateField(label="Date it happened", past=True)
    reported_on = DateField(label="Date it was reported", past=True)
    description = long_text("What happened")
    reference = text("Your reference", required=False, max_length=50)


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


class AgreementForm(forms.Form):
    title = text("Title")
    purpose = long_text("Purpose")
    legal_gateway = choice("Legal gateway", LegalGateway.choices, radios=False)
    legal_gateway_detail = text("Legal gateway details", required=False, max_length=300)
    parties = forms.ModelMultipleChoiceField(
        label="Parties",
        queryset=Organisation.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the parties to the agreement"},
    )
    programmes = forms.ModelMultipleChoiceField(
        label="Programmes covered",
        queryset=Programme.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select the programmes whose cases it covers"},
    )
    data_categories = forms.MultipleChoiceField(
        label="Data covered",
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Health, ethnicity and sexual orientation are special category data: tick them only if the "
        "agreement names them",
        error_messages={"required": "Select the kinds of data the agreement covers"},
    )
    starts_on = DateField(label="Start date")
    review_on = DateField(label="Review date")
    ends_on = DateField(label="End date", required=False)

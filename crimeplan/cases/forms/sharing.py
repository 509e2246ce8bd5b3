"""Information-sharing agreements."""

from __future__ import annotations

from django import forms

from crimeplan.accounts.models import Organisation
from crimeplan.cases.constants import DataCategory, LegalGateway
from crimeplan.cases.forms.common import DateField, choice, long_text, text
from crimeplan.cases.models import Programme


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

"""Forms of the public application journey (one question, or a few close ones, per page)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from crimeplan.core import validation
from crimeplan.core.forms import GovukDateField, counted_text
from crimeplan.grants import identifiers
from crimeplan.grants.constants import AreaLevel, OrganisationType, Purpose

#: Staff forms' single-box dates (the public journey uses the GOV.UK date input).
DATE_FORMATS = ["%d %m %Y", "%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATE_HELP = "For example, 27 3 2026"


def _width(field: forms.Field, width: str) -> forms.Field:
    field.govuk_width = f"govuk-input--width-{width}"  # type: ignore[attr-defined]
    return field


def _messages(field: forms.Field, required: str, invalid: str = "") -> forms.Field:
    field.error_messages["required"] = required
    if invalid:
        field.error_messages["invalid"] = invalid
    return field


def money_field(label: str, *, required: str, help_text: str = "", minimum: str = "0.01") -> forms.DecimalField:
    field = forms.DecimalField(
        label=label,
        help_text=help_text,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal(minimum),
        max_value=validation.MAX_AMOUNT,
    )
    field.error_messages.update(
        {
            "required": required,
            "invalid": f"{label} must be an amount of money, like 1250 or 99.50",
            "min_value": f"{label} must be at least £{minimum}",
            "max_value": f"{label} cannot be more than £{validation.MAX_AMOUNT:,.2f}",
            "max_digits": f"{label} cannot be more than £{validation.MAX_AMOUNT:,.2f}",
            "max_decimal_places": f"{label} must be in pounds and pence, like 99.50",
        }
    )
    return _width(field, "10")  # type: ignore[return-value]


class StartForm(forms.Form):
    email = _messages(
        validation.EmailField(
            label="Email address",
            help_text="We will send you a link to return to your application, and tell you the decision",
        ),
        "Enter your email address",
        "Enter an email address in the correct format, like name@example.com",
    )


YES_NO = [("yes", "Yes"), ("no", "No")]


def _yes_no(label: str, required: str, help_text: str = "") -> forms.TypedChoiceField:
    field = forms.TypedChoiceField(
        label=label, choices=YES_NO, coerce=lambda v: v == "yes", widget=forms.RadioSelect, help_text=help_text
    )
    field.error_messages["required"] = required
    return field


class ScreeningForm(forms.Form):
    """Can the organisation apply? Asked before the email address, so nobody learns it at the end."""

    org_type = _messages(
        forms.ChoiceField(
            label="What type of organisation is applying?", choices=OrganisationType.choices, widget=forms.RadioSelect
        ),
        "Select the type of organisation",
    )
    has_constitution = _yes_no(
        "Does the organisation have a written constitution, set of rules or governing document?",
        "Select yes if the organisation has a constitution or set of rules",
    )
    has_bank_account = _yes_no(
        "Does the organisation have a bank account in its own name?",
        "Select yes if the organisation has a bank account in its own name",
        "We pay grants only into the organisation's own account, not a personal one",
    )
    amount = money_field(
        "About how much will you ask for?",
        required="Enter about how much you will ask for",
        help_text="In pounds, for example 2400. You can change it later",
    )
    purposes = forms.MultipleChoiceField(
        label="Will the grant pay for any of these?",
        choices=Purpose.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
    )


class OrganisationTypeForm(forms.Form):
    org_type = _messages(
        forms.ChoiceField(
            label="What type of organisation is applying?", choices=OrganisationType.choices, widget=forms.RadioSelect
        ),
        "Select the type of organisation",
    )


class OrganisationForm(forms.Form):
    org_name = _messages(
        validation.NameField(label="Organisation name", max_length=200), "Enter the organisation's name"
    )
    charity_number = validation.TextField(label="Charity number", required=False, max_length=20)
    company_number = validation.TextField(label="Company number", required=False, max_length=20)
    has_constitution = forms.TypedChoiceField(
        label="Does the group have a written constitution or set of rules, and a bank account in its name?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        required=False,
    )
    org_postcode = _messages(validation.TextField(label="Postcode", max_length=10), "Enter the organisation's postcode")

    def __init__(self, *args: Any, org_type: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.org_type = org_type
        register = identifiers.REGISTER.get(OrganisationType(org_type)) if org_type else None
        keep = {"org_name", "org_postcode"}
        if register == "charity":
            keep.add("charity_number")
            self.fields["charity_number"].required = True
            self.fields["charity_number"].help_text = (
                "For example, SC012345" if org_type == OrganisationType.SCOTTISH_CHARITY else "For example, 1123456"
            )
            self.fields["charity_number"].error_messages["required"] = "Enter your charity number"
        if register == "company" or org_type == OrganisationType.CHARITY:
            keep.add("company_number")
            self.fields["company_number"].help_text = "8 characters, like 01234567 (leave blank if not a company)"
            if register == "company":
                self.fields["company_number"].required = True
                self.fields["company_number"].help_text = "8 characters, like 01234567 or SC123456"
                self.fields["company_number"].error_messages["required"] = "Enter your company number"
        if org_type == OrganisationType.COMMUNITY_GROUP:
            keep.add("has_constitution")
            self.fields["has_constitution"].required = True
            self.fields["has_constitution"].error_messages["required"] = "Select yes if the group has a constitution"
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        _width(self.fields["org_postcode"], "10")

    def clean_charity_number(self) -> str:
        value = self.cleaned_data.get("charity_number", "")
        try:
            return identifiers.charity_number(value, self.org_type) if value else ""
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc

    def clean_company_number(self) -> str:
        value = self.cleaned_data.get("company_number", "")
        try:
            return identifiers.company_number(value) if value else ""
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc

    def clean_org_postcode(self) -> str:
        try:
            return identifiers.postcode(self.cleaned_data["org_postcode"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc), code="invalid") from exc


class ContactForm(forms.Form):
    contact_name = _messages(validation.NameField(label="Full name", max_length=120), "Enter the contact's full name")
    contact_phone = _messages(
        forms.RegexField(
            label="Telephone number",
            regex=r"^(\+44\s?|0)[\d\s]{9,13}$",
            help_text="For example, 01772 123456 or 07700 900982",
            max_length=20,
        ),
        "Enter a telephone number",
        "Enter a UK telephone number, like 01772 123456 or 07700 900982",
    )


class ProjectForm(forms.Form):
    title = _messages(
        validation.TextField(label="Project name", max_length=140, help_text="Up to 140 characters"),
        "Enter a name for the project",
    )
    summary = _messages(
        counted_text(
            validation.TextField(
                label="What will the project do?",
                widget=forms.Textarea(attrs={"rows": 6}),
                max_length=2000,
                help_text="Who it is for, what you will do and why it is needed",
            )
        ),
        "Say what the project will do",
    )


class DatesForm(forms.Form):
    start_date = _messages(
        GovukDateField(label="Start date", help_text="For example, 27 3 2027. It cannot be in the past"),
        "Enter the start date",
    )
    end_date = _messages(
        GovukDateField(
            label="End date",
            help_text=f"For example, 26 3 2028. The project can run for up to {validation.MAX_PERIOD_YEARS} years",
        ),
        "Enter the end date",
    )

    def clean_start_date(self) -> dt.date:
        start: dt.date = self.cleaned_data["start_date"]
        validation.validate_calendar_date(start)
        if start < timezone.localdate():
            raise forms.ValidationError("The start date must be today or in the future", code="past")
        return start

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end:
            try:
                validation.validate_period(start, end)
            except forms.ValidationError as exc:
                self.add_error(None, exc)
        return data


class PurposeForm(forms.Form):
    purpose = _messages(
        forms.ChoiceField(
            label="What will the money mostly pay for?", choices=Purpose.choices, widget=forms.RadioSelect
        ),
        "Select what the money will mostly pay for",
    )


class AreaLevelForm(forms.Form):
    area_level = _messages(
        forms.ChoiceField(label="Where will the project work?", choices=AreaLevel.choices, widget=forms.RadioSelect),
        "Select where the project will work",
    )


class AreasForm(forms.Form):
    area_codes = _messages(
        forms.MultipleChoiceField(label="Areas", widget=forms.CheckboxSelectMultiple),
        "Select at least one area",
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], label: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["area_codes"].choices = choices  # type: ignore[attr-defined]
        self.fields["area_codes"].label = label


class PrioritiesForm(forms.Form):
    priorities = _messages(
        forms.TypedMultipleChoiceField(
            label="Which of the plan's priorities will the project help with?",
            coerce=int,
            widget=forms.CheckboxSelectMultiple,
        ),
        "Select at least one priority",
    )

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["priorities"].choices = choices  # type: ignore[attr-defined]


class BudgetLineForm(forms.Form):
    item = _messages(
        validation.TextField(
            label="What is the cost?", max_length=140, help_text="For example, hire of the hall, 20 sessions"
        ),
        "Enter what the cost is for",
    )
    amount = money_field("Amount", required="Enter the amount")


class MatchFundingForm(forms.Form):
    match_funding = money_field(
        "Match funding",
        required="Enter the match funding, or 0 if there is none",
        help_text="Money or in-kind support from other sources, in pounds. Enter 0 if there is none",
        minimum="0",
    )


class OutcomeForm(forms.Form):
    description = _messages(
        validation.TextField(
            label="What will change?", max_length=300, help_text="For example, fewer young people drawn into ASB"
        ),
        "Say what will change",
    )
    measure = _messages(
        validation.TextField(label="How will you know?", max_length=200, help_text="For example, attendance registers"),
        "Say how you will know",
    )
    target = _messages(
        validation.TextField(
            label="Target", max_length=100, help_text="For example, 40 young people attend 6 sessions"
        ),
        "Enter a target",
    )

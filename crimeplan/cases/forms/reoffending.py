"""Cohorts, proven offences and the Board report's choices."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from crimeplan.cases.constants import Disposal, Sex
from crimeplan.cases.forms.common import DateField, choice, model_choice, text
from crimeplan.cases.models import Programme, StartEvent


def _whole(label: str, low: int, high: int) -> forms.IntegerField:
    message = f"{label} must be a whole number from {low} to {high}"
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages={
            "required": f"Enter {label.lower()}",
            "invalid": message,
            "min_value": message,
            "max_value": message,
        },
    )


class MemberForm(forms.Form):
    reference = text(
        "Member reference", max_length=40, hint="Your reference for the person in this cohort, e.g. IOM-0042"
    )
    case_reference = text("Case reference", required=False, max_length=20, hint="Optional: their case, e.g. IOM-7F3A2C")
    start_event = choice("Start event", StartEvent.choices)
    start_date = DateField(label="Start date", past=True)
    sex = choice("Sex", Sex.choices)
    age_at_start = _whole("Age at the start date", 10, 120)
    age_first_sanction = _whole("Age at first sanction", 10, 120)
    sanctions = _whole("Number of sanctions, including the current one", 1, 999)
    offence_code = text("Home Office offence code", required=False, max_length=5, hint="5 digits, e.g. 05911")
    offence_category = choice("Or the OGRS3 offence category", [], required=False, radios=False)

    def __init__(self, *args: Any, categories: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["offence_category"].choices = [("", "Use the offence code"), *((c, c) for c in categories)]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("offence_code") and not data.get("offence_category"):
            self.add_error("offence_code", "Enter the offence code or choose the offence category")
        first, age = data.get("age_first_sanction"), data.get("age_at_start")
        if first is not None and age is not None and first > age:
            self.add_error("age_first_sanction", "Age at first sanction must be the same as or less than the age now")
        return data


class OffenceForm(forms.Form):
    member = choice("Member", [], radios=False)
    offence_date = DateField(label="Date the offence was committed", past=True)
    proven_date = DateField(label="Date of the conviction or caution", past=True)
    disposal = choice("Proven by", Disposal.choices)
    offence_code = text("Home Office offence code", required=False, max_length=5, hint="Optional, 5 digits")
    description = text("Description", required=False)

    def __init__(self, *args: Any, members: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [("", "Choose…"), *((str(pk), ref) for pk, ref in members)]  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file of proven offences",
        help_text="Columns: member_reference, offence_date, proven_date, disposal, offence_code, description",
        error_messages={"required": "Select a CSV file", "empty": "The selected file is empty"},
    )


class BoardForm(forms.Form):
    programme = model_choice("Programme", Programme.objects.filter(is_active=True))
    as_of = DateField(label="Figures as of", past=True, required=False)

    def as_of_date(self) -> Any:
        return self.cleaned_data.get("as_of") or timezone.localdate()

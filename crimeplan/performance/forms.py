"""Forms: choosing a reporting period, and entering a figure for a measure."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from crimeplan.analytics.months import parse_month
from crimeplan.performance.models import Measure

MONTH_HELP = "For example, 2022-04"


def _month(value: str, label: str) -> str:
    try:
        parse_month(value)
    except ValueError:
        raise forms.ValidationError(f"Enter the {label} as a year and month, like 2022-04", code="invalid") from None
    return value.strip()


class FigureForm(forms.Form):
    first_month = forms.CharField(label="First month", help_text=MONTH_HELP, max_length=7)
    last_month = forms.CharField(label="Last month", help_text=MONTH_HELP, max_length=7)
    value = forms.DecimalField(label="Figure", max_digits=14, decimal_places=2, min_value=Decimal(0))
    source = forms.CharField(
        label="Source", help_text="Where the figure comes from, so it can be checked", max_length=300
    )

    def __init__(self, *args: Any, measure: Measure, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.measure = measure
        self.fields["value"].label = f"Figure ({measure.unit})" if measure.unit else "Figure"
        self.fields["first_month"].govuk_width = "govuk-input--width-5"  # type: ignore[attr-defined]
        self.fields["last_month"].govuk_width = "govuk-input--width-5"  # type: ignore[attr-defined]
        self.fields["value"].govuk_width = "govuk-input--width-10"  # type: ignore[attr-defined]
        self.fields["value"].error_messages.update(
            {"required": "Enter the figure", "invalid": "Enter the figure as a number, like 1250 or 12.5"}
        )
        self.fields["source"].error_messages["required"] = "Say where the figure comes from"

    def clean_first_month(self) -> str:
        return _month(self.cleaned_data["first_month"], "first month")

    def clean_last_month(self) -> str:
        return _month(self.cleaned_data["last_month"], "last month")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last, value = data.get("first_month"), data.get("last_month"), data.get("value")
        if first and last and first > last:
            self.add_error("last_month", f"The last month must be the same as or after the first ({first})")
        if value is not None and self.measure.is_count and value != value.to_integral():
            self.add_error("value", f"Enter a whole number: this measure counts {self.measure.unit or 'events'}")
        return data


class PeriodForm(forms.Form):
    period = forms.ChoiceField(label="Quarter")

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = choices  # type: ignore[attr-defined]

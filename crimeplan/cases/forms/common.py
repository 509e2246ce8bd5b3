"""Field helpers: GOV.UK error messages and date inputs."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from crimeplan.core import validation


class DateField(forms.DateField):
    """An ISO date input with GOV.UK messages; ``past=True`` refuses future dates."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, *, label: str, past: bool = False, **kwargs: Any) -> None:
        self.past = past
        messages = {"required": f"Enter {label.lower()}", "invalid": f"{label} must be a real date, like 31/03/2025"}
        super().__init__(label=label, error_messages=messages, **kwargs)
        self.govuk_width = "govuk-input--width-10"

    def validate(self, value: date | None) -> None:
        super().validate(value)
        if self.past and value and value > timezone.localdate():
            raise ValidationError(f"{self.label} must be today or in the past", code="future")
        if value:
            validation.validate_calendar_date(value)


def _lower_first(label: str) -> str:
    return label[0].lower() + label[1:]


def text(
    label: str,
    *,
    required: bool = True,
    max_length: int = 200,
    hint: str = "",
    message: str = "",
    name: bool = False,
    **kwargs: Any,
) -> forms.CharField:
    """A text input without control characters; ``name=True`` also needs a visible character.

    ``message`` replaces the default "Enter <label>" when the label is a question.
    """
    field_class = validation.NameField if name else validation.TextField
    return field_class(
        label=label,
        required=required,
        max_length=max_length,
        help_text=hint,
        error_messages={
            "required": message or f"Enter {_lower_first(label)}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
        **kwargs,
    )


def long_text(label: str, *, required: bool = True, hint: str = "", message: str = "") -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": 4})
    return text(label, required=required, max_length=5000, hint=hint, message=message, widget=widget)


def _choice_messages(label: str, message: str) -> dict[str, str]:
    text = message or f"Select {_lower_first(label)}"
    return {"required": text, "invalid_choice": text, "invalid_pk_value": text}


def choice(
    label: str, choices: Any, *, required: bool = True, radios: bool = True, hint: str = "", message: str = ""
) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        help_text=hint,
        widget=forms.RadioSelect if radios else forms.Select,
        error_messages=_choice_messages(label, message),
    )


def model_choice(
    label: str, queryset: Any, *, required: bool = True, radios: bool = False, hint: str = "", message: str = ""
) -> Any:
    return forms.ModelChoiceField(
        label=label,
        queryset=queryset,
        required=required,
        help_text=hint,
        empty_label=None if radios else "Choose…",
        widget=forms.RadioSelect if radios else forms.Select,
        error_messages=_choice_messages(label, message or f"Select the {_lower_first(label)}"),
    )

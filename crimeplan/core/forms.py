"""GOV.UK Design System rendering for Django forms.

``GovukFormRenderer`` makes ``{{ form }}`` and ``{{ form.field.as_field_group }}``
render GOV.UK form groups: label, hint, error message and the control with
its GOV.UK classes, keeping Django's own ``aria-describedby``/``aria-invalid``.
Pages show ``core/error_summary.html`` above the form when it has errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from crimeplan.core.exceptions import ApplicationError

T = TypeVar("T")

#: GOV.UK class for each Django widget type (``BoundField.widget_type``).
WIDGET_CLASSES = {
    "text": "govuk-input",
    "email": "govuk-input",
    "url": "govuk-input",
    "number": "govuk-input",
    "password": "govuk-input",
    "date": "govuk-input",
    "month": "govuk-input",
    "search": "govuk-input",
    "tel": "govuk-input",
    "textarea": "govuk-textarea",
    "charactercounttextarea": "govuk-textarea govuk-js-character-count",
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
CHOICE_WIDGETS = {
    "radioselect": "radios",
    "checkboxselectmultiple": "checkboxes",
    "checkbox": "checkbox",
    "govukdate": "date",
    "charactercounttextarea": "count",
}


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"


def widget_class(field: forms.BoundField, extra: str = "") -> str:
    """The GOV.UK classes for a bound field's control, with the error state."""
    base = WIDGET_CLASSES.get(field.widget_type, "")
    if field.errors and base:
        base += f" {base}--error"
    return " ".join(c for c in (base, extra) if c)


def field_context(field: forms.BoundField) -> dict[str, Any]:
    return {
        "choice_kind": CHOICE_WIDGETS.get(field.widget_type, ""),
        "widget_class": widget_class(field),
    }


def show_error(form: forms.Form, exc: ValidationError | ApplicationError) -> None:
    """Put a service's error on the form field it names, else above the form (codes are kept)."""
    if isinstance(exc, ApplicationError):
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def attempt(form: forms.Form, action: Callable[[], T]) -> tuple[bool, T | None]:
    """The one way a page runs a service from a form.

    An invalid form does not run the service. A valid one runs ``action``; a ``ValidationError`` or an
    ``ApplicationError`` it raises (the user-correctable errors, see docs/architecture.md) goes on the
    form, on the field it names or above the form, so the page's error summary shows it. Anything else
    propagates. Returns ``(True, result)``, or ``(False, None)`` when the form was invalid or the
    service refused.
    """
    if not form.is_valid():
        return False, None
    try:
        return True, action()
    except (ValidationError, ApplicationError) as exc:
        show_error(form, exc)
    return False, None


class GovukDateInput(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes (``<name>_day``, ``<name>_month``, ``<name>_year``)."""

    template_name = "govuk/forms/date_input.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        numeric = {"inputmode": "numeric"}
        super().__init__(
            {"day": forms.TextInput(numeric), "month": forms.TextInput(numeric), "year": forms.TextInput(numeric)},
            attrs,
        )

    def decompress(self, value: Any) -> list[Any]:
        return [value.day, value.month, value.year] if value else [None, None, None]


PARTS = ("day", "month", "year")


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK messages: what is missing, or "must be a real date"."""

    widget = GovukDateInput

    def to_python(self, value: Any) -> dt.date | None:
        if isinstance(value, dt.date):
            return value
        parts = [str(v or "").strip() for v in (value or [None, None, None])]
        if not any(parts):
            return None
        label = str(self.label)
        missing = [name for name, part in zip(PARTS, parts, strict=True) if not part]
        if missing:
            raise ValidationError(f"{label} must include a {' and a '.join(missing)}", code="incomplete")
        if not all(part.isdigit() for part in parts):
            raise ValidationError(f"{label} must be a real date", code="invalid")
        if len(parts[2]) != 4:
            raise ValidationError("Year must include 4 numbers", code="year")
        try:
            return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        except ValueError as exc:
            raise ValidationError(f"{label} must be a real date", code="invalid") from exc


class CharacterCountTextarea(forms.Textarea):
    """A textarea with the GOV.UK character count: it says how many characters are left and never cuts text.

    The browser's ``maxlength`` is left off (it cuts pasted text without a word); the field's own
    ``max_length`` refuses longer text with a message that gives the limit and the count.
    """

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("maxlength", None)
        return context


def counted_text(field: forms.CharField) -> forms.CharField:
    """Give a long-answer field the character count and a message stating its limit."""
    field.widget = CharacterCountTextarea(attrs=field.widget.attrs)
    label, limit = str(field.label), field.max_length
    field.error_messages["max_length"] = f"{label} must be {limit:,} characters or fewer (it has %(show_value)s)"
    field.help_text = f"{field.help_text} (up to {limit:,} characters)" if field.help_text else ""
    return field

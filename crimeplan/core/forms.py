"""GOV.UK Design System rendering for Django forms.

``GovukFormRenderer`` makes ``{{ form }}`` and ``{{ form.field.as_field_group }}``
render GOV.UK form groups: label, hint, error message and the control with
its GOV.UK classes, keeping Django's own ``aria-describedby``/``aria-invalid``.
Pages show ``core/error_summary.html`` above the form when it has errors.
"""

from __future__ import annotations

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
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}
CHOICE_WIDGETS = {"radioselect": "radios", "checkboxselectmultiple": "checkboxes", "checkbox": "checkbox"}


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

"""GOV.UK Design System rendering for Django forms.

``GovukFormRenderer`` makes ``{{ form }}`` and ``{{ form.field.as_field_group }}``
render GOV.UK form groups: label, hint, error message and the control with
its GOV.UK classes, keeping Django's own ``aria-describedby``/``aria-invalid``.
Pages show ``core/error_summary.html`` above the form when it has errors.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import TemplatesSetting

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

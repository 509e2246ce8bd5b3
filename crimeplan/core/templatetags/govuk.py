"""Template helpers for GOV.UK components."""

from __future__ import annotations

from django import forms, template
from django.utils.safestring import SafeString

from crimeplan.core.forms import CHOICE_WIDGETS, widget_class

register = template.Library()


@register.filter
def govuk_widget(field: forms.BoundField, extra: str = "") -> SafeString:
    """Render the field's control with its GOV.UK classes.

    A form field may set ``govuk_width`` (e.g. ``"govuk-input--width-10"``) to size its input.
    """
    width = getattr(field.field, "govuk_width", "")
    classes = widget_class(field, " ".join(c for c in (width, extra) if c))
    return field.as_widget(attrs={"class": classes} if classes else None)


@register.filter
def choice_kind(field: forms.BoundField) -> str:
    """``radios``, ``checkboxes``, ``checkbox`` or ``""`` for other controls."""
    return CHOICE_WIDGETS.get(field.widget_type, "")


@register.filter
def first_error_id(field: forms.BoundField) -> str:
    """The id the error summary links to: the first radio/checkbox, else the control."""
    if CHOICE_WIDGETS.get(field.widget_type) in ("radios", "checkboxes"):
        return f"{field.auto_id}_0"
    if CHOICE_WIDGETS.get(field.widget_type) == "date":
        return f"{field.auto_id}_0"
    return field.auto_id

"""Template filters for PACT pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def pct(value: float | None) -> str:
    """A share as a whole-ish percentage: 0.3789 → "37.9%"."""
    return "–" if value is None else f"{100 * value:.1f}%"


@register.filter
def group_label(value: str) -> str:
    """A census category's label: ethnic group slugs read as the census names them; age bands as they are."""
    from crimeplan.analytics.representativeness import ETHNIC_GROUPS

    return ETHNIC_GROUPS.get(value, value)

"""Template helpers for hate crime reporting pages."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """A share (0.0123) as a percentage with one decimal ("1.2%"); a dash when there is none."""
    return "–" if value is None else f"{100 * value:.1f}%"

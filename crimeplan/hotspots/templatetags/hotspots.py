"""Filters for the hotspot page: percentages and totals of arrays."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def percent(value: float | None) -> str:
    """0.0532 -> "5.3%"; whole percentages without a decimal (0.05 -> "5%")."""
    if value is None:
        return "–"
    share = float(value) * 100
    return f"{share:.0f}%" if abs(share - round(share)) < 1e-9 else f"{share:.1f}%"


@register.filter
def total(values: Any) -> int:
    """The sum of an array of counts, as a whole number."""
    return round(float(values.sum()))


@register.filter
def significant(value: float | None) -> str:
    """A risk to three significant figures: 12.3, 0.0456."""
    return "–" if value is None else f"{float(value):.3g}"

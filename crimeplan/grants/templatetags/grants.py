"""Template helpers for the grants pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template

from crimeplan.grants.eligibility import pounds

register = template.Library()


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    """``row|get_item:"Date awarded"`` for keys with spaces."""
    return mapping.get(key, "")


@register.filter
def day(value: dt.date | str | None) -> str:
    """20 July 2021, from a date or an ISO date string (as the publication rows hold them)."""
    if not value:
        return "–"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    return f"{value.day} {value:%B %Y}"


@register.filter
def money(value: Decimal | float | int | None) -> str:
    """£1,250 or £99.50 (pence only when there are some)."""
    return "–" if value is None else pounds(Decimal(str(value)))


@register.filter
def subtract(value: Decimal | int, other: Decimal | int) -> Decimal:
    """``total|subtract:maximum`` (for "£X over the maximum" and "£Y more")."""
    return Decimal(str(value)) - Decimal(str(other))

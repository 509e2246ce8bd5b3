"""Formatting for case work pages: percentages, intervals and status tags."""

from __future__ import annotations

from django import template

from crimeplan.cases.constants import DataCategory, Status

register = template.Library()

STATUS_COLOURS: dict[str, str] = {
    Status.REFERRED: "blue",
    Status.SCREENED: "light-blue",
    Status.ACCEPTED: "turquoise",
    Status.DECLINED: "grey",
    Status.ACTIVE: "green",
    Status.CLOSED: "grey",
}
VERDICTS = {
    "lower": "Lower than expected",
    "higher": "Higher than expected",
    "as_expected": "No clear difference from expected",
    "unknown": "No expected rate (no OGRS3 scores)",
}


@register.filter
def pct(value: float | None, places: int = 1) -> str:
    """0.375 -> "37.5%"; None -> "–"."""
    return "–" if value is None else f"{value * 100:.{places}f}%"


@register.filter
def interval(bounds: tuple[float, float] | None) -> str:
    return "–" if bounds is None else f"{bounds[0] * 100:.1f}% to {bounds[1] * 100:.1f}%"


@register.filter
def status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "grey")


@register.filter
def verdict(value: str) -> str:
    return VERDICTS.get(value, value)


@register.filter
def category_label(value: str) -> str:
    return DataCategory(value).label if value in DataCategory.values else value

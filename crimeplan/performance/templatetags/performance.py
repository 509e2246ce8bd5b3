"""Template helpers for RAG tags, p-values and signed percentages."""

from __future__ import annotations

import math

from django import template

from crimeplan.analytics.significance import Comparison
from crimeplan.performance.constants import Rag
from crimeplan.performance.narrative import p_value

register = template.Library()

RAG_TAGS = {
    Rag.GREEN: ("govuk-tag--green", "Better: significant change"),
    Rag.AMBER: ("govuk-tag--yellow", "No significant change"),
    Rag.RED: ("govuk-tag--red", "Worse: significant change"),
    Rag.GREY: ("govuk-tag--grey", "Not rated"),
}


@register.inclusion_tag("performance/_rag.html")
def rag_tag(rag: str) -> dict[str, str]:
    css, label = RAG_TAGS[Rag(rag)]
    return {"css": css, "label": label, "rag": rag}


@register.filter
def pvalue(p: float | None) -> str:
    return p_value(p)


@register.filter
def signed_percent(value: float | None) -> str:
    """A change as "+12%"; a change from none (an infinite ratio) in words, never "inf" or "nan"."""
    if value is None or math.isnan(value):
        return "–"
    if math.isinf(value):
        return "up from none"
    return f"{value:+.0f}%"


@register.filter
def change_text(comparison: Comparison | None) -> str:
    """The change against an earlier period as a page shows it: a signed percentage, or words from zero."""
    if comparison is None:
        return "–"
    if comparison.baseline == 0:
        return "none before, none now" if comparison.current == 0 else f"up from none to {comparison.current:,.0f}"
    return signed_percent(comparison.change_percent)


@register.filter
def number(value: float | None, places: int = 0) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:,.{places}f}"


@register.filter
def rag_label(rag: str) -> str:
    return RAG_TAGS[Rag(rag)][1]


@register.filter
def rag_css(rag: str) -> str:
    """The PDF stylesheet's tag class for a status."""
    return {Rag.GREEN: "tag--green", Rag.AMBER: "tag--amber", Rag.RED: "tag--red", Rag.GREY: "tag--grey"}[Rag(rag)]

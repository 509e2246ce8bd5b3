"""Template helpers for RAG tags, p-values and signed percentages."""

from __future__ import annotations

from django import template

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
    if value is None:
        return "–"
    return f"{value:+.0f}%"


@register.filter
def number(value: float | None, places: int = 0) -> str:
    if value is None:
        return "–"
    return f"{value:,.{places}f}"


@register.filter
def rag_label(rag: str) -> str:
    return RAG_TAGS[Rag(rag)][1]


@register.filter
def rag_css(rag: str) -> str:
    """The PDF stylesheet's tag class for a status."""
    return {Rag.GREEN: "tag--green", Rag.AMBER: "tag--amber", Rag.RED: "tag--red", Rag.GREY: "tag--grey"}[Rag(rag)]

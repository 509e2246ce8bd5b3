"""Page tables: the CSV link every data table carries (see ``crimeplan.core.downloads``)."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from crimeplan.core.downloads import CSV_PARAM
from crimeplan.core.tables import PlaceTotals

register = template.Library()


@register.simple_tag(takes_context=True)
def csv_link(context: template.Context, *parts: object, what: str = "") -> SafeString:
    """A link that downloads the table of this page whose id is ``parts`` joined by "-", as CSV."""
    table_id = "-".join(str(p) for p in parts)
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return format_html("")
    query[CSV_PARAM] = table_id
    return format_html(
        '<p class="govuk-body-s app-csv-link"><a class="govuk-link" href="?{}" download="{}.csv">'
        'Download this table (CSV)<span class="govuk-visually-hidden">: {}</span></a></p>',
        query.urlencode(),
        table_id,
        what or table_id.replace("-", " "),
    )


@register.inclusion_tag("core/_no_place_rows.html")
def no_place_rows(
    totals: PlaceTotals,
    *,
    before: int = 0,
    blanks: int = 0,
    note: str = "",
    total_label: str = "Total",
    total: bool = True,
) -> dict[str, object]:
    """The "No place recorded" row and the total row that end a table of areas (see ``core.tables``).

    ``before`` empty cells come between the row's name and its figure, ``blanks`` after it (the last holds ``note``).
    """
    return {
        "totals": totals,
        "before": range(before),
        "blanks": range(blanks),
        "note": note,
        "total_label": total_label,
        "show_total": total,
    }

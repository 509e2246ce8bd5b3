"""Files people download: one response shape for CSV, JSON and PDF, and every page table as CSV.

Any table on any page downloads as CSV through one mechanism: the page links to itself with
``?csv=<table id>`` (the ``{% csv_link %}`` tag), and :class:`TableCsvMiddleware` turns that table of
the rendered page into CSV. The file therefore holds exactly the figures the page shows, with the
page's rounding, and starts with a provenance line (the table's caption, the page's address, the
source and when it was downloaded).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html.parser import HTMLParser

from django.http import HttpRequest, HttpResponse

CSV = "text/csv; charset=utf-8"
JSON = "application/json"
PDF = "application/pdf"
#: The query parameter naming the table of a page to download.
CSV_PARAM = "csv"
SOURCE = "Police-recorded crime: data.police.uk (Open Government Licence v3.0); ONS geography and population"
_SPACE = re.compile(r"\s+")
_TABLE_ID = re.compile(r"^[a-z][a-z0-9-]{0,60}$")


def attachment(body: str | bytes, filename: str, content_type: str) -> HttpResponse:
    """A response the browser saves as ``filename``; write more to it (e.g. with ``csv.writer``) if needed."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@dataclass
class PageTable:
    """A table read back from a rendered page: its caption, header rows and body rows as shown."""

    caption: str = ""
    provenance: str = ""
    rows: list[list[str]] = field(default_factory=list)


class _TableReader(HTMLParser):
    """Reads the text of one ``<table id=...>`` of a page, cell by cell, leaving out hidden helper text."""

    def __init__(self, table_id: str):
        super().__init__(convert_charrefs=True)
        self.table_id = table_id
        self.table: PageTable | None = None
        self.depth = 0  # nesting of tables inside the one wanted
        self.cell: list[str] | None = None
        self.row: list[str] | None = None
        self.in_caption = False
        self.skip = 0  # inside an element marked data-csv-skip

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "table":
            if self.table is None and found.get("id") == self.table_id:
                self.table = PageTable(provenance=found.get("data-provenance") or "")
                self.depth = 1
                return
            if self.depth:
                self.depth += 1
        if not self.depth:
            return
        if self.skip or "data-csv-skip" in found:
            self.skip += 1 if tag not in ("br", "img", "input") else 0
        elif tag == "caption":
            self.in_caption = True
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if self.skip:
            self.skip -= 1
            return
        if tag == "table":
            self.depth -= 1
        elif tag == "caption":
            self.in_caption = False
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(_SPACE.sub(" ", "".join(self.cell)).strip())
            self.cell = None
        elif tag == "tr" and self.row is not None and self.table is not None:
            self.table.rows.append(self.row)
            self.row = None

    def handle_data(self, data: str) -> None:
        if not self.depth or self.skip or self.table is None:
            return
        if self.in_caption:
            self.table.caption = _SPACE.sub(" ", self.table.caption + data).strip()
        elif self.cell is not None:
            self.cell.append(data)


def read_table(html: str, table_id: str) -> PageTable | None:
    """The table with this id on a rendered page, as the page shows it, or None."""
    reader = _TableReader(table_id)
    reader.feed(html)
    return reader.table


def table_csv(table: PageTable, *, address: str, when: datetime | None = None) -> str:
    """The table as CSV, after one provenance line: what it is, where it was shown, the source and when."""
    stamp = (when or datetime.now(UTC)).strftime("%-d %B %Y %H:%M UTC")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([f"# {table.caption}. {table.provenance or SOURCE}. From {address}, downloaded {stamp}."])
    writer.writerows(table.rows)
    return out.getvalue()


class TableCsvMiddleware:
    """``?csv=<table id>`` on any page answers with that table of the page as CSV (404 if there is none)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        table_id = request.GET.get(CSV_PARAM, "") if request.method == "GET" else ""
        response = self.get_response(request)
        if not table_id or response.status_code != 200 or getattr(response, "streaming", False):
            return response
        if not response.get("Content-Type", "").startswith("text/html"):
            return response
        if not _TABLE_ID.match(table_id):
            return HttpResponse("No such table on this page.", status=404, content_type="text/plain")
        table = read_table(response.content.decode(response.charset or "utf-8"), table_id)
        if table is None:
            return HttpResponse(f"No table {table_id!r} on this page.", status=404, content_type="text/plain")
        query = request.GET.copy()
        query.pop(CSV_PARAM)
        address = request.build_absolute_uri(request.path + (f"?{query.urlencode()}" if query else ""))
        download = attachment(table_csv(table, address=address), f"{table_id}.csv", CSV)
        for header in ("Cache-Control", "Vary"):
            if header in response:
                download[header] = response[header]
        return download

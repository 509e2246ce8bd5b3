"""Exporting the grants publication: the one service behind the public pages and ``crimeplan grants export``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from crimeplan.audit.events import DataExported
from crimeplan.audit.services import record_event
from crimeplan.core.downloads import CSV, JSON
from crimeplan.grants import publication

#: The export formats: the transparency publication (CSV) and the 360Giving package (JSON or flat CSV).
FORMATS = ("transparency-csv", "360giving", "360giving-csv")


@dataclass(frozen=True)
class GrantsExport:
    body: str
    rows: int
    content_type: str
    filename: str


def _render(fmt: str, month: str | None) -> GrantsExport:
    if fmt == "transparency-csv":
        rows = publication.transparency_rows(month)
        return GrantsExport(publication.transparency_csv(rows), len(rows), CSV, f"grants-{month or 'all'}.csv")
    data = publication.checked_package(month)
    if fmt == "360giving":
        body, content_type, filename = json.dumps(data, indent=2, ensure_ascii=False), JSON, "360giving.json"
    else:
        body, content_type, filename = publication.threesixty_csv(data), CSV, "360giving.csv"
    return GrantsExport(body, len(data["grants"]), content_type, filename)


def export_grants(
    *, fmt: str, month: str | None = None, request: HttpRequest | None = None, actor: Any = None
) -> GrantsExport:
    """The awards made in ``month`` (all when empty) in ``fmt``, recorded as an export in the audit trail.

    A month written wrongly is an ``ApplicationError`` on ``month``; no award to put in a 360Giving
    package an ``ApplicationError`` (404); a package the schema refuses ``ImproperlyConfigured``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown grants export format {fmt!r}: use one of {', '.join(FORMATS)}")
    export = _render(fmt, month)
    what = "grants transparency publication" if fmt == "transparency-csv" else "360Giving grants data"
    record_event(DataExported(what=what, format=fmt, rows=export.rows), request=request, actor=actor)
    return export

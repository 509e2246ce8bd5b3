"""Files people download: one response shape for CSV, JSON and PDF."""

from __future__ import annotations

from django.http import HttpResponse

CSV = "text/csv; charset=utf-8"
JSON = "application/json"
PDF = "application/pdf"


def attachment(body: str | bytes, filename: str, content_type: str) -> HttpResponse:
    """A response the browser saves as ``filename``; write more to it (e.g. with ``csv.writer``) if needed."""
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

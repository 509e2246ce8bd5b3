"""PDF documents from Django templates, with WeasyPrint.

Templates extend ``core/pdf_base.html`` (A4, Arial-metric fonts, page numbers in the margin
boxes). ``/static/...`` URLs in the HTML are read from the static files finders, so a PDF can be
made without a web server and before ``collectstatic``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from crimeplan.core.downloads import PDF, attachment

STATIC_PREFIX = "/static/"


@cache
def _fetcher_class() -> Any:
    """The URL fetcher class, made on first use (WeasyPrint takes about a second to import)."""
    from weasyprint.urls import URLFetcher

    class StaticFilesFetcher(URLFetcher):  # type: ignore[misc]
        """Reads ``/static/`` URLs from the static files finders; nothing else from the network."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file://") and STATIC_PREFIX in url:
                found = finders.find(url.split(STATIC_PREFIX, 1)[1])
                if found:
                    url = Path(str(found)).as_uri()
            return super().fetch(url, headers)

    return StaticFilesFetcher


def html_to_pdf(html: str) -> bytes:
    """An HTML document (with ``/static/`` links) as PDF bytes."""
    from weasyprint import HTML

    document = HTML(string=html, base_url="file:///", url_fetcher=_fetcher_class()())
    return bytes(document.write_pdf())


def render_pdf(template_name: str, context: dict[str, Any], *, request: HttpRequest | None = None) -> bytes:
    """The template rendered as a PDF document."""
    return html_to_pdf(render_to_string(template_name, context, request=request))


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    return attachment(pdf, filename, PDF)

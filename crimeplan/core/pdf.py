"""PDF documents from Django templates, with WeasyPrint.

Templates extend ``core/pdf_base.html`` (A4, Arial-metric fonts, page numbers in the margin
boxes). ``/static/...`` URLs in the HTML are read from the collected files (``STATIC_ROOT``, where
the hashed names of production live) or else from the static files finders, so a PDF can be made
without a web server, in development before ``collectstatic`` and in production after it.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
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
        """Reads ``/static/`` URLs from the collected or found static files; nothing else from the network."""

        def fetch(self, url: str, headers: Any = None) -> Any:
            if url.startswith("file://") and STATIC_PREFIX in url:
                found = static_file(url.split(STATIC_PREFIX, 1)[1].split("?")[0])
                if found:
                    url = found.as_uri()
            return super().fetch(url, headers)

    return StaticFilesFetcher


def static_file(name: str) -> Path | None:
    """The file behind a static name: collected (hashed names included) or found in the apps."""
    collected = Path(settings.STATIC_ROOT) / name
    if collected.is_file() and collected.resolve().is_relative_to(Path(settings.STATIC_ROOT).resolve()):
        return collected
    found = finders.find(name)
    return Path(str(found)) if found else None


def html_to_pdf(html: str, *, tagged: bool = False) -> bytes:
    """An HTML document (with ``/static/`` links) as PDF bytes; ``tagged`` adds the structure tags (PDF/UA)
    that let screen readers follow headings and tables."""
    from weasyprint import HTML

    document = HTML(string=html, base_url="file:///", url_fetcher=_fetcher_class()())
    return bytes(document.write_pdf(pdf_tags=True) if tagged else document.write_pdf())


def render_pdf(
    template_name: str, context: dict[str, Any], *, request: HttpRequest | None = None, tagged: bool = False
) -> bytes:
    """The template rendered as a PDF document."""
    return html_to_pdf(render_to_string(template_name, context, request=request), tagged=tagged)


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    return attachment(pdf, filename, PDF)

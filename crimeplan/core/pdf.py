"""PDF documents from Django templates, with WeasyPrint.

Templates extend ``core/pdf_base.html`` (A4, Arial-metric fonts, page numbers in the margin
boxes; a ``security_marking`` block, such as OFFICIAL-SENSITIVE, printed at the top and bottom of every
page). ``/static/...`` URLs in the HTML are read from the collected files (``STATIC_ROOT``, where
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


#: Every document is a tagged PDF/UA-1 file: a structure tree (headings, paragraphs, lists, tables) with
#: marked content, the document's language (the ``lang`` of ``<html>``) and its title (``<title>``) shown
#: as the window title, so screen readers read it and its text is extracted in reading order.
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}


def html_to_pdf(html: str) -> bytes:
    """An HTML document (with ``/static/`` links) as a tagged PDF (PDF/UA-1)."""
    from weasyprint import HTML

    document = HTML(string=html, base_url="file:///", url_fetcher=_fetcher_class()())
    return bytes(document.write_pdf(**PDF_OPTIONS))


def render_pdf(template_name: str, context: dict[str, Any], *, request: HttpRequest | None = None) -> bytes:
    """The template rendered as a tagged PDF document."""
    return html_to_pdf(render_to_string(template_name, context, request=request))


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    return attachment(pdf, filename, PDF)

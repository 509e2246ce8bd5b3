"""Documents are tagged PDFs (PDF/UA-1): structure tree, marked content, language, title, text in reading order."""

import io

import pikepdf
import pypdfium2 as pdfium
from django.template import Context, Template

from crimeplan.core.pdf import html_to_pdf

DOCUMENT = """{% extends "core/pdf_base.html" %}
{% block title %}Quarterly report{% endblock %}
{% block security_marking %}{{ marking }}{% endblock %}
{% block content %}<h1>First heading</h1><p>Alpha paragraph.</p><h2>Second heading</h2>
<table><thead><tr><th>Area</th><th>Count</th></tr></thead><tbody><tr><td>Preston</td><td>12</td></tr></tbody></table>
<p>Omega paragraph.</p>{% endblock %}"""


def _pdf(marking: str = "") -> bytes:
    return html_to_pdf(Template(DOCUMENT).render(Context({"marking": marking})))


def test_a_document_is_tagged_with_language_title_and_marked_content():
    pdf = pikepdf.open(io.BytesIO(_pdf()))
    root = pdf.Root
    assert "/StructTreeRoot" in root
    assert bool(root.MarkInfo.Marked) is True
    assert str(root.Lang) == "en-GB"
    assert str(pdf.docinfo.Title) == "Quarterly report"
    assert bool(root.ViewerPreferences.DisplayDocTitle) is True
    kinds = set()

    def walk(node, depth=0):
        if depth > 40:
            return
        if isinstance(node, pikepdf.Dictionary) and "/S" in node:
            kinds.add(str(node.S))
        kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, pikepdf.Dictionary):
                walk(kid, depth + 1)

    walk(root.StructTreeRoot)
    assert {"/H1", "/H2", "/P", "/Table", "/TH", "/TD"} <= kinds
    contents = pdf.pages[0].Contents
    streams = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
    content = b"".join(stream.read_bytes() for stream in streams)
    assert b"BDC" in content and b"/MCID" in content


def test_the_text_comes_out_in_reading_order():
    text = pdfium.PdfDocument(_pdf())[0].get_textpage().get_text_range()
    positions = [
        text.index(word) for word in ("First heading", "Alpha paragraph", "Second heading", "Preston", "Omega")
    ]
    assert positions == sorted(positions)


def test_a_security_marking_is_printed_at_the_top_and_bottom_of_every_page():
    text = pdfium.PdfDocument(_pdf("OFFICIAL-SENSITIVE"))[0].get_textpage().get_text_range()
    assert text.count("OFFICIAL-SENSITIVE") == 2
    assert "OFFICIAL-SENSITIVE" not in pdfium.PdfDocument(_pdf())[0].get_textpage().get_text_range()

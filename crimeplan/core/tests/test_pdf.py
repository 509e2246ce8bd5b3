import copy

import pypdfium2 as pdfium

from crimeplan.core.pdf import render_pdf


def test_a_template_becomes_a_pdf_with_the_print_styles(tmp_path, settings):
    template = tmp_path / "doc.html"
    template.write_text('{% extends "core/pdf_base.html" %}{% block content %}<h1>Report</h1>{% endblock %}')
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [*templates[0]["DIRS"], tmp_path]
    settings.TEMPLATES = templates  # assigning (not mutating) resets the template engines, whatever ran before
    pdf = render_pdf("doc.html", {})
    assert pdf.startswith(b"%PDF")
    document = pdfium.PdfDocument(pdf)
    text = document[0].get_textpage().get_text_range()
    assert len(document) == 1
    assert "Report" in text and "Page 1 of 1" in text and "Open Government Licence" in text

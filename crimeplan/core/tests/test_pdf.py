import pypdfium2 as pdfium
from django.template import Context, Template

from crimeplan.core.pdf import html_to_pdf


def test_a_template_becomes_a_pdf_with_the_print_styles():
    html = Template('{% extends "core/pdf_base.html" %}{% block content %}<h1>Report</h1>{% endblock %}').render(
        Context()
    )
    pdf = html_to_pdf(html)
    assert pdf.startswith(b"%PDF")
    document = pdfium.PdfDocument(pdf)
    text = document[0].get_textpage().get_text_range()
    assert len(document) == 1
    assert "Report" in text and "Page 1 of 1" in text and "Open Government Licence" in text

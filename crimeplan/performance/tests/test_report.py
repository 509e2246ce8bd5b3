from io import StringIO

import pypdfium2 as pdfium
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from crimeplan.core.testing import tagged_pdf_facts

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> tuple[int, str]:
    document = pdfium.PdfDocument(data)
    return len(document), "\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))


@pytest.mark.slow  # draws the quarterly PDF and HTML
def test_the_quarterly_report_command_writes_pdf_and_html(loaded_store, plan, tmp_path):
    out = tmp_path / "report.pdf"
    call_command(
        "report", "quarterly", "--quarter", "2022Q2", "--force", "lancashire", "--out", str(out), stdout=StringIO()
    )
    pages, text = pdf_text(out.read_bytes())
    html = (tmp_path / "report.html").read_text()
    assert pages > 3
    for expected in (
        "Performance report for April to June 2022",
        "8. Anti-social behaviour",
        "significant decrease",
        "Open Government Licence v3.0",
        "Method",
    ):
        assert expected in " ".join(text.split()), expected
    assert html.count("<svg") >= 5
    facts = tagged_pdf_facts(out.read_bytes())
    assert facts == {
        "tagged": True,
        "marked": True,
        "lang": "en-GB",
        "title": "Lancashire Police and Crime Plan: performance report, April to June 2022",
    }
    flat = " ".join(text.split())
    assert flat.index("Summary") < flat.index("8. Anti-social behaviour") < flat.index("Method")


def test_a_bad_quarter_is_a_clear_error(loaded_store, plan, tmp_path):
    with pytest.raises(CommandError, match="use YYYYQn"):
        call_command(
            "report", "quarterly", "--quarter", "2022-04", "--force", "lancashire", "--out", str(tmp_path / "r.pdf")
        )


@pytest.mark.slow  # draws the quarterly PDF
def test_the_report_downloads_from_the_dashboard(client, loaded_store, plan):
    response = client.get(reverse("performance:report", args=["2022Q2", "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan-performance-2022Q2.pdf"'
    assert pdf_text(response.content)[0] > 3


def test_the_licence_names_the_published_statistics_its_module_measures_count():
    from types import SimpleNamespace

    from crimeplan.performance.report import published_sources

    def card(*providers: str) -> SimpleNamespace:
        return SimpleNamespace(results=[SimpleNamespace(measure=SimpleNamespace(provider=p)) for p in providers])

    cards = [card("roads.ksi-adjusted", "roads.ksi-pedestrians-cyclists", ""), card("ocg.nrm.referrals", "ocg.groups")]
    assert published_sources(cards) == [
        "Department for Transport road casualty statistics (STATS19)",
        "Home Office National Referral Mechanism statistics",
    ]
    assert published_sources([card("grants.csp-allocation.paid", "no.such.provider")]) == []

"""The example data: loaded once, labelled as examples everywhere, and the Board report renders for it."""

from __future__ import annotations

from io import StringIO

import pypdfium2 as pdfium
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from crimeplan.accounts.models import Organisation
from crimeplan.cases.models import Case, Cohort, FundedProject, Person, ProvenOffence, Service

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads the example data and draws the board report


def test_the_example_data_loads_once_is_labelled_and_the_board_report_renders_for_it(client, monkeypatch):
    """One test, because loading the example data takes several seconds."""
    monkeypatch.setenv("CRIMEPLAN_DEMO_PASSWORD", "demo-password-for-tests")
    call_command("cases", "demo", stdout=StringIO())
    again = StringIO()
    call_command("cases", "demo", "--password", "a-second-password", stdout=again)
    assert "already loaded" in again.getvalue() and "password 'a-second-password'" in again.getvalue()
    assert get_user_model().objects.get(username="demo-probation").check_password("a-second-password")
    _labelled()
    client.force_login(get_user_model().objects.get(username="demo-council"))
    _board_report(client)
    case = Case.objects.filter(owner__slug="example-council").first()
    page = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    assert "This is an example case made up for demonstration" in page


def _labelled():
    assert Case.objects.count() == 12 + 88 + 1 and not Case.objects.filter(is_example=False).exists()
    assert not Person.objects.filter(is_example=False).exists()
    assert all(p.family_name.startswith("Example") for p in Person.objects.all())
    assert (
        not Cohort.objects.filter(is_example=False).exists() and not Service.objects.filter(is_example=False).exists()
    )
    assert all(o.name.endswith("(example)") for o in Organisation.objects.exclude(slug="opcc"))
    assert FundedProject.objects.count() == 2 and ProvenOffence.objects.exists()


def _board_report(client):
    page = client.get(reverse("cases:board")).content.decode()
    assert "Integrated Offender Management: all cases" in page
    assert "This report includes example data made up for demonstration" in page
    assert "Funded project: Example mentoring project (example)" in page
    assert "Example IOM cohort 2022-23 (example)" in page
    pdf = client.get(reverse("cases:board_pdf"))
    text = "".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(pdf.content))
    assert "EXAMPLE DATA" in text and "Example housing first project (example)" in text

"""Cohorts in the database: OGRS3 at the start, offences entered and imported, the Board report."""

from __future__ import annotations

from datetime import date

import pypdfium2 as pdfium
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.cases.models import Cohort, OffenceImport, Programme, ProvenOffence
from crimeplan.cases.selectors.board import board_report
from crimeplan.cases.services.reoffending import add_member, import_offences, record_offence
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.testing import tagged_pdf_facts

pytestmark = pytest.mark.django_db

# The library's fixture cohort (crimeplan/analytics/tests/test_reoffending.py), stored this time.
MEMBERS = [
    ("A", date(2022, 1, 15)),
    ("B", date(2022, 1, 15)),
    ("C", date(2022, 1, 15)),
    ("D", date(2022, 1, 15)),
    ("E", date(2022, 1, 15)),
    ("G", date(2023, 3, 1)),
    ("H", date(2022, 2, 28)),
    ("I", date(2020, 2, 29)),
]
OFFENCES_CSV = (
    "member_reference,offence_date,proven_date,disposal,offence_code,description\n"
    "A,2023-01-15,2023-07-15,conviction,,exactly 12 and 18 months\n"
    "B,2023-01-16,2023-02-01,conviction,,a day after 12 months\n"
    "C,2022-06-01,2023-07-16,caution,,proven a day after 18 months\n"
    "D,2022-01-15,2022-01-15,caution,,on the start date\n"
    "E,2022-03-01,2022-05-01,conviction,05911,\n"
    "E,2022-09-01,2023-01-10,conviction,,\n"
    "G,2023-06-01,2023-08-01,conviction,,not measured yet\n"
    "H,2023-02-28,2023-08-28,conviction,,month-end edges\n"
    "I,2021-02-28,2021-08-29,conviction,,leap-day edges\n"
    "I,2021-03-01,2021-03-02,caution,,after 12 months\n"
    "Z,2022-03-01,2022-04-01,caution,,nobody called Z\n"
    "A,2023-01-15,2023-07-15,conviction,,exactly 12 and 18 months\n"
    "A,2023-13-01,2023-07-15,conviction,,\n"
)


@pytest.fixture
def cohort(owner):
    group = Cohort.objects.create(
        name="Fixture cohort", programme=Programme.objects.get(slug="iom"), organisation=owner.organisation
    )
    for reference, start in MEMBERS:
        add_member(
            cohort=group,
            by=owner,
            reference=reference,
            start_event="release",
            start_date=start,
            sex="male",
            age_at_start=25,
            age_first_sanction=16,
            sanctions=8,
            offence_category="Burglary (domestic)",
        )
    return group


def test_a_member_gets_ogrs3_at_the_start_from_a_category_or_a_code(cohort, owner):
    member = cohort.members.get(reference="A")
    assert (round(member.ogrs3_one_year, 4), round(member.ogrs3_two_year, 4), member.ogrs3_band) == (
        0.3759,
        0.5528,
        "medium",
    )
    coded = add_member(
        cohort=cohort,
        by=owner,
        reference="J",
        start_event="caution",
        start_date=date(2022, 5, 1),
        sex="male",
        age_at_start=40,
        age_first_sanction=22,
        sanctions=5,
        offence_code="5911",
    )
    assert (coded.offence_category, coded.offence_code, round(coded.ogrs3_one_year, 4)) == (
        "Criminal damage",
        "05911",
        0.1702,
    )
    with pytest.raises(ValidationError, match="no OGRS3 category"):
        add_member(
            cohort=cohort,
            by=owner,
            reference="K",
            start_event="caution",
            start_date=date(2022, 5, 1),
            sex="male",
            age_at_start=40,
            age_first_sanction=22,
            sanctions=5,
            offence_code="95000",
        )


def test_an_import_stores_good_rows_and_lists_every_rejection(cohort, owner):
    run = import_offences(cohort=cohort, by=owner, file_name="offences.csv", data=OFFENCES_CSV.encode())
    assert (run.rows_read, run.rows_stored, run.rows_rejected) == (13, 10, 3)
    reasons = dict(run.rejections.values_list("line", "reason"))
    assert reasons[12] == "Fixture cohort has no member with this reference"
    assert reasons[13] == "repeats line 2"
    assert reasons[14].startswith("offence_date must be a date")
    again = import_offences(cohort=cohort, by=owner, file_name="offences.csv", data=OFFENCES_CSV.encode())
    assert again.rows_stored == 0 and again.rows_rejected == 13
    assert ProvenOffence.objects.count() == 10
    event = AuditEvent.objects.filter(event="offences_recorded").first()
    assert event.data["rows_read"] == event.data["rows_stored"] + event.data["rows_rejected"]


def test_a_file_that_cannot_be_read_is_refused_whole(cohort, owner):
    with pytest.raises(ApplicationError, match="missing proven_date"):
        import_offences(
            cohort=cohort, by=owner, file_name="x.csv", data=b"member_reference,offence_date\nA,2022-01-01\n"
        )
    assert OffenceImport.objects.count() == 0


def test_the_board_report_rate_equals_the_hand_count_across_the_edges(cohort, owner):
    import_offences(cohort=cohort, by=owner, file_name="offences.csv", data=OFFENCES_CSV.encode())
    report = board_report(programme=cohort.programme, as_of=date(2024, 8, 31))
    (row,) = report.overall.reoffending
    # By hand: measured A B C D E H I (G's 18 months end after the date); reoffenders A E H I; 5 reoffences.
    assert (row.result.members, row.result.measured, row.result.reoffenders, row.result.reoffences) == (8, 7, 4, 5)
    assert row.result.rate == 4 / 7
    assert row.result.expected_rate == pytest.approx(0.375851, abs=1e-6)


def test_an_entered_offence_is_checked(cohort, owner):
    member = cohort.members.get(reference="A")
    with pytest.raises(ValidationError, match="proven on or after"):
        record_offence(
            member=member, by=owner, offence_date=date(2023, 2, 1), proven_date=date(2023, 1, 1), disposal="caution"
        )
    with pytest.raises(ValidationError, match="Home Office offence code"):
        record_offence(
            member=member,
            by=owner,
            offence_date=date(2023, 1, 1),
            proven_date=date(2023, 2, 1),
            disposal="caution",
            offence_code="99999",
        )
    record_offence(
        member=member, by=owner, offence_date=date(2023, 1, 1), proven_date=date(2023, 2, 1), disposal="caution"
    )
    assert member.offences.get().source == "entered"


def test_the_board_page_and_pdf_show_the_figures_with_the_ogrs3_warning(client, cohort, owner, board_member):
    import_offences(cohort=cohort, by=owner, file_name="offences.csv", data=OFFENCES_CSV.encode())
    client.force_login(board_member)
    query = {"programme": cohort.programme.pk, "as_of": "2024-08-31"}
    page = client.get(reverse("cases:board"), query).content.decode()
    assert "Fixture cohort" in page and "57.1%" in page and "Never use it to make a decision about one person" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in page
    response = client.get(reverse("cases:board_pdf"), query)
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(response.content))
    assert "Reducing Reoffending Board report" in text and "57.1%" in text and "one person" in text
    # aggregates about people on a programme: marked OFFICIAL-SENSITIVE at the top and bottom of every page
    pages = [p.get_textpage().get_text_range() for p in pdfium.PdfDocument(response.content)]
    assert [page.count("OFFICIAL-SENSITIVE") for page in pages] == [2] * len(pages)
    facts = tagged_pdf_facts(response.content)
    assert facts["tagged"] and facts["marked"] and facts["lang"] == "en-GB"
    assert facts["title"].startswith("Reducing Reoffending Board report")
    assert AuditEvent.objects.filter(event="board_report_viewed").count() == 2


def test_the_board_report_needs_the_permission_and_the_cohort_its_agency(client, cohort, owner, outsider):
    client.force_login(owner)
    assert client.get(reverse("cases:board")).status_code == 403
    assert client.get(reverse("cases:cohort", args=[cohort.pk])).status_code == 200
    client.force_login(outsider)
    assert client.get(reverse("cases:cohort", args=[cohort.pk])).status_code == 404
    assert client.get(reverse("cases:import_offences", args=[cohort.pk])).status_code == 404


def test_uploading_offences_on_the_page_shows_the_reconciliation(client, cohort, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(owner)
    upload = SimpleUploadedFile("offences.csv", OFFENCES_CSV.encode(), content_type="text/csv")
    response = client.post(reverse("cases:import_offences", args=[cohort.pk]), {"file": upload}, follow=True)
    page = response.content.decode()
    assert "Lines rejected" in page and "Fixture cohort has no member with this reference" in page
    bad = SimpleUploadedFile("bad.csv", b"nothing,here\n1,2\n", content_type="text/csv")
    response = client.post(reverse("cases:import_offences", args=[cohort.pk]), {"file": bad})
    assert response.status_code == 200 and "The header does not match the schema" in response.content.decode()

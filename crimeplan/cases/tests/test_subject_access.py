"""Subject access (JSON and PDF) and rectification, end to end through the pages."""

from __future__ import annotations

import json
from datetime import date

import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.cases.constants import Stage
from crimeplan.cases.models import AsbIncident, NeedDomain, Service
from crimeplan.cases.services import casework, sharing
from crimeplan.cases.tests.conftest import with_permission
from crimeplan.cases.tests.factories import AgreementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def worked_case(case, owner, sharer):
    """A case with something in every part of the record, read once by a sharing agency."""
    person = case.person
    casework.add_entry(
        case=case,
        by=owner,
        kind="contact",
        occurred_on=date(2025, 3, 1),
        summary="Home visit",
        text="Talked about rent",
    )
    casework.assess_needs(
        case=case,
        by=owner,
        stage=Stage.START,
        assessed_on=date(2025, 3, 1),
        levels={NeedDomain.objects.get(slug="finance"): 3},
    )
    service = Service.objects.create(name="Debt advice service", kind="voluntary", provider="Advice charity")
    casework.record_intervention(case=case, by=owner, service=service, status="referred", referred_on=date(2025, 3, 2))
    agreement = AgreementFactory(parties=[owner.organisation, sharer.organisation], title="Second agreement")
    sharing.record_exception(
        case=case, by=owner, agreement=agreement, reason="Risk of serious harm", expires_on=date(2030, 1, 1)
    )
    AsbIncident.objects.create(
        victim=person,
        address="2 Test Lane",
        postcode="PR2 2BB",
        occurred_on=date(2025, 1, 1),
        reported_on=date(2025, 1, 2),
        description="Graffiti on the door",
        recorded_by_organisation=owner.organisation,
    )
    return case


def _export(client, person, fmt):
    return client.post(
        reverse("cases:person_export", args=[person.pk]), {"purpose": "SAR-104 received 3 March", "format": fmt}
    )


def test_the_json_export_holds_everything_about_the_person(client, dpo, worked_case, sharer):
    client.force_login(sharer)
    client.get(reverse("cases:detail", args=[worked_case.reference]))
    client.force_login(dpo)
    response = _export(client, worked_case.person, "json")
    assert response["Content-Disposition"].startswith('attachment; filename="subject-access-')
    data = json.loads(response.content)
    assert data["person"]["family_name"] == worked_case.person.family_name
    (record,) = data["cases"]
    assert record["reference"] == worked_case.reference
    assert [e["summary"] for e in record["timeline"]][-1] == "Home visit"
    assert record["needs_assessments"][0]["ratings"] == {"Finance, benefit and debt": 3}
    assert record["interventions"][0]["service"] == "Debt advice service"
    assert record["sharing_without_consent"][0]["reason"] == "Risk of serious harm"
    seen = [r for r in record["who_has_seen_or_changed_it"] if r["event"] == "case_viewed"]
    assert seen[0]["organisation"] == "Sharing agency" and seen[0]["purpose"].startswith("Information sharing")
    assert data["consent"][0]["status"] == "given"
    assert data["asb_complaints"][0]["description"] == "Graffiti on the door"
    event = AuditEvent.objects.get(event="subject_access_exported")
    assert event.purpose == "SAR-104 received 3 March" and event.data == {"format": "json", "cases": 1}


def test_the_pdf_export_is_a_readable_document(client, dpo, worked_case):
    client.force_login(dpo)
    response = _export(client, worked_case.person, "pdf")
    assert response["Content-Type"] == "application/pdf"
    document = pdfium.PdfDocument(response.content)
    text = " ".join(" ".join(page.get_textpage().get_text_range() for page in document).split())
    assert f"Everything held about {worked_case.person}" in text
    assert text.count("OFFICIAL-SENSITIVE") == 2 * len(document)  # personal data: marked on every page
    assert worked_case.reference in text and "Home visit" in text and "Graffiti on the door" in text
    assert "Who has seen or changed this case" in text


def test_only_a_data_protection_officer_exports(client, owner, outsider, worked_case):
    # 403 for the record's agency, which may see it; 404 (as for a number that does not exist) for others
    rectifier = with_permission(owner, "rectify_person")
    for user, code in ((rectifier, 403), (outsider, 404)):
        client.force_login(user)
        assert _export(client, worked_case.person, "json").status_code == code
    client.force_login(outsider)
    assert client.get(reverse("cases:person", args=[worked_case.person.pk])).status_code == 404
    assert not AuditEvent.objects.filter(event="subject_access_exported").exists()


def test_an_export_needs_a_purpose(client, dpo, worked_case):
    client.force_login(dpo)
    response = client.post(reverse("cases:person_export", args=[worked_case.person.pk]), {"format": "json"})
    assert response.status_code == 400 and "Enter the purpose of the export" in response.content.decode()


def test_the_owner_corrects_the_record_and_the_export_shows_the_correction(client, owner, dpo, worked_case):
    client.force_login(with_permission(owner, "rectify_person"))
    person = worked_case.person
    data = {
        "given_name": person.given_name,
        "family_name": "Rightname",
        "date_of_birth": "1990-05-17",
        "reason": "Misspelt at referral",
    }
    response = client.post(reverse("cases:rectify", args=[person.pk]), data)
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.family_name == "Rightname"
    client.force_login(dpo)
    exported = json.loads(_export(client, person, "json").content)
    assert "family_name" in exported["corrections"][0]["fields"] and exported["person"]["family_name"] == "Rightname"

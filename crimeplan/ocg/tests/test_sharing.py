"""Sharing under case-work agreements: what a partner's package holds, denials, and the audit."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf
import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from crimeplan.accounts.models import Organisation
from crimeplan.audit.models import AuditEvent
from crimeplan.cases.models import InformationSharingAgreement
from crimeplan.ocg.constants import EntityKind, HandlingCode, LinkKind, Role
from crimeplan.ocg.models import Entity, Link, Nominal, OrganisedCrimeGroup, SharingRule

pytestmark = pytest.mark.django_db
PURPOSE = "Licensing review of premises linked to the group"


@pytest.fixture
def register():
    group = OrganisedCrimeGroup.objects.create(reference="G7", name="Group seven")
    Entity.objects.create(group=group, kind=EntityKind.PREMISES, label="12 Mill Street (takeaway)")
    Entity.objects.create(group=group, kind=EntityKind.BUSINESS, label="Mill Street Foods Ltd")
    Entity.objects.create(group=group, kind=EntityKind.PHONE, label="07700 900123")
    Entity.objects.create(
        group=group, kind=EntityKind.PREMISES, label="Sensitive flat", handling_code=HandlingCode.OFFICIAL_SENSITIVE
    )
    Nominal.objects.create(group=group, reference="N501", role=Role.PRINCIPAL)
    Link.objects.create(
        group=group,
        source="N501",
        target="N502",
        kind=LinkKind.FINANCIAL,
        origin="informant K",
        source_evaluation="2",
        assessment="B",
        sharing="C",
    )
    return group


def _agreement(org: Organisation, **dates) -> InformationSharingAgreement:
    agreement = InformationSharingAgreement.objects.create(
        title=f"Licensing and police {org.pk}",
        purpose="Premises licensing",
        legal_gateway="cda_s115",
        starts_on=dates.get("starts_on", dt.date(2024, 1, 1)),
        review_on=dt.date(2030, 1, 1),
        ends_on=dates.get("ends_on"),
    )
    agreement.parties.add(org)
    return agreement


def _partner(django_user_model, slug: str):
    org = Organisation.objects.create(name=f"Council {slug}", slug=slug, kind="council")
    user = django_user_model.objects.create_user(username=f"officer-{slug}", password="x", organisation=org)
    return org, user


def test_licensing_partner_exports_premises_and_businesses_and_no_intelligence(client, django_user_model, register):
    org, user = _partner(django_user_model, "licensing")
    rule = SharingRule.objects.create(
        agreement_id=_agreement(org).pk, organisation=org, fields=["premises", "businesses"]
    )
    rule.groups.add(register)
    client.force_login(user)
    response = client.post(reverse("ocg:shared_export", args=["G7"]), {"purpose": PURPOSE})
    assert response.status_code == 200
    body = response.content.decode()
    assert "12 Mill Street (takeaway)" in body and "Mill Street Foods Ltd" in body
    for withheld in ("N501", "N502", "informant K", "2BC", "07700 900123", "Sensitive flat"):
        assert withheld not in body
    assert f"# purpose,{PURPOSE}" in body and "Crime and Disorder Act 1998, section 115" in body
    event = AuditEvent.objects.get(event="ocg_package_exported")
    assert event.purpose == PURPOSE
    assert event.data["rows"] == 2 and event.data["fields"] == ["premises", "businesses"]


def test_export_needs_a_purpose(client, django_user_model, register):
    org, user = _partner(django_user_model, "lic2")
    SharingRule.objects.create(agreement_id=_agreement(org).pk, organisation=org, fields=["premises"]).groups.add(
        register
    )
    client.force_login(user)
    page = client.post(reverse("ocg:shared_export", args=["G7"]), {"purpose": "x"})
    assert page.status_code == 200 and "Say why you need this package" in page.content.decode()
    assert not AuditEvent.objects.filter(event="ocg_package_exported").exists()


@pytest.mark.parametrize(
    "situation", ["no rule", "rule for another group", "agreement ended", "not a party", "sensitive group"]
)
def test_partner_denials_look_like_not_found(client, django_user_model, register, situation):
    org, user = _partner(django_user_model, "p")
    other_org = Organisation.objects.create(name="Elsewhere", slug="elsewhere", kind="council")
    if situation != "no rule":
        ended = {"ends_on": dt.date(2024, 6, 1)} if situation == "agreement ended" else {}
        agreement = _agreement(other_org if situation == "not a party" else org, **ended)
        rule = SharingRule.objects.create(agreement_id=agreement.pk, organisation=org, fields=["premises"])
        other = OrganisedCrimeGroup.objects.create(reference="G8", name="Other")
        rule.groups.add(other if situation == "rule for another group" else register)
    if situation == "sensitive group":
        register.handling_code = HandlingCode.OFFICIAL_SENSITIVE
        register.save()
    client.force_login(user)
    denied = client.post(reverse("ocg:shared_export", args=["G7"]), {"purpose": PURPOSE})
    missing = client.post(reverse("ocg:shared_export", args=["NOPE"]), {"purpose": PURPOSE})
    assert denied.status_code == missing.status_code == 404
    assert not AuditEvent.objects.filter(event="ocg_package_exported").exists()


def test_licensing_partner_exports_the_same_package_as_pdf_with_purpose_and_gateway(
    client, django_user_model, register
):
    org, user = _partner(django_user_model, "licpdf")
    SharingRule.objects.create(
        agreement_id=_agreement(org).pk, organisation=org, fields=["premises", "businesses"]
    ).groups.add(register)
    client.force_login(user)
    response = client.post(reverse("ocg:shared_export", args=["G7"]), {"purpose": PURPOSE, "file_format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with pikepdf.open(io.BytesIO(response.content)) as pdf:
        assert "/StructTreeRoot" in pdf.Root
    text = " ".join(" ".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(response.content)).split())
    assert "12 Mill Street (takeaway)" in text and "Mill Street Foods Ltd" in text
    for withheld in ("N501", "N502", "informant K", "2BC", "07700 900123", "Sensitive flat"):
        assert withheld not in text
    assert PURPOSE in text and "Crime and Disorder Act 1998, section 115" in text
    event = AuditEvent.objects.get(event="ocg_package_exported")
    assert event.purpose == PURPOSE and event.data["file_format"] == "pdf" and event.data["rows"] == 2


def test_a_pdf_is_refused_like_a_csv_when_the_partner_has_no_agreement(client, django_user_model, register):
    _, user = _partner(django_user_model, "nopdf")
    client.force_login(user)
    denied = client.post(reverse("ocg:shared_export", args=["G7"]), {"purpose": PURPOSE, "file_format": "pdf"})
    missing = client.post(reverse("ocg:shared_export", args=["NOPE"]), {"purpose": PURPOSE, "file_format": "pdf"})
    assert denied.status_code == missing.status_code == 404
    assert not AuditEvent.objects.filter(event="ocg_package_exported").exists()

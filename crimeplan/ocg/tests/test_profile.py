"""SOC local profiles per community safety partnership: page and tagged PDF, scoped and audited."""

from __future__ import annotations

import datetime as dt
import io

import pikepdf
import pypdfium2 as pdfium
import pytest
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.ocg.constants import GroupStatus, HandlingCode, Strand
from crimeplan.ocg.models import FourPPlan, LinkedCrime, OrganisedCrimeGroup, PlanAction
from crimeplan.ocg.services.slavery import record_slavery
from crimeplan.ocg.tests.people import account, page

pytestmark = pytest.mark.django_db
CSP = "Preston Community Safety Partnership"
SLUG = "preston-community-safety-partnership"


@pytest.fixture
def partnership():
    open_group = OrganisedCrimeGroup.objects.create(
        reference="P1", name="Dock road", csp=CSP, markets=["drugs", "modern-slavery"]
    )
    OrganisedCrimeGroup.objects.create(
        reference="P2", name="Hidden", csp=CSP, handling_code=HandlingCode.OFFICIAL_SENSITIVE, markets=["firearms"]
    )
    OrganisedCrimeGroup.objects.create(reference="P3", name="Gone", csp=CSP, status=GroupStatus.ARCHIVED)
    OrganisedCrimeGroup.objects.create(reference="S1", name="Elsewhere", csp="Another Partnership")
    plan = FourPPlan.objects.create(
        group=open_group, lead_officer="DI", starts_on=dt.date(2024, 1, 1), review_on=dt.date(2025, 1, 1)
    )
    PlanAction.objects.create(
        plan=plan,
        strand=Strand.PREVENT,
        description="Licensing visit",
        owner="Council licensing",
        due_on=dt.date(2024, 2, 1),
    )
    LinkedCrime.objects.create(
        group=open_group, crime_type="Robbery", month="2024-01", lsoa="E01025309", linked_on=dt.date(2024, 2, 1)
    )
    record_slavery(
        user=None,
        is_child=True,
        consent=False,
        exploitation=["criminal"],
        referred_on=dt.date(2024, 3, 1),
        group=open_group,
        handling_code=HandlingCode.OFFICIAL,
    )
    return open_group


@pytest.mark.parametrize(
    ("role", "expected"),
    [("no-permission", 403), ("reader", 200), ("sensitive-reader", 200)],
)
def test_profile_page_by_role_shows_only_readable_groups(client, django_user_model, partnership, role, expected):
    client.force_login(account(django_user_model, role))
    response = client.get(reverse("ocg:profile", args=[SLUG]))
    assert response.status_code == expected
    if expected != 200:
        return
    text = response.content.decode()
    assert "P1 Dock road" in text and "Gone" not in text and "Elsewhere" not in text
    assert ("P2 Hidden" in text) is (role == "sensitive-reader")
    assert "Licensing visit" in text and "overdue" in text and "Children referred to the NRM" in text
    assert "365 Cambridge Crime Harm Index days" in text
    assert AuditEvent.objects.filter(event="ocg_profile_read", data__csp=CSP).exclude(purpose="").count() == 1


def test_a_partnership_with_no_readable_group_is_not_found(client, django_user_model, partnership):
    OrganisedCrimeGroup.objects.filter(csp="Another Partnership").update(handling_code=HandlingCode.OFFICIAL_SENSITIVE)
    client.force_login(account(django_user_model, "reader"))
    denied = client.get(reverse("ocg:profile", args=["another-partnership"]))
    missing = client.get(reverse("ocg:profile", args=["no-such-partnership"]))
    assert denied.status_code == missing.status_code == 404 and page(denied) == page(missing)
    assert client.get(reverse("ocg:profile_pdf", args=["another-partnership"])).status_code == 404
    listed = client.get(reverse("ocg:profiles")).content.decode()
    assert CSP in listed and "Another Partnership" not in listed


def test_profile_pdf_is_tagged_and_audited(client, django_user_model, partnership):
    client.force_login(account(django_user_model, "reader"))
    response = client.get(reverse("ocg:profile_pdf", args=[SLUG]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    with pikepdf.open(io.BytesIO(response.content)) as pdf:
        assert "/StructTreeRoot" in pdf.Root  # tagged: headings and tables have structure for screen readers
        assert pdf.Root.MarkInfo.Marked
    text = " ".join(" ".join(p.get_textpage().get_text_range() for p in pdfium.PdfDocument(response.content)).split())
    assert "Dock road" in text and "Hidden" not in text and "Licensing visit" in text
    assert AuditEvent.objects.filter(event="ocg_profile_read", data__via="pdf").count() == 1

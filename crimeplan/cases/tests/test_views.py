"""The pages: denials are 404 or 403 responses (not hidden links), every read is audited, forms say what is wrong."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.cases.constants import Status
from crimeplan.cases.models import Case, NeedDomain, Programme
from crimeplan.cases.tests.factories import OrganisationFactory, TeamMemberFactory, UserFactory

pytestmark = pytest.mark.django_db

# page name -> the status code for each role (GET). 302 = sent to sign in.
PAGES = """
page          anonymous outsider sharer team owner
detail        302       404      200    200  200
status        302       404      403    403  200
entry         302       404      403    200  200
needs         302       404      403    200  200
action        302       404      403    200  200
intervention  302       404      403    200  200
outcomes      302       404      403    200  200
team          302       404      403    403  200
lead_worker   302       404      403    403  200
consent       302       404      403    403  200
exception     302       404      403    403  200
volunteer     302       404      403    200  200
"""
HEADER, *ROWS = [line.split() for line in PAGES.strip().splitlines()]
CASES = [(row[0], role, int(code)) for row in ROWS for role, code in zip(HEADER[1:], row[1:], strict=True)]


@pytest.fixture
def users(owner, outsider, sharer, case):
    team = UserFactory(username="team", organisation=OrganisationFactory(name="Team agency", slug="team"))
    TeamMemberFactory(case=case, organisation=team.organisation)
    return {"owner": owner, "outsider": outsider, "sharer": sharer, "team": team}


@pytest.mark.parametrize(("page", "role", "code"), CASES)
def test_every_case_page_for_every_role(client, users, case, page, role, code):
    if role != "anonymous":
        client.force_login(users[role])
    response = client.get(reverse(f"cases:{page}", args=[case.reference]))
    assert response.status_code == code


def test_a_post_from_an_agency_that_cannot_change_the_case_is_refused(client, users, case):
    client.force_login(users["sharer"])
    response = client.post(reverse("cases:status", args=[case.reference]), {"to_status": "closed", "reason": "x"})
    assert response.status_code == 403
    client.force_login(users["outsider"])
    response = client.post(reverse("cases:entry", args=[case.reference]), {"kind": "note", "summary": "x"})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.status == Status.ACTIVE and not case.timeline.exists()


def test_reading_a_case_is_audited_with_the_purpose_and_a_refusal_too(client, users, case):
    client.force_login(users["sharer"])
    client.get(reverse("cases:detail", args=[case.reference]))
    event = AuditEvent.objects.get(event="case_viewed")
    assert event.actor_name == "sharer" and event.object_id == str(case.pk)
    assert event.purpose.startswith("Information sharing under an agreement:")
    client.force_login(users["outsider"])
    client.get(reverse("cases:detail", args=[case.reference]))
    refused = AuditEvent.objects.get(event="case_access_refused")
    assert refused.actor_name == "outsider" and refused.data["reference"] == case.reference


def test_the_list_shows_only_visible_cases_and_is_audited(client, users, case):
    client.force_login(users["outsider"])
    page = client.get(reverse("cases:list")).content.decode()
    assert case.reference not in page
    client.force_login(users["team"])
    assert case.reference in client.get(reverse("cases:list")).content.decode()
    assert AuditEvent.objects.filter(event="cases_listed").count() == 2


def test_special_category_data_is_hidden_from_an_agreement_that_does_not_cover_it(client, users, case):
    case.person.ethnicity = "mixed"
    case.person.save()
    client.force_login(users["sharer"])
    page = client.get(reverse("cases:detail", args=[case.reference])).content.decode()
    assert "Not shared with your organisation" in page and "Mixed or multiple" not in page
    client.force_login(users["owner"])
    assert "Mixed or multiple" in client.get(reverse("cases:detail", args=[case.reference])).content.decode()


def test_a_partner_refers_and_the_form_explains_mistakes(client, owner):
    client.force_login(owner)
    response = client.post(reverse("cases:refer"), {"given_name": "", "risk_level": "low"})
    page = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in page
    assert "Enter their first name" in page and "Select the programme" in page
    assert "Enter why you are referring them" in page and "Select the level of risk" not in page
    data = {
        "programme": Programme.objects.get(slug="early-action").pk,
        "given_name": "Ash",
        "family_name": "Formtest",
        "date_of_birth": "1990-02-03",
        "reason": "Struggling with debts",
        "needs": [NeedDomain.objects.get(slug="finance").pk],
        "risk_level": "low",
        "basis": "consent",
    }
    response = client.post(reverse("cases:refer"), data)
    case = Case.objects.get(person__family_name="Formtest")
    assert response.status_code == 302 and response["Location"] == reverse("cases:detail", args=[case.reference])


def test_a_user_without_an_agency_cannot_refer(client, db):
    client.force_login(UserFactory(username="loner", organisation=None))
    assert client.get(reverse("cases:refer")).status_code == 403


def test_the_public_form_is_open_only_when_a_programme_takes_public_referrals(client, owner):
    assert "Referrals from the public are not open" in client.get(reverse("cases:public_referral")).content.decode()
    Programme.objects.filter(slug="early-action").update(
        lead_organisation=owner.organisation, accepts_public_referrals=True
    )
    data = {
        "referrer_name": "Kim Neighbour",
        "referrer_contact": "kim@example.org",
        "relationship": "neighbour",
        "given_name": "Lou",
        "family_name": "Publictest",
        "person_aware": "yes",
        "reason": "Not eating, house is cold",
    }
    response = client.post(reverse("cases:public_referral"), data)
    assert response.status_code == 302
    case = Case.objects.get(person__family_name="Publictest")
    assert case.owner == owner.organisation and case.source == "public"
    assert "the person knows about this referral" in case.reason


def test_changing_status_on_the_page_moves_the_case(client, owner, case):
    Case.objects.filter(pk=case.pk).update(status=Status.REFERRED)
    client.force_login(owner)
    url = reverse("cases:status", args=[case.reference])
    response = client.post(url, {"to_status": "screened", "reason": ""})
    assert "Enter the reason the case is screened" in response.content.decode()
    client.post(url, {"to_status": "screened", "reason": "Meets the criteria"})
    case.refresh_from_db()
    assert case.status == Status.SCREENED


def test_the_admin_has_the_configuration_but_no_personal_records(admin_client):
    assert admin_client.get("/admin/cases/programme/").status_code == 200
    assert admin_client.get("/admin/cases/asbpolicy/").status_code == 200
    assert admin_client.get("/admin/cases/case/").status_code == 404
    assert admin_client.get("/admin/cases/person/").status_code == 404

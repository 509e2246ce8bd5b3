"""The referral journey: the owner is told and has a queue; consent or a lawful basis; a refused case; idle staff."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from crimeplan.accounts.middleware import LAST_SEEN
from crimeplan.audit.models import AuditEvent
from crimeplan.cases.constants import Status
from crimeplan.cases.models import Case, Programme
from crimeplan.cases.services import casework
from crimeplan.cases.services.referrals import PersonDetails, refer
from crimeplan.cases.tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead(owner):
    """Early Action led by the owner's agency, taking public referrals; a second worker there has an email."""
    Programme.objects.filter(slug="early-action").update(
        lead_organisation=owner.organisation, accepts_public_referrals=True
    )
    UserFactory(username="lead-worker", organisation=owner.organisation, email="lead@owning.example.org")
    return Programme.objects.get(slug="early-action")


def _form(**extra):
    return {
        "programme": Programme.objects.get(slug="early-action").pk,
        "given_name": "Ash",
        "family_name": "Journeytest",
        "date_of_birth": "1990-02-03",
        "reason": "Struggling with debts",
        "risk_level": "low",
        **extra,
    }


def test_the_owning_agency_is_emailed_and_sees_the_referral_in_its_queue(
    client, owner, outsider, lead, django_capture_on_commit_callbacks
):
    owner.email = "owner@owning.example.org"
    owner.save()
    client.force_login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("cases:refer"), _form(basis="consent"))
    assert response.status_code == 302
    case = Case.objects.get(person__family_name="Journeytest")
    assert case.owner == owner.organisation and case.basis == "consent"
    [email] = mail.outbox
    assert sorted(email.to) == ["lead@owning.example.org", "owner@owning.example.org"]
    assert case.reference in email.subject and reverse("cases:queue") in email.body
    assert "Journeytest" not in email.subject + email.body and "Ash" not in email.body  # names no one
    client.force_login(owner)
    page = client.get(reverse("cases:queue")).content.decode()
    assert case.reference in page and "Journeytest" in page and "The person consented to the referral" in page
    assert AuditEvent.objects.filter(event="cases_listed", data__via="queue").exists()
    casework.change_status(case=case, by=owner, to_status=Status.SCREENED, reason="Eligible")
    assert case.reference not in client.get(reverse("cases:queue")).content.decode()
    client.force_login(outsider)  # the referrer's agency owns nothing: its queue is empty
    assert case.reference not in client.get(reverse("cases:queue")).content.decode()


def test_an_agency_referring_to_itself_is_not_emailed(owner, django_capture_on_commit_callbacks):
    owner.email = "owner@owning.example.org"
    owner.save()
    with pytest.raises(ValidationError):
        refer(by=owner, programme=Programme.objects.get(slug="early-action"), person=PersonDetails("A", "B"),
              reason="x", risk_level="low")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        refer(
            by=owner,
            programme=Programme.objects.get(slug="early-action"),
            person=PersonDetails("A", "B"),
            reason="x",
            risk_level="low",
            basis="consent",
        )
    assert mail.outbox == [] and callbacks == []


def test_a_partner_referral_needs_consent_or_a_basis_with_its_reason(client, owner):
    client.force_login(owner)
    page = client.post(reverse("cases:refer"), _form()).content.decode()
    assert "Select the person&#x27;s consent or the lawful basis for referring them" in page
    page = client.post(reverse("cases:refer"), _form(basis="public_task")).content.decode()
    assert "Say why the person&#x27;s consent is not the basis for this referral" in page
    assert not Case.objects.filter(person__family_name="Journeytest").exists()
    reason = "Asking would alert the person exploiting them"
    client.post(reverse("cases:refer"), _form(basis="public_task", basis_reason=reason))
    case = Case.objects.get(person__family_name="Journeytest")
    assert (case.basis, case.basis_reason) == ("public_task", reason)


def test_a_seventeen_year_old_cannot_be_referred_without_consent_or_a_basis(client, owner):
    today = date.today()
    born = date(today.year - 17, 1, 1)
    with pytest.raises(ValidationError) as refused:
        refer(
            by=owner,
            programme=Programme.objects.get(slug="early-action"),
            person=PersonDetails("Young", "Person", date_of_birth=born),
            reason="x",
            risk_level="low",
            source="api",
        )
    assert "They are 17: someone under 18 can be referred only with" in str(refused.value)
    case = refer(
        by=owner,
        programme=Programme.objects.get(slug="early-action"),
        person=PersonDetails("Young", "Person", date_of_birth=born),
        reason="x",
        risk_level="low",
        source="api",
        basis="parent_consent",
    )
    assert case.basis == "parent_consent" and case.basis_reason == ""


def test_a_public_referral_is_accepted_only_once_a_basis_is_recorded(
    client, owner, lead, django_capture_on_commit_callbacks
):
    data = {
        "referrer_name": "Kim Neighbour",
        "referrer_contact": "kim@example.org",
        "relationship": "neighbour",
        "given_name": "Lou",
        "family_name": "Publictest",
        "person_aware": "yes",
        "reason": "Not eating, house is cold",
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(reverse("cases:public_referral"), data).status_code == 302
    case = Case.objects.get(person__family_name="Publictest")
    assert case.basis == "" and len(mail.outbox) == 1
    casework.change_status(case=case, by=owner, to_status=Status.SCREENED, reason="Eligible")
    client.force_login(owner)
    url = reverse("cases:status", args=[case.reference])
    page = client.post(url, {"to_status": "accepted", "reason": "Agreed to work with us"}).content.decode()
    assert "Record the person&#x27;s consent, or the lawful basis" in page
    assert Case.objects.get(pk=case.pk).status == Status.SCREENED
    client.post(url, {"to_status": "accepted", "reason": "Agreed to work with us", "basis": "consent"})
    case.refresh_from_db()
    assert (case.status, case.basis) == (Status.ACCEPTED, "consent")


def _body(response) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_a_refused_case_says_how_to_ask_for_access_and_nothing_about_the_case(client, case, outsider, settings):
    settings.DPO_EMAIL = "ig@example.org"
    client.force_login(outsider)
    refused = client.get(reverse("cases:detail", args=[case.reference]))
    missing = client.get(reverse("cases:detail", args=[case.reference[:-1] + "Z"]))
    assert refused.status_code == missing.status_code == 404
    page = _body(refused)
    assert "You cannot see this case" in page and "How to ask for access" in page and "ig@example.org" in page
    assert _body(missing) == page.replace(case.reference, case.reference[:-1] + "Z")
    for secret in (case.person.family_name, case.programme.name, case.owner.name):
        assert secret not in page
    refused_post = client.post(reverse("cases:entry", args=[case.reference]), {})
    assert refused_post.status_code == 404 and "How to ask for access" in refused_post.content.decode()


def test_staff_are_signed_out_of_case_work_after_the_idle_timeout(client, owner, case, settings):
    settings.SESSION_IDLE_SECONDS = 600
    client.force_login(owner)
    assert client.get(reverse("cases:detail", args=[case.reference])).status_code == 200
    session = client.session
    session[LAST_SEEN] = time.time() - 601
    session.save()
    response = client.get(reverse("cases:detail", args=[case.reference]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert "had not used the service for 10 minutes" in client.get(response["Location"]).content.decode()


def test_a_new_agency_without_staff_emails_no_one(owner, django_capture_on_commit_callbacks):
    agency = OrganisationFactory(name="Empty agency", slug="empty")
    Programme.objects.filter(slug="early-action").update(lead_organisation=agency)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        refer(
            by=owner,
            programme=Programme.objects.get(slug="early-action"),
            person=PersonDetails("A", "B"),
            reason="x",
            risk_level="low",
            basis="consent",
        )
    assert len(callbacks) == 1 and mail.outbox == []

"""A referral never discloses what another agency holds about a person with the same name and birth date.

The reported leak: probation refers a person with contact details and special category data; a
charity with no agreement refers the same name and date of birth, and its new case showed all of it
and let it correct the shared record. The same through the anonymous public form.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone

from crimeplan.cases.constants import DataCategory
from crimeplan.cases.models import Person, Programme, ReferralSource
from crimeplan.cases.selectors.people import candidate_duplicates
from crimeplan.cases.services.referrals import PersonDetails, refer
from crimeplan.cases.tests.conftest import with_permission
from crimeplan.cases.tests.factories import AgreementFactory, ConsentFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRETS = {
    "address": "7 Hidden Row",
    "postcode": "PR9 9ZZ",
    "phone": "07700900123",
    "email": "hidden@example.org",
    "ethnicity": "mixed",
    "sexual_orientation": "bisexual",
}
SHOWN = ["7 Hidden Row", "PR9 9ZZ", "07700900123", "hidden@example.org", "Mixed or multiple", "Bisexual"]


def _details(**extra):
    return PersonDetails(given_name="Robin", family_name="Leaktest", date_of_birth=date(1985, 6, 1), **extra)


def _refer(by, details, programme="iom", **kwargs):
    kwargs.setdefault("basis", "consent")
    return refer(
        by=by,
        programme=Programme.objects.get(slug=programme),
        person=details,
        reason="Needs support",
        risk_level="low",
        **kwargs,
    )


@pytest.fixture
def probation(db):
    return UserFactory(username="probation", organisation=OrganisationFactory(name="Probation", slug="probation-t"))


@pytest.fixture
def charity(db):
    return UserFactory(username="charity", organisation=OrganisationFactory(name="Charity", slug="charity-t"))


@pytest.fixture
def probation_case(probation):
    return _refer(probation, _details(**SECRETS))


def test_an_agency_without_an_agreement_gets_a_new_record_and_sees_none_of_the_other(client, probation_case, charity):
    charity_case = _refer(charity, _details(phone="01234 000000"))
    assert charity_case.person != probation_case.person
    assert Person.objects.count() == 2
    client.force_login(charity)
    page = client.get(reverse("cases:detail", args=[charity_case.reference])).content.decode()
    assert "01234 000000" in page
    assert [secret for secret in SHOWN if secret in page] == []
    shared = probation_case.person.pk
    for name in ("rectify", "person", "person_export"):
        assert client.get(reverse(f"cases:{name}", args=[shared])).status_code == 404
    assert client.post(reverse("cases:rectify", args=[shared]), {"family_name": "Changed"}).status_code == 404
    probation_case.person.refresh_from_db()
    assert probation_case.person.family_name == "Leaktest"


def test_the_public_form_never_links_to_an_existing_person(probation_case):
    lead = OrganisationFactory(name="Early Action lead", slug="ea-lead")
    Programme.objects.filter(slug="early-action").update(lead_organisation=lead, accepts_public_referrals=True)
    case = _refer(AnonymousUser(), _details(), programme="early-action", source=ReferralSource.PUBLIC)
    assert case.person != probation_case.person
    assert case.person.ethnicity == "" and case.person.address == ""


def test_an_agency_with_an_agreement_and_consent_is_matched_and_sees_only_what_the_agreement_covers(
    client, probation_case, charity, probation
):
    agreement = AgreementFactory(
        parties=[probation.organisation, charity.organisation],
        programmes=[Programme.objects.get(slug="iom")],
        data_categories=[DataCategory.IDENTITY, DataCategory.CIRCUMSTANCES],
        starts_on=timezone.localdate() - timedelta(days=5),
    )
    ConsentFactory(person=probation_case.person, agreement=agreement)
    charity_case = _refer(charity, _details())
    assert charity_case.person == probation_case.person
    client.force_login(charity)
    page = client.get(reverse("cases:detail", args=[charity_case.reference])).content.decode()
    assert "7 Hidden Row" in page and "07700900123" in page
    assert "Mixed or multiple" not in page and "Bisexual" not in page
    # owning a case about the person is not a right to correct the record someone else holds
    assert client.get(reverse("cases:rectify", args=[charity_case.person.pk])).status_code == 404


def test_duplicates_are_listed_only_for_whoever_may_see_both(probation_case, charity, probation):
    _refer(charity, _details())
    assert candidate_duplicates(charity) == []
    assert candidate_duplicates(probation) == []
    dpo = with_permission(UserFactory(username="dpo-t"), "handle_subject_access")
    [(first, second)] = candidate_duplicates(dpo)
    assert {first.pk, second.pk} == set(Person.objects.values_list("pk", flat=True))


def test_the_people_page_shows_duplicates_to_the_data_protection_officer_only(client, probation_case, charity):
    second = _refer(charity, _details())
    client.force_login(with_permission(UserFactory(username="dpo-page"), "handle_subject_access"))
    page = client.get(reverse("cases:people")).content.decode()
    assert "Records that may be the same person" in page
    for person in (probation_case.person, second.person):
        assert reverse("cases:person", args=[person.pk]) in page
    client.force_login(charity)
    assert client.get(reverse("cases:people")).status_code == 403


def _body(response):
    """The page without its per-response CSRF token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_a_record_one_may_not_see_answers_exactly_as_one_that_does_not_exist(client, probation_case, charity):
    client.force_login(charity)
    hidden, absent = probation_case.person.pk, Person.objects.order_by("-pk").first().pk + 1000
    for name in ("person", "person_export", "rectify"):
        seen = client.get(reverse(f"cases:{name}", args=[hidden]))
        missing = client.get(reverse(f"cases:{name}", args=[absent]))
        assert (seen.status_code, missing.status_code) == (404, 404)
        assert _body(seen) == _body(missing)

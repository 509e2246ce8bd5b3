"""Bad input to the referral forms and the partner API is refused with a reason, never stored, never a 500."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from crimeplan.cases.models import Case, Person, Programme
from crimeplan.cases.services.apikeys import create_api_key

pytestmark = pytest.mark.django_db

REFERRAL = {
    "programme": "early-action",
    "person": {"given_name": "Rae", "family_name": "Hygiene", "date_of_birth": "1985-06-07"},
    "reason": "Sofa-surfing after eviction",
    "risk_level": "medium",
}


@pytest.fixture
def api(client, owner):
    _, key = create_api_key(organisation=owner.organisation, name="Council case system", created_by="test")

    def post(payload, raw=None):
        body = raw if raw is not None else json.dumps(payload)
        return client.post(
            "/api/cases/referrals", body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {key}"
        )

    return post


def _person(**changes):
    return REFERRAL | {"person": REFERRAL["person"] | changes}


def test_the_valid_referral_is_accepted(api):
    assert api(REFERRAL).status_code == 201


@pytest.mark.parametrize(
    "payload",
    [
        _person(given_name="Rae\u0000"),
        REFERRAL | {"reason": "Help\u0000"},
        REFERRAL | {"programme": "\u0000"},
        REFERRAL | {"needs": ["\u0000"]},
    ],
)
def test_a_nul_anywhere_in_the_payload_is_a_400_that_says_why(api, payload):
    response = api(payload)
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    ("payload", "words"),
    [
        (_person(date_of_birth="0001-01-01"), "between 1900 and 2100"),
        (_person(date_of_birth="1899-12-31"), "between 1900 and 2100"),
        (_person(date_of_birth="2099-01-01"), "today or in the past"),
        (_person(given_name="\u200b\u200b"), "letters or numbers"),
        (_person(family_name="\x01\x02"), "control character"),
        (_person(email="a" * 250 + "@example.org"), "254"),
        (REFERRAL | {"reason": "Help \x1b[31m"}, "control character"),
    ],
)
def test_impossible_values_are_refused_with_a_reason(api, payload, words):
    response = api(payload)
    assert response.status_code == 422
    assert words in json.dumps(response.json())
    assert not Person.objects.exists()


@pytest.fixture
def public_form(owner):
    Programme.objects.filter(slug="early-action").update(
        lead_organisation=owner.organisation, accepts_public_referrals=True
    )
    return {
        "referrer_name": "Kim Neighbour",
        "referrer_contact": "kim@example.org",
        "relationship": "neighbour",
        "given_name": "Lou",
        "family_name": "Publictest",
        "person_aware": "yes",
        "reason": "Not eating, house is cold",
    }


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"given_name": "\u200b\u200c\u200d"}, "letters or numbers"),
        ({"family_name": "\u2060"}, "letters or numbers"),
        ({"referrer_name": "\x07"}, "control character"),
        ({"date_of_birth": "1850-01-01"}, "between 1900 and 2100"),
        ({"date_of_birth": "2099-01-01"}, "today or in the past"),
        ({"email": "a" * 300 + "@example.org"}, "254 characters or fewer"),
    ],
)
def test_the_public_form_refuses_impossible_values(client, public_form, changes, words):
    response = client.post(reverse("cases:public_referral"), public_form | changes)
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not Case.objects.exists()


def test_a_nul_in_a_public_form_is_a_400(client, public_form):
    body = urlencode(public_form | {"relationship": "x\x00"})
    response = client.post(reverse("cases:public_referral"), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
    assert not Case.objects.exists()

"""Public forms and emails to one address are rate limited (crimeplan.core.ratelimit)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crimeplan.cases.models import Case, Programme
from crimeplan.cases.tests.factories import OrganisationFactory
from crimeplan.core.ratelimit import RateLimited, hit, limit

pytestmark = pytest.mark.django_db


def test_the_limiter_allows_so_many_per_key_then_refuses_with_the_message():
    assert [hit("test", "a@example.org", times=3, per_s=60) for _ in range(5)] == [True, True, True, False, False]
    assert hit("test", "b@example.org", times=3, per_s=60) is True
    assert hit("test", " A@Example.org ", times=3, per_s=60) is False  # the same address, however typed
    with pytest.raises(RateLimited, match="Slow down") as refused:
        limit("test", "a@example.org", times=3, per_s=60, message="Slow down")
    assert refused.value.status == 429


def _referral(n):
    return {
        "referrer_name": "Kim Neighbour", "referrer_contact": "kim@example.org", "relationship": "neighbour",
        "given_name": f"Lou{n}", "family_name": "Ratetest", "person_aware": "yes", "reason": "House is cold",
    }  # fmt: skip


def test_the_public_referral_form_takes_five_an_hour_from_one_address(client, settings):
    Programme.objects.filter(slug="early-action").update(
        lead_organisation=OrganisationFactory(name="Lead council", slug="lead"), accepts_public_referrals=True
    )
    answers = [client.post(reverse("cases:public_referral"), _referral(n)) for n in range(8)]
    assert [a.status_code for a in answers] == [302] * 5 + [200] * 3
    assert "Too many referrals have been sent from your connection" in answers[5].content.decode()
    assert Case.objects.filter(person__family_name="Ratetest").count() == 5
    other = client.post(reverse("cases:public_referral"), _referral(9), REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 302

"""Emails to one address are rate limited: the start page stops sending links after three an hour."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_grant_links_to_one_address_stop_after_three_an_hour(client, open_round, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    url = reverse("grants:start", args=[open_round.pk])
    answers = [client.post(url, {"email": "club@example.org"}) for _ in range(20)]
    assert [a.status_code for a in answers[:3]] == [302] * 3
    assert {a.status_code for a in answers[3:]} == {200}
    assert "We have sent several emails to this address" in answers[3].content.decode()
    assert len([m for m in mail.outbox if "club@example.org" in m.to]) == 3
    assert client.post(url, {"email": "another@example.org"}).status_code == 302

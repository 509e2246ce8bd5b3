"""Grants staff: assessors assigned in the app, only actions that can succeed, no future decisions, a confirm step."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from crimeplan.accounts.roles import ASSESSOR
from crimeplan.audit.models import AuditEvent
from crimeplan.grants.models import Decision
from crimeplan.grants.services import assessment
from crimeplan.grants.tests.factories import scored, submitted

pytestmark = pytest.mark.django_db


def test_a_manager_assigns_assessors_on_the_round_page(client, open_round, assessors, manager):
    group, _ = Group.objects.get_or_create(name=ASSESSOR.name)
    assessors[2].groups.add(group)
    client.force_login(manager)
    url = reverse("grants:round", args=[open_round.pk])
    page = client.get(url).content.decode()
    assert "Who assesses this round?" in page and "assessor3" in page
    response = client.post(url, {"assessors": [assessors[0].pk, assessors[2].pk]})
    assert response.status_code == 302
    assert set(open_round.assessors.all()) == {assessors[0], assessors[2]}
    event = AuditEvent.objects.get(event="assessors_assigned")
    assert event.data["added"] == ["assessor3"] and event.data["removed"] == ["assessor2"]
    client.force_login(assessors[0])  # an assessor sees who assesses, but cannot change it
    page = client.get(url).content.decode()
    assert "Who assesses this round?" not in page and "assessor3" in page
    client.post(url, {"assessors": [assessors[0].pk]})
    assert open_round.assessors.count() == 2


def test_an_assessor_who_has_started_cannot_be_taken_off(client, open_round, assessors, manager):
    application = submitted(open_round)
    assessment.declare_interest(application=application, assessor=assessors[1], conflict=False, details="")
    client.force_login(manager)
    page = client.post(reverse("grants:round", args=[open_round.pk]), {"assessors": [assessors[0].pk]})
    assert "already declared or scored on this round" in page.content.decode()
    assert open_round.assessors.count() == 2


def test_moderate_is_offered_only_when_it_can_succeed(client, open_round, assessors, manager):
    application = submitted(open_round)
    client.force_login(manager)
    url = reverse("grants:application", args=[application.pk])
    page = client.get(url).content.decode()
    assert reverse("grants:moderate", args=[application.pk]) not in page
    application = scored(application, assessors[:2])
    page = client.get(url).content.decode()
    assert reverse("grants:moderate", args=[application.pk]) in page
    assert "not ready for moderation" not in page


def test_a_manager_who_scored_is_told_why_they_cannot_moderate(client, open_round, assessors, manager):
    open_round.assessors.add(manager)
    application = scored(submitted(open_round), [assessors[0], manager])
    client.force_login(manager)
    page = client.get(reverse("grants:application", args=[application.pk])).content.decode()
    assert reverse("grants:moderate", args=[application.pk]) not in page
    assert "You scored this application, so someone else must moderate it." in page


def test_a_decision_cannot_be_dated_in_the_future_and_is_confirmed_before_it_is_sent(
    client, open_round, assessors, manager
):
    application = scored(submitted(open_round), assessors[:2])
    assessment.moderate(application=application, by=manager, score=None, note="")
    client.force_login(manager)
    url = reverse("grants:decide", args=[application.pk])
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    data = {"outcome": "approved", "amount": "2400", "reasons": "Strong need", "conditions": ""}
    page = client.post(url, {**data, "panel_on": f"{tomorrow:%d %m %Y}"}).content.decode()
    assert "The panel date cannot be in the future" in page
    page = client.post(url, {**data, "panel_on": f"{tomorrow:%d %m %Y}", "confirmed": "yes"}).content.decode()
    assert "The panel date cannot be in the future" in page
    assert not Decision.objects.exists() and not [m for m in mail.outbox if "Decision on" in m.subject]
    today = dt.date.today()
    page = client.post(url, {**data, "panel_on": f"{today:%d %m %Y}"}).content.decode()
    assert "Check the decision before you send it" in page and "£2,400" in page
    assert f"{today.day} {today:%B %Y}" in page and 'name="confirmed" value="yes"' in page
    assert not Decision.objects.exists()
    assert client.post(url, {**data, "panel_on": f"{today:%d %m %Y}", "confirmed": "yes"}).status_code == 302
    assert Decision.objects.get().panel_on == today

"""The public journey through the test client: every page saves, refusals list every reason, access is scoped."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.grants.models import Application
from crimeplan.grants.tests.factories import TALBOT, date_fields

pytestmark = pytest.mark.django_db


def _start(client, open_round, email="club@example.org"):
    response = client.post(reverse("grants:start", args=[open_round.pk]), {"email": email})
    assert response.status_code == 302, response.content
    return Application.objects.get(email=email)


def _link(message):
    return re.search(r"http://\S+/grants/return/\S+/", message.body).group(0)


def _answer(client, app, slug, data, **query):
    url = reverse("grants:step", args=[app.pk, slug]) + (
        "?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else ""
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def _fill(client, app, amount):
    _answer(client, app, "organisation-type", {"org_type": "business"})
    _answer(
        client, app, "organisation", {"org_name": "Boxing Ltd", "company_number": "1234567", "org_postcode": "fy1 1aa"}
    )
    _answer(client, app, "contact", {"contact_name": "Sam Jones", "contact_phone": "01253 123456"})
    _answer(client, app, "project", {"title": "Friday night boxing", "summary": "Boxing sessions."})
    today = dt.date.today()
    start, end = today + dt.timedelta(days=40), today + dt.timedelta(days=200)
    _answer(client, app, "dates", {**date_fields("start_date", start), **date_fields("end_date", end)})
    _answer(client, app, "purpose", {"purpose": "activities"})
    _answer(client, app, "area-level", {"area_level": "ward"})
    _answer(client, app, "areas", {"area_codes": [TALBOT], "csp": "E22000151"})
    priority = app.round.fund.priorities.order_by("number").first()
    _answer(client, app, "priorities", {"priorities": [priority.pk]})
    client.post(reverse("grants:step", args=[app.pk, "budget"]), {"action": "add", "item": "Coaches", "amount": amount})
    _answer(client, app, "match-funding", {"match_funding": "0"})
    client.post(
        reverse("grants:step", args=[app.pk, "outcomes"]),
        {"action": "add", "description": "Young people take part", "measure": "Registers", "target": "40"},
    )


def test_a_new_applicant_is_emailed_a_link_and_every_page_saves(client, open_round):
    app = _start(client, open_round)
    assert len(mail.outbox) == 1 and "return to your application" in mail.outbox[0].body
    _fill(client, app, "2400")
    app.refresh_from_db()
    assert (app.org_type, app.company_number, app.org_postcode, app.area_codes) == (
        "business",
        "01234567",
        "FY1 1AA",
        [TALBOT],
    )
    assert app.requested == 2400 and app.outcomes.count() == 1 and app.start_date is not None


def test_an_ineligible_application_over_the_maximum_is_refused_with_every_reason_and_nothing_lost(client, open_round):
    app = _start(client, open_round)
    _fill(client, app, "3000")
    response = client.post(reverse("grants:check", args=[app.pk]))
    page = response.content.decode()
    assert response.status_code == 200 and 'data-testid="refusal"' in page
    assert "does not fund a business that distributes profits" in page
    assert "You asked for £3,000. The Community Action Fund gives up to £2,500: reduce your costs by £500" in page
    app.refresh_from_db()
    assert app.is_draft and app.reference is None
    assert (app.org_name, app.title, app.requested) == ("Boxing Ltd", "Friday night boxing", 3000)  # nothing lost
    assert [f["code"] for f in app.eligibility] == ["organisation_type", "amount"]
    assert AuditEvent.objects.filter(event="application_refused").count() == 1
    # the refusal links to the page where each answer is changed
    assert reverse("grants:step", args=[app.pk, "organisation-type"]) + "?check=1" in page


def test_fixing_the_answers_submits_with_a_reference_and_a_confirmation_email(client, open_round):
    app = _start(client, open_round)
    _fill(client, app, "3000")
    _answer(client, app, "organisation-type", {"org_type": "community_group"}, check=1)
    _answer(
        client,
        app,
        "organisation",
        {"org_name": "Talbot Boxing Club", "has_constitution": "yes", "org_postcode": "FY1 1AA"},
    )
    line = app.budget_lines.get()
    client.post(reverse("grants:remove", args=[app.pk, "budget", line.pk]))
    client.post(reverse("grants:step", args=[app.pk, "budget"]), {"action": "add", "item": "Coaches", "amount": "2500"})
    response = client.post(reverse("grants:check", args=[app.pk]))
    assert response.status_code == 302 and response.url == reverse("grants:confirmation", args=[app.pk])
    app.refresh_from_db()
    assert app.reference == "CAF-2627-0001" and app.status == "submitted" and app.company_number == ""
    assert mail.outbox[-1].subject == "Application CAF-2627-0001 received"
    page = client.get(response.url).content.decode()
    assert "CAF-2627-0001" in page
    # submitted answers can no longer be changed
    assert client.get(reverse("grants:step", args=[app.pk, "project"])).status_code == 409


def test_bad_answers_get_gov_uk_messages(client, open_round):
    app = _start(client, open_round)
    client.post(reverse("grants:step", args=[app.pk, "organisation-type"]), {"org_type": "charity"})
    page = client.post(
        reverse("grants:step", args=[app.pk, "organisation"]),
        {"org_name": "", "charity_number": "12", "org_postcode": "nowhere"},
    ).content.decode()
    assert "There is a problem" in page
    for message in ("Enter the organisation&#x27;s name", "6 or 7 digits", "Enter a full UK postcode"):
        assert message in page
    page = client.post(
        reverse("grants:step", args=[app.pk, "dates"]),
        {**date_fields("start_date", "31 2 2027"), **date_fields("end_date", "1 1 2020")},
    ).content.decode()
    assert "Start date must be a real date" in page


def test_applicants_see_only_their_own_applications(client, open_round):
    mine = _start(client, open_round, "me@example.org")
    other_client = Client()
    theirs = _start(other_client, open_round, "them@example.org")
    assert client.get(reverse("grants:check", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("grants:step", args=[theirs.pk, "project"])).status_code == 404
    assert client.post(reverse("grants:check", args=[theirs.pk])).status_code == 404
    assert Client().get(reverse("grants:check", args=[mine.pk])).status_code == 404  # a new visitor has no access
    # the emailed link gives access in a new browser
    newcomer = Client()
    response = newcomer.get(_link(mail.outbox[0]))
    assert response.status_code == 302 and newcomer.get(reverse("grants:check", args=[mine.pk])).status_code == 200
    assert newcomer.get("/grants/return/not-a-real-token/").status_code == 404


def test_a_closed_round_refuses_to_start(client, open_round):
    open_round.closes_on = dt.date.today() - dt.timedelta(days=1)
    open_round.save()
    page = client.post(reverse("grants:start", args=[open_round.pk]), {"email": "a@example.org"}).content.decode()
    assert "is not open for applications" in page and Application.objects.count() == 0

"""Bad input on the grants pages and API is refused with a reason, never stored and never a 500."""

from __future__ import annotations

import pytest
from django.urls import reverse

from crimeplan.grants.models import Application, BudgetLine
from crimeplan.grants.tests.factories import date_fields

pytestmark = pytest.mark.django_db


def _start(client, open_round, email="club@example.org"):
    response = client.post(reverse("grants:start", args=[open_round.pk]), {"email": email})
    assert response.status_code == 302, response.content
    return Application.objects.get(email=email)


def _step(client, app, slug, data):
    return client.post(reverse("grants:step", args=[app.pk, slug]), data)


@pytest.mark.parametrize("length", [255, 300, 320])
def test_an_over_long_email_on_the_start_page_is_a_form_error(client, open_round, length):
    email = "a" * (length - len("@example.org")) + "@example.org"
    response = client.post(reverse("grants:start", args=[open_round.pk]), {"email": email})
    assert response.status_code == 200
    assert "254 characters or fewer" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "url", ["/api/grants/funds/%00/rounds", "/grants/projects/%00/", "/api/grants/awards?fund=%00"]
)
def test_a_nul_byte_in_the_path_or_query_is_a_400_that_says_why(client, funds, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "control character" in response.content.decode()


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("01 01 0001", "31 12 9999", "between 1900 and 2100"),
        ("01 01 2028", "01 01 2027", "same as or after the start date"),
        ("01 01 2028", "01 01 2038", "no longer than 5 years"),
    ],
)
def test_impossible_project_dates_are_refused(client, open_round, start, end, message):
    app = _start(client, open_round)
    response = _step(client, app, "dates", {**date_fields("start_date", start), **date_fields("end_date", end)})
    assert response.status_code == 200
    assert message in response.content.decode()
    app.refresh_from_db()
    assert (app.start_date, app.end_date) == (None, None)


@pytest.mark.parametrize("name", ["\u200b\u200b\u200b", "\x01\x02", "  \u2060 "])
def test_names_made_only_of_invisible_or_control_characters_are_refused(client, open_round, name):
    app = _start(client, open_round)
    response = _step(client, app, "contact", {"contact_name": name, "contact_phone": "01253 123456"})
    assert response.status_code == 200
    assert "contact_name" in response.content.decode()
    app.refresh_from_db()
    assert app.contact_name == ""


def test_control_characters_inside_text_are_refused(client, open_round):
    app = _start(client, open_round)
    response = _step(client, app, "project", {"title": "Boxing\x07 nights", "summary": "Sessions."})
    assert response.status_code == 200
    assert "control character" in response.content.decode()


def test_costs_beyond_the_whole_funds_budget_are_refused(client, open_round):
    """Costs over the fund's maximum award are kept (the check page explains); over its whole budget, never."""
    app = _start(client, open_round)
    url = reverse("grants:step", args=[app.pk, "budget"])
    limit = open_round.fund.budget
    response = client.post(url, {"action": "add", "item": "Hall", "amount": str(limit + 1)})
    assert response.status_code == 200
    assert "cannot be more than" in response.content.decode()
    client.post(url, {"action": "add", "item": "Hall", "amount": str(limit)})
    response = client.post(url, {"action": "add", "item": "More", "amount": "1"})
    assert "cannot be more than" in response.content.decode()
    assert BudgetLine.objects.filter(application=app).count() == 1


def test_two_trillion_pounds_is_not_an_amount(client, open_round):
    app = _start(client, open_round)
    url = reverse("grants:step", args=[app.pk, "budget"])
    response = client.post(url, {"action": "add", "item": "Hall", "amount": "2000000000000"})
    assert response.status_code == 200
    assert "Amount" in response.content.decode()
    assert not BudgetLine.objects.exists()

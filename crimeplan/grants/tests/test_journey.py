"""The applicant's journey: can you apply first, the amounts, GOV.UK dates, counts, tasks, costs, areas, links."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.grants.models import Application
from crimeplan.grants.tests.factories import TALBOT, date_fields

pytestmark = pytest.mark.django_db

GOOD = {
    "org_type": "community_group",
    "has_constitution": "yes",
    "has_bank_account": "yes",
    "amount": "2400",
    "purposes": ["activities"],
}


def _start(client, open_round, email="club@example.org"):
    client.post(reverse("grants:eligibility", args=[open_round.pk]), GOOD)
    response = client.post(reverse("grants:start", args=[open_round.pk]), {"email": email})
    assert response.status_code == 302
    return Application.objects.get(email=email)


def test_the_start_page_gives_the_amounts_and_leads_to_the_eligibility_questions(client, open_round):
    fund = open_round.fund
    page = client.get(reverse("grants:start", args=[open_round.pk])).content.decode()
    assert f"You can ask for £{fund.min_award:,.0f} to £{fund.max_award:,.0f}" in page
    assert reverse("grants:eligibility", args=[open_round.pk]) in page and 'name="email"' not in page
    assert "If you need help" in page


def test_an_ineligible_group_is_told_at_once_and_kindly_why(client, open_round):
    fund = open_round.fund
    answers = {**GOOD, "has_constitution": "no", "has_bank_account": "no", "amount": "100", "purposes": ["core"]}
    response = client.post(reverse("grants:eligibility", args=[open_round.pk]), answers)
    page = response.content.decode()
    assert response.status_code == 200 and "You cannot apply to this fund" in page
    reasons = re.findall(r"<li>(.*?)</li>", page.split('data-testid="reasons"')[1].split("</ul>")[0])
    assert reasons == [
        "a community group needs a written constitution or set of rules before it can receive a grant",
        "we can only pay a grant into a bank account in the organisation&#x27;s name",
        f"the {fund.name} gives at least £{fund.min_award:,.0f}",
        f"the {fund.name} does not pay for core running costs of the organisation",
    ]
    assert Application.objects.count() == 0 and mail.outbox == []


def test_an_eligible_group_starts_with_its_answers_kept_and_a_task_list(client, open_round):
    app = _start(client, open_round)
    assert (app.org_type, app.has_constitution) == ("community_group", True)
    page = client.get(reverse("grants:tasks", args=[app.pk])).content.decode()
    assert "You have completed 1 of 12 sections" in page
    assert page.count("govuk-task-list__item ") == 12 and "Cannot start yet" in page
    assert "Questions? Contact the" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("31 2 2027", "1 3 2027", "Start date must be a real date"),
        ("1 2027", "1 3 2027", "Start date must include a"),
        ("", "1 3 2027", "Enter the start date"),
        ("x 3 2027", "1 3 2027", "Start date must be a real date"),
        ("1 1 2026", "1 3 2027", "The start date must be today or in the future"),
        ("1 1 2028", "2 1 2033", "The project must be no longer than 5 years"),
    ],
)
def test_project_dates_use_the_govuk_date_input_and_its_messages(client, open_round, start, end, message):
    app = _start(client, open_round)
    start_fields = date_fields("start_date", start) if start.count(" ") == 2 else {}
    if start == "1 2027":
        start_fields = {"start_date_day": "", "start_date_month": "1", "start_date_year": "2027"}
    data = {**start_fields, **date_fields("end_date", end)}
    page = client.post(reverse("grants:step", args=[app.pk, "dates"]), data).content.decode()
    assert message in page
    assert 'class="govuk-date-input"' in page and 'name="start_date_day"' in page
    assert 'href="#id_start_date_0"' in page or "longer than" in page
    app.refresh_from_db()
    assert app.start_date is None


def test_a_long_answer_is_counted_and_never_cut(client, open_round):
    app = _start(client, open_round)
    page = client.get(reverse("grants:step", args=[app.pk, "project"])).content.decode()
    assert (
        'data-module="govuk-character-count" data-maxlength="2000"' in page
        and '<textarea name="summary" cols="40" rows="6" class' in page
    )
    text = "word " * 500  # 2,500 characters
    page = client.post(reverse("grants:step", args=[app.pk, "project"]), {"title": "Boxing", "summary": text})
    page = page.content.decode()
    assert "What will the project do? must be 2,000 characters or fewer (it has 2499)" in page
    assert text.strip() in page  # kept in the box to shorten, not cut
    app.refresh_from_db()
    assert app.summary == ""


def test_the_costs_page_shows_the_total_against_the_maximum(client, open_round):
    fund = open_round.fund
    app = _start(client, open_round)
    url = reverse("grants:step", args=[app.pk, "budget"])
    client.post(url, {"action": "add", "item": "Coaches", "amount": "2400"})
    page = client.get(url).content.decode()
    assert f"You can add up to £{fund.max_award - 2400:,.0f} more" in page
    client.post(url, {"action": "add", "item": "Minibus", "amount": str(fund.max_award)})
    assert "£2,400 over the maximum" in client.get(url).content.decode()


def test_ticked_wards_are_kept_when_another_partnership_is_shown(client, open_round):
    app = _start(client, open_round)
    client.post(reverse("grants:step", args=[app.pk, "area-level"]), {"area_level": "ward"})
    url = reverse("grants:step", args=[app.pk, "areas"])
    response = client.post(
        url + "?csp=E22000151",
        {"csp": "E22000151", "area_codes": [TALBOT], "action": "show", "switch_to": "E22000150"},
    )
    assert response.status_code == 302 and "csp=E22000150" in response["Location"]
    app.refresh_from_db()
    assert app.area_codes == [TALBOT]
    page = client.get(url + "?csp=E22000151").content.decode()
    assert re.search(rf'value="{TALBOT}"[^>]*checked', page)


def test_an_expired_link_offers_a_new_one(client, open_round):
    app = _start(client, open_round)
    page = client.get(reverse("grants:return", args=["expired-token"])).content.decode()
    assert "Email me a new link" in page and reverse("grants:new_link") in page
    mail.outbox.clear()
    response = client.post(reverse("grants:new_link"), {"email": "club@example.org"})
    assert "Check your email" in response.content.decode()
    [email] = mail.outbox
    link = re.search(r"http://\S+/grants/return/(\S+)/", email.body).group(1)
    assert client.get(reverse("grants:return", args=[link])).status_code == 302
    unknown = client.post(reverse("grants:new_link"), {"email": "nobody@example.org"}).content.decode()
    assert "Check your email" in unknown and len(mail.outbox) == 1  # the same answer, no email
    assert AuditEvent.objects.filter(event="return_links_sent").count() == 2
    app.refresh_from_db()
    assert app.token_issued_at.date() == dt.date.today()

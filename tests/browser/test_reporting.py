"""End to end in Chromium with the keyboard only: a public hate crime report with two strands and consent to
support only, then triage and referral by the office's lead, then the tracking page shows "Referred to support".

axe-core checks every public page on the way. "Leave this site" replaces the page in the history, so Back
does not return to the form.
"""

from __future__ import annotations

import datetime as dt
import re
from importlib import import_module

import pytest
from django.contrib.auth.models import Permission

from crimeplan.accounts.models import Organisation
from crimeplan.grants.models import Contract
from crimeplan.reporting.models import Report
from tests.browser.conftest import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-password"


@pytest.fixture(autouse=True)
def strands():
    """The strands come from a data migration, which transactional tests flush away."""
    from django.apps import apps

    import_module("crimeplan.reporting.migrations.0002_strands").add(apps, None)


def checked(tab: Page, seen: dict[str, list[str]]) -> None:
    assert not tab.errors, tab.errors
    seen[tab.page.url] = tab.accessibility_violations()


def press(tab: Page, label: str, key: str = "Space") -> None:
    tab.page.get_by_label(label, exact=True).press(key)


def each(*steps):
    """Run several keyboard steps for one page, in order."""
    for step in steps:
        step()


def type_into(tab: Page, label: str, text: str) -> None:
    tab.page.get_by_label(label, exact=True).press_sequentially(text)


def go_on(tab: Page, name: str = "Continue") -> None:
    tab.page.get_by_role("button", name=name).press("Enter")
    tab.page.wait_for_load_state()


def report_with_keyboard(tab: Page, seen: dict[str, list[str]]) -> str:
    tab.page.set_default_timeout(120_000)
    tab.open("/report-hate-crime/")
    checked(tab, seen)
    tab.page.get_by_role("button", name="Start now").press("Enter")
    tab.page.wait_for_url(re.compile(r"/who/$"))
    yesterday = dt.date.today() - dt.timedelta(days=1)
    steps = [
        lambda: press(tab, "It happened to me"),
        lambda: type_into(tab, "What happened?", "Two men shouted abuse about my faith and my skin colour."),
        lambda: press(tab, "I am not sure"),
        lambda: each(
            lambda: type_into(tab, "Day", str(yesterday.day)),
            lambda: type_into(tab, "Month", str(yesterday.month)),
            lambda: type_into(tab, "Year", str(yesterday.year)),
        ),
        lambda: each(
            lambda: press(tab, "In a place I can give a postcode for"), lambda: type_into(tab, "Postcode", "PR1 2AB")
        ),
        lambda: each(lambda: press(tab, "Race"), lambda: press(tab, "Religion or belief")),
        lambda: None,
        lambda: None,
        lambda: press(tab, "No"),
        lambda: press(tab, "Yes"),
        lambda: type_into(tab, "Email address (optional)", "reporter@example.com"),
    ]
    for step in steps:
        checked(tab, seen)
        step()
        go_on(tab)
    assert "/check/" in tab.page.url
    checked(tab, seen)
    go_on(tab, "Send report")
    checked(tab, seen)
    code = tab.page.locator(".app-tracking-code").inner_text()
    assert re.fullmatch(r"[2-9A-HJ-NP-Z]{4}(-[2-9A-HJ-NP-Z]{4}){2}", code)
    return code


def triage_and_refer(tab: Page, django_user_model, report: Report) -> None:
    office = Organisation.objects.create(slug="office", name="Office", kind="opcc")
    lead = django_user_model.objects.create_user(username="lead", password=PASSWORD, organisation=office)
    lead.user_permissions.add(Permission.objects.get(codename="triage_reports"))
    Organisation.objects.create(slug="vs", name="Lancashire Victim Services", kind="charity")
    Contract.objects.create(
        reference="VS-01",
        title="Hate crime victim support",
        service="Victim support",
        provider="Lancashire Victim Services",
        starts_on=dt.date.today() - dt.timedelta(days=10),
        ends_on=dt.date.today() + dt.timedelta(days=300),
        annual_value=100000,
    )
    tab.open("/accounts/sign-in/")
    type_into(tab, "Username", "lead")
    tab.page.get_by_label("Password").press_sequentially(PASSWORD)
    tab.page.get_by_label("Password").press("Enter")
    tab.page.wait_for_url(tab.base + "/")
    tab.open("/hate-reports/")
    tab.page.get_by_role("link", name=f"Report {report.pk}").press("Enter")
    tab.page.wait_for_url(re.compile(rf"/hate-reports/{report.pk}/$"))
    tab.page.get_by_label("Commissioned victim service").select_option("VS-01")
    go_on(tab, "Refer to support")
    assert "Referred to support" in tab.page.inner_text("main")
    tab.page.get_by_role("button", name=re.compile("Sign out")).press("Enter")
    tab.page.wait_for_load_state()


def test_report_triage_referral_and_tracking_with_the_keyboard(tab: Page, django_user_model):
    seen: dict[str, list[str]] = {}
    code = report_with_keyboard(tab, seen)
    report = Report.objects.get()
    assert sorted(report.strands.values_list("slug", flat=True)) == ["race", "religion"]
    assert report.consent_support and not report.consent_police
    triage_and_refer(tab, django_user_model, report)
    tab.open("/track/")
    checked(tab, seen)
    type_into(tab, "Tracking code", code)
    go_on(tab)
    tab.page.wait_for_url(re.compile(r"/track/report/$"))
    checked(tab, seen)
    assert tab.page.locator("#status").inner_text() == "Referred to support"
    tab.open("/report-hate-crime/centres/")
    checked(tab, seen)
    assert len(seen) >= 16
    assert {url: v for url, v in seen.items() if v} == {}


def test_leave_this_site_replaces_the_form_in_the_history(tab: Page):
    tab.page.route(
        "https://www.bbc.co.uk/**", lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html")
    )
    tab.open("/report-hate-crime/")
    tab.page.get_by_role("button", name="Start now").press("Enter")
    tab.page.wait_for_url(re.compile(r"/who/$"))
    press(tab, "It happened to me")
    go_on(tab)
    tab.page.get_by_role("button", name=re.compile("Leave this site")).press("Enter")
    tab.page.wait_for_url("https://www.bbc.co.uk/**")
    tab.page.go_back()
    assert "/what/" not in tab.page.url
    tab.open("/report-hate-crime/who/")
    assert not tab.page.get_by_label("It happened to me", exact=True).is_checked()

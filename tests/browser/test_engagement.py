"""Signing up for alerts and confirming by the emailed link works as a new member would; axe-core passes."""

import re

import pytest
from django.core import mail

from crimeplan.engagement.models import Member, Subscription
from crimeplan.engagement.tests.conftest import WARD_LSOA, geography_db  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_up_and_confirm_by_email(tab, geography_db):  # noqa: F811
    tab.open("/alerts/")
    tab.page.wait_for_selector("#signup-map-status:has-text('neighbourhoods drawn')")
    assert tab.page.locator("#signup-map").bounding_box()["height"] >= 300
    assert tab.accessibility_violations() == []
    tab.page.click("button:has-text('Sign up')")  # nothing filled in: the error summary says what to do
    assert tab.page.locator(".govuk-error-summary").is_visible()
    assert tab.accessibility_violations() == []

    tab.page.fill("input[name=email]", "browser.member@example.org")
    tab.page.fill("input[name=postcode]", "BB1 1AA")
    tab.page.select_option("select[name=lsoa_code]", WARD_LSOA)
    tab.page.check("input[name=topics][value=burglary]")
    tab.page.check("input[name=channels][value=email]")
    tab.page.check("input[name=providers][value=police]")
    tab.page.get_by_label("25 to 34").check()  # the optional equality questions, answered by label
    tab.page.check("input[name=ethnicity][value=prefer_not]")
    tab.page.click("button:has-text('Sign up')")
    tab.page.wait_for_selector("h1:has-text('Check your messages')")
    assert tab.accessibility_violations() == []

    link = re.search(r"http\S+(/alerts/confirm/\S+/)", mail.outbox[-1].body)
    assert link is not None
    tab.open(link.group(1))
    assert tab.accessibility_violations() == []
    tab.page.click("button:has-text('Confirm email alerts')")
    tab.page.wait_for_selector("h1:has-text('Alerts confirmed')")
    assert tab.accessibility_violations() == []
    member = Member.objects.get(email="browser.member@example.org")
    assert Subscription.objects.get(member=member, channel="email").confirmed_at is not None
    assert (member.age_band, member.ethnicity) == ("25-34", "prefer_not")
    assert tab.errors == []


def test_staff_draw_the_area_of_an_alert_on_the_map(tab, geography_db, django_user_model):  # noqa: F811
    django_user_model.objects.create_superuser("officer", password="a-long-browser-password")
    tab.open("/accounts/sign-in/")
    tab.page.fill("#id_username", "officer")
    tab.page.fill("#id_password", "a-long-browser-password")
    tab.page.click("button[type=submit]")
    tab.page.wait_for_url(tab.base + "/")
    tab.open("/engagement/alerts/new/?template=burglary")
    tab.page.wait_for_selector("#draw-map .leaflet-interactive, #draw-map canvas")
    tab.page.locator("#draw-map").scroll_into_view_if_needed()
    box = tab.page.locator("#draw-map").bounding_box()
    for dx, dy in ((0.3, 0.3), (0.7, 0.3), (0.5, 0.7)):
        tab.page.mouse.click(box["x"] + dx * box["width"], box["y"] + dy * box["height"])
    assert tab.page.locator("#draw-map-status").inner_text() == "3 corners drawn."
    assert '"type":"Polygon"' in tab.page.locator("#id_geojson").input_value()
    assert tab.page.locator("input[name=target_kind][value=polygon]").is_checked()
    assert tab.accessibility_violations() == []
    assert tab.errors == []

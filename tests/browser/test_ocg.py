"""Organised crime's new pages in a browser: the NRM context, the first responder's form (its error summary)
and a SOC local profile; axe-core passes on each."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ocg_tab(tab, django_user_model):
    from django.contrib.auth.models import Permission

    from crimeplan.ocg.demo import load_examples

    load_examples()
    user = django_user_model.objects.create_user(username="ocg-browser", password="a-long-browser-password")
    codenames = ["view_register", "view_sensitive", "manage_register"]
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="ocg", codename__in=codenames))
    tab.open("/accounts/sign-in/")
    tab.page.fill("#id_username", "ocg-browser")
    tab.page.fill("#id_password", "a-long-browser-password")
    tab.page.click("button[type=submit]")
    tab.page.wait_for_url(tab.base + "/")
    return tab


def test_overview_form_and_profile(ocg_tab):
    tab = ocg_tab
    tab.open("/organised-crime/")
    assert tab.page.locator("[data-testid=nrm] tbody tr").count() == 7
    assert tab.page.locator("svg.app-chart").count() == 1
    assert tab.accessibility_violations() == []
    tab.open("/organised-crime/modern-slavery/new/")
    tab.page.check("input[name=is_child][value=False]")
    tab.page.fill("#id_referred_on", "2024-05-01")
    tab.page.click("main button:has-text('Save')")
    tab.page.wait_for_selector(".govuk-error-summary")
    assert "This field is required" in tab.page.locator(".govuk-error-summary").inner_text()  # exploitation
    assert tab.accessibility_violations() == []
    tab.open("/organised-crime/profiles/example-community-safety-partnership/")
    assert tab.page.locator("[data-testid=profile-groups] tbody tr").count() == 4
    assert tab.accessibility_violations() == []
    assert tab.errors == []

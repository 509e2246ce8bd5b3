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


def test_correcting_and_removing_from_the_group_page(ocg_tab, tmp_path):
    """A manager corrects a nominal and removes a link, both reached from the group page; axe passes on each form."""
    from crimeplan.ocg.models import Link, OrganisedCrimeGroup

    tab = ocg_tab
    group = OrganisedCrimeGroup.objects.filter(is_example=True).order_by("reference").first()
    assert group is not None
    links = Link.objects.filter(group=group).count()
    tab.open(f"/organised-crime/groups/{group.reference}/")
    tab.page.locator("[data-testid=nominals] a:has-text('Change')").first.click()
    tab.page.wait_for_selector("h1:has-text('Change nominal')")
    assert tab.page.locator("#id_reference").count() == 0  # the reference stays: links use it
    assert tab.accessibility_violations() == []
    tab.page.fill("#id_aliases", "Example alias")
    tab.page.click("main button:has-text('Save')")
    tab.page.wait_for_selector("[data-testid=nominal]")
    assert "Example alias" in tab.page.locator("[data-testid=nominal]").inner_text()
    tab.open(f"/organised-crime/groups/{group.reference}/")
    tab.page.locator("[data-testid=links] a:has-text('Remove')").first.click()
    tab.page.wait_for_selector("h1:has-text('Remove the link')")
    assert tab.accessibility_violations() == []
    tab.page.click("main button:has-text('Remove')")
    tab.page.wait_for_selector(".govuk-error-summary")  # a reason is needed
    assert tab.accessibility_violations() == []
    tab.page.screenshot(path=str(tmp_path / "ocg-link-removal.png"), full_page=True)
    tab.page.fill("#id_reason", "Re-graded: to be linked again as 3CP")
    tab.page.click("main button:has-text('Remove')")
    tab.page.wait_for_url(f"{tab.base}/organised-crime/groups/{group.reference}/")
    assert Link.objects.filter(group=group).count() == links - 1
    assert tab.errors == []

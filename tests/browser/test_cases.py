"""End to end in Chromium, as a new partner user would: refer, screen, accept, plan, intervene, score, close.

Then another agency without an agreement is refused (a 404 response, not a hidden link), and one
with an agreement and the person's consent sees the case without the health data it is not covered for.
"""

from __future__ import annotations

import re
from datetime import timedelta
from importlib import import_module

import pytest
from django.utils import timezone

from crimeplan.accounts.models import Organisation
from crimeplan.cases.constants import DataCategory
from crimeplan.cases.models import Case, Cohort, InformationSharingAgreement, Programme, Service
from tests.browser.conftest import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def defaults():
    """The default programmes, pathways and scales (a data migration): transactional tests flush them away."""
    from django.apps import apps

    import_module("crimeplan.cases.migrations.0002_defaults").create(apps, None)


PASSWORD = "a-long-browser-password"


def _agency(django_user_model, slug, name, username):
    organisation = Organisation.objects.create(slug=slug, name=name, kind="council")
    django_user_model.objects.create_user(username=username, password=PASSWORD, organisation=organisation)
    return organisation


@pytest.fixture
def partners(django_user_model):
    """Three agencies and a service directory; only "Health partner" has an agreement with the referrer."""
    council = _agency(django_user_model, "new-partner", "New partner council", "newpartner")
    _agency(django_user_model, "no-agreement", "Charity without an agreement", "nosharing")
    health = _agency(django_user_model, "with-agreement", "Health partner", "agreement")
    agreement = InformationSharingAgreement.objects.create(
        title="Early Action sharing agreement",
        purpose="Coordinating early help",
        legal_gateway="cda_s115",
        data_categories=[DataCategory.IDENTITY, DataCategory.CIRCUMSTANCES],
        starts_on=timezone.localdate() - timedelta(days=30),
        review_on=timezone.localdate() + timedelta(days=300),
    )
    agreement.parties.set([council, health])
    agreement.programmes.set([Programme.objects.get(slug="early-action")])
    Service.objects.create(name="Recovery service", kind="substance_misuse", provider="NHS", data_category="health")
    Service.objects.create(name="Debt advice", kind="voluntary", provider="Advice charity")


def sign_in(tab, username):
    tab.open("/accounts/sign-in/")
    tab.page.fill("#id_username", username)
    tab.page.fill("#id_password", PASSWORD)
    tab.page.click("button[type=submit]")
    tab.page.wait_for_url(tab.base + "/")


def submit(tab, button="Save"):
    tab.page.get_by_role("button", name=button, exact=True).click()
    tab.page.wait_for_load_state()


def refer(tab, shots):
    tab.page.get_by_role("link", name="Cases", exact=True).first.click()
    tab.page.get_by_role("link", name="Refer someone").first.click()
    submit(tab, "Send referral")
    assert "There is a problem" in tab.page.content()  # an empty form explains itself
    assert tab.accessibility_violations() == []
    page = tab.page
    page.get_by_role("radio", name="Early Action").check()
    page.fill("#id_given_name", "Robin")
    page.fill("#id_family_name", "Browsertest")
    page.fill("#id_date_of_birth", "1984-09-12")
    page.get_by_role("radio", name="Female").check()
    page.select_option("#id_ethnicity", "white")
    page.fill("#id_reason", "Behind on rent, drinking heavily, no contact with family")
    page.get_by_role("checkbox", name="Accommodation").check()
    page.get_by_role("checkbox", name="Drugs and alcohol").check()
    page.get_by_role("radio", name="Medium").check()
    page.get_by_role("radio", name="The person consented to the referral").check()
    page.screenshot(path=str(shots / "refer.png"), full_page=True)
    submit(tab, "Send referral")
    assert "Referral made" in page.content()
    return re.search(r"/cases/([A-Z]+-[0-9A-F]{6})/", page.url).group(1)


def change_status(tab, reference, status, reason, close_reason=None):
    tab.open(f"/cases/{reference}/status/")
    tab.page.get_by_role("radio", name=status, exact=True).check()
    tab.page.fill("#id_reason", reason)
    if close_reason:
        tab.page.check(f"input[name=close_reason][value={close_reason}]")
    submit(tab)
    assert tab.page.locator("[data-testid=case-status]").inner_text() == status


def work_the_case(tab, reference):
    page = tab.page
    tab.open(f"/cases/{reference}/needs/")
    page.get_by_role("radio", name="Start").check()
    for name in (
        "accommodation",
        "education-employment",
        "health",
        "drugs-alcohol",
        "finance",
        "relationships",
        "attitudes",
    ):
        page.check(f"input[name=need_{name}][value='{3 if name in ('accommodation', 'drugs-alcohol') else 1}']")
    submit(tab)
    tab.open(f"/cases/{reference}/plan/")
    page.fill("#id_description", "Apply to the housing register")
    page.select_option("#id_owner_organisation", label="New partner council")
    page.fill("#id_owner_name", "Robin's worker")
    page.fill("#id_due_on", (timezone.localdate() + timedelta(days=14)).isoformat())
    submit(tab)
    for service in ("Recovery service", "Debt advice"):
        tab.open(f"/cases/{reference}/interventions/")
        page.select_option("#id_service", label=service)
        page.get_by_role("radio", name="Started").check()
        page.fill("#id_referred_on", timezone.localdate().isoformat())
        submit(tab)


def record_outcomes(tab, reference, stage, score):
    tab.open(f"/cases/{reference}/outcomes/")
    tab.page.get_by_role("radio", name=stage, exact=True).check()
    for scale in ("home", "drugs-alcohol", "money"):
        tab.page.check(f"input[name=scale_{scale}][value='{score}']")
    submit(tab)


def record_consent(tab, reference):
    tab.open(f"/cases/{reference}/consent/")
    tab.page.select_option("#id_agreement", label="Early Action sharing agreement")
    tab.page.get_by_role("radio", name="Given").check()
    tab.page.fill("#id_given_by", "Robin, in person")
    tab.page.fill("#id_scope", "Share my support plan with the health partner")
    tab.page.fill("#id_version", "EA consent v2")
    submit(tab)
    assert "Consent recorded" in tab.page.content()


def test_a_new_partner_works_a_case_and_sharing_follows_the_agreement(new_tab, partners, tmp_path):
    tab = new_tab()
    sign_in(tab, "newpartner")
    reference = refer(tab, tmp_path)
    change_status(tab, reference, "Screened", "Lives in the area, complex needs, agrees to help")
    change_status(tab, reference, "Accepted", "Meets the Early Action criteria")
    change_status(tab, reference, "Active", "First meeting held")
    work_the_case(tab, reference)
    record_outcomes(tab, reference, "Start", 2)
    record_consent(tab, reference)
    record_outcomes(tab, reference, "Close", 4)
    change_status(tab, reference, "Closed", "Housed and in treatment", close_reason="completed")
    tab.open(f"/cases/{reference}/")
    tab.page.get_by_role("tab", name="Needs and plan").click()
    assert "Recovery service" in tab.page.locator("[data-testid=interventions]").inner_text()
    tab.page.screenshot(path=str(tmp_path / "case-owner.png"), full_page=True)
    assert tab.accessibility_violations() == [] and tab.errors == []
    case = Case.objects.get(reference=reference)
    assert (case.status, case.close_reason, case.outcome_scores.count()) == ("closed", "completed", 6)

    outsider = new_tab()
    sign_in(outsider, "nosharing")
    response = outsider.page.goto(f"{outsider.base}/cases/{reference}/")
    assert response.status == 404
    assert outsider.page.get_by_role("heading", name="How to ask for access").is_visible()
    assert "Robin" not in outsider.page.content()
    assert outsider.accessibility_violations() == []
    assert outsider.page.goto(f"{outsider.base}/cases/{reference}/status/").status == 404
    outsider.page.goto(f"{outsider.base}/cases/")
    assert reference not in outsider.page.content()
    outsider.page.goto(f"{outsider.base}/cases/new-referrals/")
    assert reference not in outsider.page.content()
    assert outsider.accessibility_violations() == []

    partner = new_tab()
    sign_in(partner, "agreement")
    _sees_the_case_without_health(partner, reference, tmp_path)


def _sees_the_case_without_health(tab, reference, shots):
    response = tab.page.goto(f"{tab.base}/cases/{reference}/")
    assert response.status == 200
    page = tab.page
    assert "Robin Browsertest" in page.locator("h1").inner_text()
    assert "Information sharing under an agreement: Early Action sharing agreement" in page.content()
    assert (
        "Health, including mental health and substance use" in page.locator("[data-testid=access-basis]").inner_text()
    )
    person = page.locator("[data-testid=person]").inner_text()
    assert "Not shared with your organisation" in person and "White" not in person
    needs = page.locator("[data-testid=referral-needs]").inner_text()
    assert "Accommodation" in needs and "Drugs and alcohol" not in needs
    page.get_by_role("tab", name="Needs and plan").click()
    interventions = page.locator("[data-testid=interventions]").inner_text()
    assert "Debt advice" in interventions and "Recovery service" not in interventions
    page.get_by_role("tab", name="Timeline").click()
    timeline = page.locator("[data-testid=timeline]").inner_text()
    assert "Debt advice" in timeline and "Recovery service" not in timeline and "Drug and alcohol use" not in timeline
    assert page.get_by_role("link", name="Change the status").count() == 0
    assert page.goto(f"{tab.base}/cases/{reference}/status/").status == 403
    page.goto(f"{tab.base}/cases/{reference}/")
    page.screenshot(path=str(shots / "case-partner.png"), full_page=True)
    assert tab.accessibility_violations() == []


@pytest.fixture
def new_tab(browser, live_server):
    """Tabs in separate browser contexts (one per person signed in), closed after the test."""
    contexts = []

    def make():
        contexts.append(browser.new_context(viewport={"width": 1280, "height": 900}))
        return Page(contexts[-1].new_page(), live_server.url)

    yield make
    for context in contexts:
        context.close()


def test_the_case_work_pages_pass_axe_with_the_example_data(new_tab, monkeypatch, tmp_path):
    from django.core.management import call_command

    monkeypatch.setenv("CRIMEPLAN_DEMO_PASSWORD", PASSWORD)
    call_command("cases", "demo")
    cohort = Cohort.objects.get(name="Example IOM cohort 2022-23 (example)")
    pages = {
        "demo-council": ["/cases/", "/cases/board/", "/cases/asb/", "/cases/agreements/", "/cases/services/"],
        "demo-probation": [
            "/cases/cohorts/",
            f"/cases/cohorts/{cohort.pk}/",
            f"/cases/cohorts/{cohort.pk}/members/new/",
        ],
        "demo-charity": ["/cases/volunteers/", "/cases/volunteers/new/"],
    }
    for username, paths in pages.items():
        tab = new_tab()
        sign_in(tab, username)
        for path in paths:
            tab.open(path)
            assert tab.accessibility_violations() == [], path
            tab.page.screenshot(
                path=str(tmp_path / f"{path.strip('/').replace('/', '-') or 'home'}.png"), full_page=True
            )
        assert tab.errors == []
    public = new_tab()
    public.open("/refer-someone/")
    assert "Example District Council (example)" in public.page.content()
    assert public.accessibility_violations() == []

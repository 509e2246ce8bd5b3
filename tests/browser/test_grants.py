"""A grant from a public application in Chromium, through assessment, award, payment and final return,
to the transparency CSV and the 360Giving export. Pages pass axe-core."""

import datetime as dt
import json

import polars as pl
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def grants_setup(geo_store, geography_template, django_user_model):
    from django.contrib.auth.models import Permission
    from django.core.management import call_command

    from crimeplan.geography.services import sync_database
    from crimeplan.grants.models import Round
    from crimeplan.grants.services.funds import load_funds

    reference = geography_template / "reference"
    sync_database(pl.read_parquet(reference / "lsoa.parquet"), pl.read_parquet(reference / "forces.parquet"))
    call_command("loaddata", "lancashire_plan", verbosity=0)
    fund = next(f for f in load_funds(year="2026-27") if f.code == "CAF")
    today = dt.date.today()
    round_ = Round.objects.create(
        fund=fund, title="Round 1", opens_on=today - dt.timedelta(days=5), closes_on=today + dt.timedelta(days=30)
    )
    users = {}
    for name in ("assessor1", "assessor2", "manager"):
        users[name] = django_user_model.objects.create_user(username=name, password="a-long-browser-password")
    round_.assessors.set([users["assessor1"], users["assessor2"]])
    for codename in ("manage_grants", "decide_grants"):
        users["manager"].user_permissions.add(Permission.objects.get(codename=codename))
    return round_


def _continue(tab):
    tab.page.get_by_role("button", name="Save and continue").click()


def _apply(tab, shots):
    page = tab.page
    tab.open("/grants/")
    page.get_by_role("button", name="Apply to the Community Action Fund").click()
    assert "You can ask for £250 to £2,500" in page.locator("[data-testid=amounts]").inner_text()
    assert tab.accessibility_violations() == []
    page.get_by_role("button", name="Check you can apply").click()
    page.check("text=Community or voluntary group (not registered)")
    page.check("#id_has_constitution_1")  # no constitution: told at once, kindly, before anything is stored
    page.check("#id_has_bank_account_0")
    page.fill("#id_amount", "2400")
    page.get_by_role("button", name="Continue").click()
    assert "a community group needs a written constitution" in page.locator("[data-testid=reasons]").inner_text()
    page.screenshot(path=str(shots / "grants_cannot_apply.png"), full_page=True)
    assert tab.accessibility_violations() == []
    page.get_by_role("link", name="check your answers again").click()
    page.check("text=Community or voluntary group (not registered)")
    page.check("#id_has_constitution_0")
    page.check("#id_has_bank_account_0")
    page.fill("#id_amount", "2400")
    page.get_by_role("button", name="Continue").click()
    page.fill("#id_email", "club@example.org")
    page.get_by_role("button", name="Start your application").click()
    assert page.locator("[data-testid=tasks] li").count() == 12
    page.screenshot(path=str(shots / "grants_tasks.png"), full_page=True)
    assert tab.accessibility_violations() == []
    page.get_by_role("link", name="Type of organisation").click()
    _continue(tab)
    page.fill("#id_org_name", "Talbot Youth Boxing Club")
    page.check("#id_has_constitution_0")
    page.fill("#id_org_postcode", "fy1 1aa")
    _continue(tab)
    page.fill("#id_contact_name", "Sam Jones")
    page.fill("#id_contact_phone", "01253 123456")
    _continue(tab)
    _continue(tab)  # nothing typed: the error summary lists both questions, the page keeps its state
    assert page.locator(".govuk-error-summary").is_visible()
    assert tab.accessibility_violations() == []
    page.fill("#id_title", "Friday night boxing")
    page.fill("#id_summary", "Free supervised boxing for young people in Blackpool town centre.")
    _continue(tab)
    start, end = dt.date.today() + dt.timedelta(days=40), dt.date.today() + dt.timedelta(days=200)
    page.fill("#id_start_date_0", "31")
    page.fill("#id_start_date_1", "2")
    page.fill("#id_start_date_2", "2027")
    _continue(tab)
    assert "Start date must be a real date" in page.locator(".govuk-error-summary").inner_text()
    assert tab.accessibility_violations() == []
    for name, day in (("start_date", start), ("end_date", end)):
        page.fill(f"#id_{name}_0", str(day.day))
        page.fill(f"#id_{name}_1", str(day.month))
        page.fill(f"#id_{name}_2", str(day.year))
    _continue(tab)
    page.check("text=Running activities or sessions")
    _continue(tab)
    page.check("text=Particular wards")
    _continue(tab)
    page.select_option("#switch_to", "E22000151")
    page.get_by_role("button", name="Show these areas").click()
    page.wait_for_selector("#area-map path.leaflet-interactive")
    page.check("text=Talbot")
    page.screenshot(path=str(shots / "grants_areas.png"), full_page=True)
    assert tab.accessibility_violations() == []
    _continue(tab)
    page.check("text=Anti-social behaviour")
    _continue(tab)
    page.fill("#id_item", "Coaches, 48 sessions")
    page.fill("#id_amount", "2600")
    page.wait_for_selector("#budget-live:has-text('£100 over the maximum')")  # the total as it is typed
    assert tab.accessibility_violations() == []
    page.get_by_role("button", name="Add this cost").click()
    assert "£100 over the maximum" in page.locator("[data-testid=budget-total]").inner_text()
    page.get_by_role("button", name="Continue").click()
    page.fill("#id_match_funding", "0")
    _continue(tab)
    page.fill("#id_description", "Young people take part in positive activities")
    page.fill("#id_measure", "Attendance registers")
    page.fill("#id_target", "40 young people")
    page.get_by_role("button", name="Add this outcome").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Submit application").click()
    refusal = page.locator("[data-testid=refusal]").inner_text()
    assert "You asked for £2,600. The Community Action Fund gives up to £2,500: reduce your costs by £100" in refusal
    page.screenshot(path=str(shots / "grants_refused.png"), full_page=True)
    assert tab.accessibility_violations() == []
    page.get_by_role("link", name="Change the costs").click()
    page.get_by_role("button", name="Remove Coaches, 48 sessions").click()
    page.fill("#id_item", "Coaches, 48 sessions")
    page.fill("#id_amount", "2400")
    page.get_by_role("button", name="Add this cost").click()
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Submit application").click()
    reference = page.locator("[data-testid=reference]").inner_text()
    page.screenshot(path=str(shots / "grants_submitted.png"), full_page=True)
    assert tab.accessibility_violations() == []
    return reference


def _sign_in(tab, username):
    if tab.page.get_by_role("button", name="Sign out").count():
        tab.page.get_by_role("button", name="Sign out").click()
    tab.open("/accounts/sign-in/")
    tab.page.fill("#id_username", username)
    tab.page.fill("#id_password", "a-long-browser-password")
    tab.page.click("button[type=submit]")


def _assess(tab, application, username, mark):
    page = tab.page
    _sign_in(tab, username)
    tab.open(f"/grants/manage/applications/{application.pk}/")
    page.get_by_role("link", name="Declare interests, then score").click()
    page.check("#id_conflict_0")
    page.get_by_role("button", name="Save").click()
    for criterion in application.round.fund.criteria.all():
        page.check(f"#id_score_{criterion.pk}_{mark}")
    page.check("#id_recommendation_0")
    page.get_by_role("button", name="Save").click()
    assert "You scored it" in page.locator("[data-testid=actions]").inner_text()


def _decide_and_pay(tab, application, shots):
    page = tab.page
    _sign_in(tab, "manager")
    tab.open(f"/grants/manage/applications/{application.pk}/")
    page.get_by_role("link", name="Moderate the scores").click()
    page.get_by_role("button", name="Save").click()
    page.get_by_role("link", name="Record the panel's decision").click()
    page.check("#id_outcome_0")
    page.fill("#id_reasons", "Strong evidence of need in Talbot ward")
    page.fill("#id_conditions", "Send attendance registers with each return")
    page.fill("#id_panel_on", f"{dt.date.today():%d %m %Y}")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_role("heading", name="Check the decision before you send it").is_visible()
    assert tab.accessibility_violations() == []
    page.get_by_role("button", name="Send the decision").click()
    page.get_by_role("link", name="The award: payments and returns").click()
    page.fill("#id_due_on", f"{dt.date.today():%d %m %Y}")
    page.fill("#id_amount", "2400")
    page.get_by_role("button", name="Add instalment").click()
    page.get_by_role("link", name="Record payment").click()
    page.fill("#id_paid_on", f"{dt.date.today():%d %m %Y}")
    page.fill("#id_reference", "BACS-0001")
    page.get_by_role("button", name="Save").click()
    for _ in range(2):  # the interim, then the final return
        page.get_by_role("link", name="Record the return").first.click()
        page.fill("#id_received_on", f"{dt.date.today():%d %m %Y}")
        page.fill("#id_outputs", "48 sessions")
        page.fill("#id_outcomes", "52 young people took part")
        page.fill("#id_spend", "2400")
        page.get_by_role("button", name="Save").click()
    assert page.locator("[data-testid=award-status]").inner_text() == "Completed"
    assert page.locator("[data-testid=paid]").inner_text() == "£2,400"
    page.screenshot(path=str(shots / "grants_award.png"), full_page=True)
    assert tab.accessibility_violations() == []


def test_a_grant_from_public_application_to_publication(tab, grants_setup, tmp_path_factory):
    from crimeplan.grants import publication
    from crimeplan.grants.models import Application

    shots = tmp_path_factory.getbasetemp()
    reference = _apply(tab, shots)
    application = Application.objects.get(reference=reference)
    assert application.requested == 2400 and application.area_codes == ["E05001659"]
    _assess(tab, application, "assessor1", 4)
    _assess(tab, application, "assessor2", 3)
    _decide_and_pay(tab, application, shots)
    csv_text = tab.page.request.get(tab.base + "/grants/published.csv").text()
    assert reference in csv_text and "Talbot Youth Boxing Club" in csv_text and "2400.00" in csv_text
    data = json.loads(tab.page.request.get(tab.base + "/grants/360giving.json").text())
    assert publication.validation_errors(data) == []
    assert data["grants"][0]["amountDisbursed"] == 2400.0
    tab.open("/grants/published/")
    assert tab.accessibility_violations() == []
    assert tab.errors == []

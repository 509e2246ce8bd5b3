"""A PACT cycle as new users meet it, in Chromium: the neighbourhood team defines a neighbourhood and starts a
cycle; a resident proposes an issue; the team puts it on the ballot and opens voting; a verified member asks for
their link by email and votes; the team closes voting, adopts the priority and publishes "you said, we did"; the
public page and the police.uk-shaped feed show it. axe-core checks every page on the way."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from crimeplan.engagement.pact.tests.conftest import AUDLEY_LSOAS, geography_db, make_member  # noqa: F401
from tests.browser.conftest import Page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-browser-password"


@pytest.fixture
def team_tab(browser: Any, live_server: Any, django_user_model: Any, geography_db: Any) -> Page:  # noqa: F811
    from crimeplan.accounts.roles import NEIGHBOURHOOD_TEAM, assign_roles, sync_roles

    user = django_user_model.objects.create_user(username="team", password=PASSWORD)
    sync_roles()
    assign_roles(user, (NEIGHBOURHOOD_TEAM,))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = Page(context.new_page(), live_server.url)
    tab.page.set_default_timeout(120_000)
    tab.open("/accounts/sign-in/?next=/engagement/pact/")
    tab.page.fill("#id_username", "team")
    tab.page.fill("#id_password", PASSWORD)
    tab.page.click("button[type=submit]")
    tab.page.wait_for_url(re.compile(r"/engagement/pact/$"))
    return tab


def checked(tab: Page, seen: dict[str, list[str]]) -> None:
    assert not tab.errors, tab.errors
    seen[tab.page.url] = tab.accessibility_violations()


def click(tab: Page, name: str) -> None:
    tab.page.get_by_role("button", name=name).click()
    tab.page.wait_for_load_state()


def test_a_pact_cycle_from_proposal_to_you_said_we_did(team_tab: Page, tab: Page) -> None:
    seen: dict[str, list[str]] = {}
    team, resident = team_tab, tab
    resident.page.set_default_timeout(120_000)
    make_member("resident@example.org", AUDLEY_LSOAS[2])

    # The team defines the neighbourhood by its ward and starts a cycle.
    checked(team, seen)
    team.page.get_by_label("Name", exact=True).fill("Audley and Queen's Park")
    team.page.get_by_label("Short name for the web address").fill("audley")
    team.page.get_by_label("Ward codes").fill("E05011508")
    click(team, "Save the neighbourhood")
    team.page.wait_for_url(re.compile(r"/engagement/pact/audley/$"))
    checked(team, seen)
    team.page.get_by_label("Name of the cycle").fill("Spring 2027")
    click(team, "Start a cycle")
    team.page.wait_for_url(re.compile(r"/cycles/\d+/$"))
    cycle_url = team.page.url
    checked(team, seen)

    # A resident proposes an issue on the public page.
    resident.open("/pact/audley/")
    checked(resident, seen)
    resident.page.get_by_role("button", name="Propose an issue").click()
    resident.page.wait_for_url(re.compile(r"/propose/$"))
    click(resident, "Send the issue")  # empty: the error summary says what to do
    assert "There is a problem" in resident.page.content()
    checked(resident, seen)
    resident.page.get_by_label("What is the issue?").fill("Speeding on Audley Range")
    resident.page.get_by_label("Tell us more").fill("Cars race past the school in the evening.")
    click(resident, "Send the issue")
    assert "Issue sent" in resident.page.content()
    checked(resident, seen)

    # The team puts it on the ballot and opens voting.
    team.page.goto(cycle_url)
    team.page.get_by_label("Put it on the ballot").check()
    click(team, "Save the decision on Speeding on Audley Range")
    click(team, "Open voting")
    assert "voting" in team.page.locator("h1").inner_text()
    checked(team, seen)

    # A verified member asks for their link, and votes with it.
    resident.open("/pact/audley/")
    resident.page.get_by_role("button", name="Vote").click()
    resident.page.wait_for_url(re.compile(r"/take-part/$"))
    checked(resident, seen)
    resident.page.get_by_label("Email address").fill("resident@example.org")
    click(resident, "Email me a link")
    assert "Check your email" in resident.page.content()
    link = re.search(r"https?://\S+/take-part/\S+/", str(mail.outbox[-1].body))
    assert link is not None
    resident.page.goto(link.group(0))
    checked(resident, seen)
    resident.page.get_by_label("Speeding on Audley Range").check()
    resident.page.get_by_label("35-44").check()
    click(resident, "Send my vote")
    assert "Vote recorded" in resident.page.content()
    checked(resident, seen)
    resident.page.goto(link.group(0))  # one ballot: the link now shows the vote, not a new ballot
    assert "Vote recorded" in resident.page.content()

    # The team counts, adopts the priority and publishes "you said, we did".
    team.page.goto(cycle_url)
    click(team, "Close voting and count")
    assert "Weighted share" in team.page.content()
    team.page.get_by_label("From the ballot").select_option(label="Speeding on Audley Range")
    team.page.get_by_label("Priority", exact=True).fill("Speeding on Audley Range")
    team.page.get_by_label("What we will do").fill("Speed checks twice a week with Community Speedwatch.")
    team.page.get_by_label("Partners").fill("Blackburn with Darwen Council")
    click(team, "Adopt the priority")
    checked(team, seen)
    team.page.get_by_role("link", name="Speeding on Audley Range").click()
    team.page.wait_for_url(re.compile(r"/priorities/\d+/$"))
    team.page.get_by_label("We did").fill("Six Speedwatch sessions; the council is building a speed table.")
    team.page.get_by_label("This closes the priority").check()
    click(team, "Publish")
    assert "published" in team.page.content()
    checked(team, seen)

    # The public page and the feed show it.
    resident.open("/pact/audley/")
    content = resident.page.content()
    assert "Six Speedwatch sessions" in content and "Done" in content
    checked(resident, seen)
    feed = resident.page.request.get(resident.base + "/pact/audley/priorities.json").json()
    assert feed[0]["issue"].startswith("Speeding on Audley Range")
    assert feed[0]["action"].startswith("Six Speedwatch") and feed[0]["action-date"].endswith("T00:00:00")
    assert {url: v for url, v in seen.items() if v} == {}


def test_who_is_heard_draws_its_map_and_tables(team_tab: Page, geo_store: Any, tmp_path: Any) -> None:
    from crimeplan.engagement.pact.demo import SLUG, load_demo

    load_demo()
    team_tab.open(f"/engagement/pact/{SLUG}/representativeness/")
    team_tab.page.wait_for_selector("#map-status:has-text('LSOAs shown')")  # no eval: the CSP refuses it
    assert "6 LSOAs shown; 64 of 64 records" in team_tab.page.locator("#map-status").inner_text()
    assert team_tab.page.locator("#map").bounding_box()["height"] >= 300
    assert "Under-heard" in team_tab.page.content()
    team_tab.page.screenshot(path=str(tmp_path / "who-is-heard.png"), full_page=True)
    team_tab.open(f"/pact/{SLUG}/")
    team_tab.page.screenshot(path=str(tmp_path / "pact.png"), full_page=True)
    assert team_tab.accessibility_violations() == []
    team_tab.open(f"/engagement/pact/{SLUG}/representativeness/")
    assert team_tab.accessibility_violations() == []
    assert team_tab.errors == []


def test_the_team_cancels_a_meeting_and_the_public_page_says_why(team_tab: Page, tmp_path: Any) -> None:
    from crimeplan.engagement.pact.demo import SLUG, load_demo
    from crimeplan.engagement.pact.models import Meeting

    load_demo()
    meeting = Meeting.objects.filter(neighbourhood__slug=SLUG, status="scheduled").order_by("starts_at").first()
    assert meeting is not None
    team_tab.open(f"/engagement/pact/{SLUG}/meetings/{meeting.pk}/")
    team_tab.page.get_by_role("link", name="Cancel this meeting").click()
    team_tab.page.wait_for_url(re.compile(r"/cancel/$"))
    assert team_tab.accessibility_violations() == []
    click(team_tab, "Cancel the meeting")  # no reason: the error summary says what to write
    assert "Say why the meeting is cancelled" in team_tab.page.locator(".govuk-error-summary").inner_text()
    assert team_tab.accessibility_violations() == []
    team_tab.page.get_by_label("Why is it cancelled?").fill("The hall is closed for repairs.")
    click(team_tab, "Cancel the meeting")
    assert "Cancelled: The hall is closed for repairs." in team_tab.page.locator("[data-testid=cancelled]").inner_text()
    team_tab.open(f"/pact/{SLUG}/")
    assert "Cancelled: The hall is closed for repairs." in team_tab.page.content()
    team_tab.page.screenshot(path=str(tmp_path / "pact-cancelled.png"), full_page=True)
    assert team_tab.accessibility_violations() == []
    assert team_tab.errors == []

"""Headless Chromium (Debian's package) driven by Playwright, against the live test server."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (.ci/run installs it)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's sync API runs an event loop in this thread
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield chromium
        chromium.close()


class Page:
    """A browser tab that records console errors and can run axe-core."""

    def __init__(self, page: Any, base: str):
        self.page = page
        self.base = base
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"{m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def open(self, path: str) -> Any:
        response = self.page.goto(self.base + path)
        assert response is not None and response.ok, f"{path}: HTTP {response.status if response else '?'}"
        return response

    def accessibility_violations(self) -> list[str]:
        """axe-core's serious and critical WCAG 2.2 A/AA findings for the page as it is now."""
        # From the server's own static files: the Content-Security-Policy refuses an inline script.
        self.page.wait_for_load_state()  # a click may have started a navigation: wait for the new document
        self.page.add_script_tag(url=self.base + "/static/build/axe/axe.min.js")
        tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
        result = self.page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", tags)
        return [
            f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]
            if v["impact"] in ("serious", "critical")
        ]


@pytest.fixture
def tab(browser: Any, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield Page(context.new_page(), live_server.url)
    context.close()


@pytest.fixture
def signed_in_tab(tab: Page, django_user_model: Any) -> Page:
    from crimeplan.accounts.roles import DATA_MANAGER, OPCC_ANALYST, PERFORMANCE_LEAD, assign_roles, sync_roles

    user = django_user_model.objects.create_user(username="browser", password="a-long-browser-password")
    sync_roles()
    assign_roles(user, (OPCC_ANALYST, PERFORMANCE_LEAD, DATA_MANAGER))  # an office analyst, as in the demo
    tab.open("/accounts/sign-in/")
    tab.page.fill("#id_username", "browser")
    tab.page.fill("#id_password", "a-long-browser-password")
    tab.page.click("button[type=submit]")
    tab.page.wait_for_url(tab.base + "/")
    return tab

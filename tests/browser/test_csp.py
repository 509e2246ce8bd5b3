"""Pages work under the Content-Security-Policy (no inline script or style): Chromium reports no violation."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_documentation_runs_from_own_static_files(tab):
    requested: list[str] = []
    tab.page.on("request", lambda request: requested.append(request.url))
    tab.page.set_default_timeout(120_000)  # Swagger UI's bundle is 1.5 MB, served by the test server
    response = tab.open("/api/docs")
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    tab.page.wait_for_selector(".opblock")
    assert tab.page.locator(".opblock").count() > 10
    assert all(url.startswith(tab.base) for url in requested), [u for u in requested if not u.startswith(tab.base)]
    assert tab.errors == []


def test_a_crime_type_page_with_charts_has_no_violations(tab, loaded_store):
    response = tab.open("/crime-types/burglary/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert tab.page.locator("svg.app-chart").count() >= 1
    box = tab.page.locator("svg.app-chart").first.bounding_box()
    assert box is not None and 100 < box["width"] <= 1280
    assert tab.errors == []

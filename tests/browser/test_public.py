"""A resident's walk in Chromium: find a place, read its page and map, download its figures; axe on public pages."""

import os
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/",
    "/areas/",
    "/areas/lancashire/?period=2022Q2",
    "/areas/E07000123/?period=2022Q2",
    "/areas/E05012197/?period=2022Q2",
    "/crime-types/",
    "/crime-types/burglary/?period=2022Q2",
    "/performance/priorities/8/?period=2022Q2",
    "/search/?q=Preston",
    "/search/?q=PR1+6XA",
    "/about-the-data/",
]


@pytest.fixture
def shots(tmp_path):
    """Where screenshots go: CRIMEPLAN_SCREENSHOTS to keep them for a look, else the test's folder."""
    folder = Path(os.environ.get("CRIMEPLAN_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def plan_loaded(places_db):
    from django.core.management import call_command

    call_command("loaddata", "lancashire_plan", verbosity=0)


def test_search_preston_leads_to_preston_and_only_its_wards(tab, places_db, shots):
    tab.open("/")
    tab.page.fill("#site-search", "Preston")
    tab.page.click(".app-search button")
    tab.page.wait_for_url("**/search/?q=Preston")
    assert tab.accessibility_violations() == []
    tab.page.locator("[data-testid=results] a", has_text="Preston").first.click()
    tab.page.wait_for_url("**/areas/E07000123/")
    assert tab.page.locator("h1").inner_text() == "Preston"
    wards = tab.page.locator("[data-testid=children] a").all_inner_texts()
    assert len(wards) == 16 and all(w.endswith("(Preston)") for w in wards)
    tab.page.screenshot(path=str(shots / "preston.png"), full_page=True)
    assert tab.errors == []


def test_a_ward_map_has_named_outlines_a_legend_with_a_unit_and_a_table_with_csv(tab, places_db, shots):
    tab.open("/areas/E05012197/?period=2022Q2")
    tab.page.wait_for_selector("#map[data-outlines-drawn]")
    labels = tab.page.locator(".app-map-label").all_inner_texts()
    assert "Deepdale" in labels and "Ashton" in labels
    assert tab.page.locator("path.leaflet-interactive").count() == 5
    assert "Unit:" in tab.page.locator("#map-legend-unit").inner_text()
    assert tab.page.locator("#map-legend li").count() >= 2
    first = tab.page.locator("path.leaflet-interactive").first
    assert first.get_attribute("tabindex") == "0" and "records" in first.get_attribute("aria-label")
    tab.page.keyboard.press("Tab")  # keyboard reaches the shapes: focus one and its figures are announced
    first.focus()
    assert "records" in tab.page.locator("#map-status").inner_text()
    assert tab.page.locator("#map-figures tbody tr:not([data-testid])").count() == 5
    with tab.page.expect_download() as download:
        tab.page.click('a[href*="csv=map-figures"]')
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.splitlines()[1] == 'LSOA,Ward,Council,Records,"Per 1,000 residents"'
    tab.page.screenshot(path=str(shots / "deepdale.png"), full_page=True)
    assert tab.accessibility_violations() == []
    tab.page.emulate_media(media="print")  # printed: no navigation, search or download links; tables and map kept
    for hidden in (".govuk-service-navigation", ".app-search-bar", ".govuk-breadcrumbs", ".app-csv-link"):
        assert not tab.page.locator(hidden).first.is_visible(), hidden
    assert tab.page.locator("#map").is_visible() and tab.page.locator("#map-figures").is_visible()
    assert tab.page.locator("#monthly").is_visible()  # the figures behind "details" print too
    assert tab.errors == []


@pytest.mark.parametrize("width", [1280, 320])
def test_every_public_page_passes_axe_and_fits_the_screen(browser, live_server, plan_loaded, width, shots):
    from tests.browser.conftest import Page

    context = browser.new_context(viewport={"width": width, "height": 800})
    tab = Page(context.new_page(), live_server.url)
    try:
        for path in PUBLIC_PAGES:
            tab.open(path)
            if "/areas/E" in path:
                tab.page.wait_for_selector("#map[data-drawn]")
            assert tab.accessibility_violations() == [], path
            wide = tab.page.evaluate("document.documentElement.scrollWidth")
            assert wide <= width, f"{path} is {wide}px wide at {width}px"
            if width == 320:
                name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
                tab.page.screenshot(path=str(shots / f"{name}-320.png"), full_page=True)
        assert tab.errors == []
    finally:
        context.close()


def test_a_staff_only_page_says_so(tab, places_db):
    tab.open("/map/")
    assert "for staff only" in tab.page.locator("[data-testid=staff-only]").inner_text()
    assert tab.accessibility_violations() == []

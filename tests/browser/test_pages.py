"""The home page, the Data page and the map render in Chromium without errors and pass axe-core."""

from pathlib import Path

import pytest

from crimeplan.analytics.tests.data import STREET_FILES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_renders_for_the_public(tab, loaded_store):
    from django.core.management import call_command

    call_command("loaddata", "lancashire_plan", verbosity=0)
    tab.open("/")
    assert tab.page.locator("h1").inner_text() == "Is the plan working?"
    assert tab.page.locator("[data-testid=priority-card]").count() == 9
    assert tab.accessibility_violations() == []
    assert tab.errors == []
    tab.page.select_option("#id_period", "2022Q1")
    tab.page.click("text=Show quarter")
    assert "January to March 2022" in tab.page.locator("main").inner_text()


def test_an_area_page_draws_its_charts_and_map(tab, loaded_store):
    tab.open("/areas/E22000151/?period=2022Q2")
    tab.page.wait_for_selector("path.leaflet-interactive")
    assert tab.page.locator("path.leaflet-interactive").count() == 94
    assert tab.page.locator("svg.app-chart").count() == 3
    assert tab.accessibility_violations() == []
    assert tab.errors == []


def test_data_page_and_a_runs_rejections(signed_in_tab, geo_store):
    from crimeplan.crimedata.services import import_police

    import_police(STREET_FILES[-2:])
    tab = signed_in_tab
    tab.open("/data/")
    table = tab.page.locator("[data-testid=partitions]").inner_text()
    assert "2022-06" in table and "2022-07" in table
    tab.page.get_by_role("link", name=STREET_FILES[-1].name).first.click()
    assert tab.page.locator("[data-testid=rows-read]").inner_text() != ""
    assert tab.accessibility_violations() == []
    assert tab.errors == []


def test_the_map_draws_every_lsoa(signed_in_tab, loaded_store, tmp_path):
    tab = signed_in_tab
    tab.open("/map/?force=lancashire&from_month=2022-05&to_month=2022-07")
    tab.page.wait_for_selector("path.leaflet-interactive")
    assert tab.page.locator("path.leaflet-interactive").count() == 941
    assert "941 LSOAs shown" in tab.page.locator("#map-status").inner_text()
    tab.page.wait_for_selector("#map[data-outlines-drawn]")  # council outlines with their names orient the map
    assert "Preston" in tab.page.locator(".app-map-label").all_inner_texts()
    assert "Unit:" in tab.page.locator("#map-legend-unit").inner_text()
    assert tab.page.locator("#map-legend li").count() >= 2
    first = tab.page.locator("path.leaflet-interactive[tabindex='0']").first
    first.focus()  # each LSOA is reached with Tab and announces its figures
    assert "records" in tab.page.locator("#map-status").inner_text()
    assert "records" in (first.get_attribute("aria-label") or "")
    assert tab.page.locator("#map-figures [data-testid=unplaced]").count() == 1
    with tab.page.expect_download() as download:
        tab.page.click('a[href*="csv=map-figures"]')
    assert "No place recorded" in Path(download.value.path()).read_text(encoding="utf-8")
    tab.page.select_option("#id_crime_type", "burglary")
    tab.page.click("text=Show on map")
    tab.page.wait_for_selector("path.leaflet-interactive")
    assert "Burglary" in tab.page.locator("h2").first.inner_text()
    tab.page.screenshot(path=str(tmp_path / "map.png"), full_page=True)
    assert tab.accessibility_violations() == []
    assert tab.errors == []

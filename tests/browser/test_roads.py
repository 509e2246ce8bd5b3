"""The road-safety page draws its sites and Gi* squares from the real West Yorkshire tables; axe-core passes."""

import pytest

from crimeplan.roads.tests.conftest import wy_store, wy_template  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_road_safety_page_draws_its_map_and_tables(tab, wy_store, tmp_path):  # noqa: F811
    tab.page.set_default_navigation_timeout(180_000)  # the first page builds the site ranking on a busy machine
    tab.open("/roads/")
    tab.page.wait_for_selector("#road-map-status:has-text('sites')")  # no eval: the CSP refuses it
    assert "50 sites" in tab.page.locator("#road-map-status").inner_text()
    assert tab.page.locator("#road-map").bounding_box()["height"] >= 400
    assert tab.page.locator("[data-testid=sites] tbody tr").count() == 20
    assert "1,318 recorded" in tab.page.locator("[data-testid=ksi]").inner_text()
    tab.page.screenshot(path=str(tmp_path / "roads.png"), full_page=True)
    assert tab.accessibility_violations() == []
    assert tab.errors == []

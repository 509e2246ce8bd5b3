"""The hotspot page draws a real forecast in Chromium, with its table, and passes axe-core."""

import pytest

from crimeplan.analytics.hotspots.defaults import default_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_hotspot_map_renders_real_predictions(signed_in_tab, loaded_store, tmp_path):
    tab = signed_in_tab
    tab.open("/hotspots/?force=lancashire&crime_type=burglary")
    tab.page.wait_for_selector("#map-status:has-text('cells shown')")  # no eval: the CSP refuses it
    status = tab.page.locator("#map-status").inner_text()
    assert "the top 5% of" in status and f"method {default_for('burglary').method}" in status
    assert tab.page.locator("canvas.leaflet-zoom-animated").count() >= 1
    assert tab.page.locator("[data-testid=top-cells] tbody tr").count() == 20
    assert "Blackpool" in tab.page.locator("[data-testid=top-cells]").inner_text()
    tab.page.screenshot(path=str(tmp_path / "hotspots.png"), full_page=True)
    assert tab.accessibility_violations() == []
    assert tab.errors == []

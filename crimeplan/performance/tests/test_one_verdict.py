"""One computation per verdict: the dashboard, the API, area pages and crime-type pages agree exactly."""

import pytest

from crimeplan.analytics import trends
from crimeplan.analytics.periods import quarter
from crimeplan.performance.selectors.areas import area_view, type_by_area

pytestmark = pytest.mark.django_db


def row_for(area, period, crime_type):
    return next(r for r in area_view(area, period, [crime_type], detail=False).rows if r.crime_type == crime_type)


def test_the_dashboard_the_api_and_the_force_page_give_the_same_p_value(client, loaded_store, plan):
    body = client.get("/api/performance/priorities", {"period": "2022Q2"}).json()
    measure = body["priorities"][7]["measures"][0]
    assert measure["title"] == "Anti-social behaviour incidents"
    api = measure["comparisons"][0]
    force = trends.force_area(loaded_store, "lancashire")
    page = row_for(force, quarter("2022Q2"), "Anti-social behaviour").year_before
    assert page.p_value == api["p_value"] and page.method == api["method"]
    assert page.current == api["current"] and page.baseline == api["baseline"]
    dashboard = client.get("/", {"period": "2022Q2"}).content.decode()
    assert "Anti-social behaviour incidents" in dashboard


@pytest.mark.parametrize("crime_type", ["Burglary", "Violence and sexual offences", "Drugs"])
def test_a_crime_type_page_and_each_partnership_page_give_the_same_p_value(loaded_store, crime_type):
    period = quarter("2022Q2")
    force = trends.force_area(loaded_store, "lancashire")
    rows = type_by_area(force, "csp", period, crime_type)
    assert len(rows) >= 4
    for area, on_type_page in rows:
        on_area_page = row_for(area, period, crime_type)
        assert on_type_page.count == on_area_page.count
        assert on_type_page.year_before.p_value == on_area_page.year_before.p_value, area.name
        assert "df" in on_type_page.year_before.method or "exact" in on_type_page.year_before.method

"""The hotspot page and the API: real forecasts from the shipped months."""

import pytest
from django.core.management import call_command

from crimeplan.analytics import metrics
from crimeplan.analytics.hotspots.defaults import default_for
from crimeplan.hotspots.models import EvaluationRun

pytestmark = pytest.mark.django_db


def test_the_page_and_api_need_a_signed_in_session(client, loaded_store):
    assert client.get("/hotspots/").status_code == 302
    assert client.get("/api/hotspots", {"force": "lancashire"}).status_code == 401


def test_without_an_evaluation_the_page_shows_the_shipped_default_and_why(staff_client, loaded_store):
    response = staff_client.get("/hotspots/", {"force": "lancashire", "crime_type": "burglary"})
    page = response.content.decode()
    default = default_for("burglary")
    assert response.status_code == 200
    assert "forecast for 2022-08" in page  # the month after the last shipped one
    assert f"<strong>{default.method}</strong>" in page and "has not been evaluated" in page
    assert f"chosen on the months {default.chosen_on[0]} to {default.chosen_on[-1]}" in page
    assert "A forecast is about places, not people" in page
    assert "2021-08 to 2022-07" in page
    assert len(response.context["top"]) == 20


def test_the_page_shows_the_evaluated_method_and_its_accuracy(staff_client, loaded_store):
    call_command(
        "hotspots", "evaluate", "--crime-type", "burglary", "--test-months", "2022-06:2022-07",
        "--train-months", "9", "--methods", f"naive,kde-quartic,{default_for('burglary').method}",
        "--coverage", "0.01,0.05,0.1",
        stdout=open("/dev/null", "w"),  # noqa: SIM115
    )  # fmt: skip
    assert EvaluationRun.objects.count() == 1
    response = staff_client.get("/hotspots/", {"force": "lancashire", "crime_type": "burglary", "month": "2022-07"})
    page = response.content.decode()
    assert response.context["fc"].method == default_for("burglary").method
    assert "Median over 2 test months (2022-06 to 2022-07)" in page
    rows = response.context["accuracy"]
    method = default_for("burglary").method
    assert {r.method for r in rows} == {"naive", method} and {r.coverage for r in rows} == {0.01, 0.05, 0.1}
    assert {r.area_label for r in rows} == {"force area", "active cells"}
    assert "Active cells</strong>: cells with at least one recorded crime" in page
    shared = response.context["reliability"]
    assert shared.method == method and shared.months == 2 and 0 <= shared.flagged_with_crime[0] <= 1
    assert "How often a flagged cell saw a crime: of the top 1% of active cells" in page
    assert "this forecast can be checked" in page  # 2022-07 is held, so the page scores it


def test_a_month_that_cannot_be_forecast_is_explained(staff_client, loaded_store):
    response = staff_client.get("/hotspots/", {"force": "lancashire", "month": "2021-06"})  # 2020-06..09 not shipped
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_the_api_returns_geojson_cells_with_risk(staff_client, loaded_store):
    response = staff_client.get("/api/hotspots", {"force": "lancashire", "crime_type": "burglary"})
    body = response.json()
    assert response.status_code == 200 and body["type"] == "FeatureCollection"
    cells = body["properties"]["grid"]["cells"]
    assert len(body["features"]) == metrics.n_selected(cells, 0.05)
    first = body["features"][0]["properties"]
    assert first["rank"] == 1 and first["band"] == "top 1%" and first["risk"] > 0
    risks = [f["properties"]["risk"] for f in body["features"]]
    assert risks == sorted(risks, reverse=True)
    assert body["properties"]["month"] == "2022-08"
    assert body["properties"]["method"] == default_for("burglary").method
    assert {f["properties"]["gi_star"] for f in body["gi_star"]["features"]} <= {"hot", "cold"}


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"force": "atlantis"}, 400, "Unknown force"),
        ({"force": "lancashire", "crime_type": "littering"}, 400, "unknown crime type"),
        ({"force": "lancashire", "month": "2021-06"}, 400, "cannot be forecast"),
        ({"force": "lancashire", "coverage": "2"}, 422, ""),
    ],
)
def test_the_api_explains_bad_parameters(staff_client, loaded_store, params, status, message):
    response = staff_client.get("/api/hotspots", params)
    assert response.status_code == status
    assert message in response.content.decode()

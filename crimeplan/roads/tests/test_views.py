"""The road-safety pages, downloads, map data and the summary API, on the real West Yorkshire tables."""

from __future__ import annotations

import csv
import gzip
import io

import pytest
from django.contrib.auth.models import Permission

from crimeplan.roads.models import RoadSafetyAction
from crimeplan.roads.tests.conftest import WY_FILES

pytestmark = pytest.mark.django_db


def casualty_rows() -> list[dict[str, str]]:
    with gzip.open(WY_FILES[1], "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_page_is_public_and_says_which_force_it_shows(client, wy_store):
    response = client.get("/roads/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "These pages show <strong>West Yorkshire</strong> because that is the STATS19 data loaded" in page
    assert response.context["summary"].ksi == 1318
    pedestrians = next(r for r in response.context["breakdowns"]["road_user"]["rows"] if r["value"] == "Pedestrian")
    assert pedestrians["casualties"] == sum(1 for r in casualty_rows() if r["casualty_type"] == "0")
    leeds = next(r for r in response.context["areas"]["csp"] if r["name"] == "Leeds")
    assert leeds["ksi_per_100k"] == pytest.approx(round(leeds["ksi"] / leeds["residents"] * 100_000, 1))
    assert len(response.context["sites"]) == 20 and 'id="road-map"' in page


def test_without_data_the_page_says_how_to_load_it(client, store):
    response = client.get("/roads/")
    assert response.status_code == 200 and "crimeplan import stats19" in response.content.decode()


def test_the_csv_downloads_hold_the_page_figures(client, wy_store):
    response = client.get("/roads/casualties.csv", {"force": "west-yorkshire", "year": "2024"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    severity = {r["value"]: int(r["casualties"]) for r in rows if r["breakdown"] == "Severity"}
    assert severity == {"Slight": 3922, "Serious": 1278, "Fatal": 40}
    sites = list(csv.DictReader(io.StringIO(client.get("/roads/sites.csv").content.decode())))
    assert sites[0]["why"] and float(sites[0]["eb_ksi"]) >= float(sites[-1]["eb_ksi"])
    data = client.get("/roads/map.json").json()
    assert len(data["sites"]) == 50 and {c["label"] for c in data["cells"]} >= {"hot"}


def test_the_summary_api_is_public(client, wy_store):
    response = client.get("/api/roads/summary", {"force": "west-yorkshire", "year": 2024})
    assert response.status_code == 200
    assert {k: response.json()[k] for k in ("collisions", "casualties", "fatal", "serious", "ksi")} == {
        "collisions": 4060, "casualties": 5240, "fatal": 40, "serious": 1278, "ksi": 1318
    }  # fmt: skip
    assert client.get("/api/roads/summary", {"force": "lancashire", "year": 2024}).status_code == 400


ACTION = {
    "kind": "speedwatch", "title": "Speedwatch at Kirkstall", "partner": "Kirkstall CSW", "site": "A65 Kirkstall Road",
    "force": "west-yorkshire", "latitude": "53.8106", "longitude": "-1.5860", "started_on": "2024-03-02",
    "ended_on": "2024-03-02", "vehicles_checked": "150", "over_limit": "22", "notes": "",
}  # fmt: skip


def test_recording_an_action_needs_the_permission(client, staff_client, staff_user, wy_store):
    assert client.get("/roads/actions/new/").status_code == 403
    assert staff_client.get("/roads/actions/new/").status_code == 403
    staff_user.user_permissions.add(Permission.objects.get(codename="manage_actions"))
    response = staff_client.post("/roads/actions/new/", {**ACTION, "over_limit": "151"})
    assert response.status_code == 200 and "More vehicles over the limit than checked" in response.content.decode()
    response = staff_client.post("/roads/actions/new/", ACTION)
    action = RoadSafetyAction.objects.get()
    assert response.status_code == 302 and action.created_by == staff_user and not action.is_example


def test_an_action_page_evaluates_before_and_after_with_a_comparison(client, wy_store):
    action = RoadSafetyAction.objects.create(
        kind="engineering", title="Build-outs", partner="Leeds", site="A65", force="west-yorkshire",
        latitude=53.8106, longitude=-1.5860, started_on="2024-05-01", ended_on="2024-05-31",
    )  # fmt: skip
    response = client.get(f"/roads/actions/{action.pk}/")
    evaluation = response.context["evaluation"]
    total_before = evaluation["treated_before"] + evaluation["comparison_before"]
    assert response.status_code == 200 and "What this can and cannot show" in response.content.decode()
    assert total_before > 0 and evaluation["after"][0].isoformat() == "2024-06-01"
    assert client.get("/roads/actions/9999/").status_code == 404

import pytest

from crimeplan.analytics.tests.data import STREET_FILES, csv_rows
from crimeplan.crimedata.services import import_police

pytestmark = pytest.mark.django_db


def test_imports_need_a_signed_in_session(client):
    assert client.get("/api/imports").status_code == 401


def test_imports_list_runs_with_their_reconciliation(staff_client, geo_store):
    import_police(STREET_FILES[:2])
    runs = staff_client.get("/api/imports", {"force": "lancashire"}).json()
    assert [(r["month"], r["rows_read"], r["rows_stored"], r["rows_rejected"]) for r in runs] == [
        (p.name[:7], len(csv_rows(p)), len(csv_rows(p)), 0) for p in STREET_FILES[:2]
    ]


@pytest.mark.parametrize("group_by", ["month", "category", "csp", "lsoa"])
def test_counts_total_the_csv_whatever_the_grouping(client, loaded_store, group_by):
    response = client.get(
        "/api/crime/counts", {"force": "lancashire", "from": "2022-06", "to": "2022-07", "group_by": group_by}
    )
    body = response.json()
    assert response.status_code == 200
    assert body["total"] == sum(r["count"] for r in body["rows"]) == sum(len(csv_rows(p)) for p in STREET_FILES[-2:])
    assert (body["from"], body["to"]) == ("2022-06", "2022-07")


def test_counts_by_category_equal_a_hand_count(client, loaded_store):
    body = client.get(
        "/api/crime/counts",
        {"force": "lancashire", "from": "2022-07", "to": "2022-07", "group_by": "category", "crime_type": "robbery"},
    ).json()
    hand = sum(1 for r in csv_rows(STREET_FILES[-1]) if r["Crime type"] == "Robbery")
    assert body["rows"] == [{"key": "Robbery", "label": "Robbery", "count": hand}]
    assert body["crime_type"] == "Robbery"


def test_the_default_period_is_every_month_held(client, loaded_store):
    body = client.get("/api/crime/counts", {"force": "lancashire"}).json()
    assert (body["from"], body["to"]) == (STREET_FILES[0].name[:7], STREET_FILES[-1].name[:7])
    assert len(body["rows"]) == len(STREET_FILES)


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"force": "atlantis"}, 400, "Unknown force 'atlantis'"),
        ({"force": "lancashire", "from": "2022-13"}, 400, "'2022-13' is not a month"),
        ({"force": "lancashire", "from": "July"}, 422, "pattern"),
        ({"force": "lancashire", "from": "2022-07", "to": "2021-08"}, 400, "starts (2022-07) after it ends"),
        ({"force": "lancashire", "group_by": "street"}, 422, "month"),
        ({"force": "lancashire", "crime_type": "jaywalking"}, 400, "unknown crime type 'jaywalking'"),
        ({}, 422, "force"),
    ],
)
def test_bad_parameters_get_a_message_a_person_can_act_on(client, loaded_store, params, status, message):
    response = client.get("/api/crime/counts", params)
    assert response.status_code == status
    assert message in response.content.decode()


def test_the_openapi_document_describes_the_endpoints(client):
    schema = client.get("/api/openapi.json").json()
    assert {"/api/imports", "/api/crime/counts"} <= set(schema["paths"])
    assert client.get("/api/docs").status_code == 200

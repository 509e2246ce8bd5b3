import pytest

from crimeplan.analytics.tests.data import DATA, STREET_DIR, csv_rows

pytestmark = pytest.mark.django_db


def test_priorities_come_with_their_measured_status(client, loaded_store, plan):
    body = client.get("/api/performance/priorities", {"period": "2022Q2"}).json()
    assert (body["first_month"], body["last_month"]) == ("2022-04", "2022-06")
    assert [p["number"] for p in body["priorities"]] == list(range(1, 10))
    asb = body["priorities"][7]["measures"][0]
    assert asb["title"] == "Anti-social behaviour incidents" and asb["rag"] == "green"
    assert asb["comparisons"][0]["verdict"] == "significant decrease"
    assert asb["comparisons"][0]["p_value"] < 0.05


def test_an_area_trend_equals_the_csv(client, loaded_store):
    body = client.get(
        "/api/areas/E01012736/trend", {"from": "2022-06", "to": "2022-07", "crime_type": "violent-crime"}
    ).json()
    for point in body["points"]:
        rows = csv_rows(STREET_DIR / f"{point['month']}-lancashire-street.csv.gz")
        assert point["count"] == sum(
            1 for r in rows if r["LSOA code"] == "E01012736" and r["Crime type"] == "Violence and sexual offences"
        )
    assert body["crime_type"] == "Violence and sexual offences"


def test_area_harm_is_count_times_weight(client, loaded_store):
    body = client.get("/api/areas/E22000151/harm", {"from": "2022-07", "to": "2022-07"}).json()
    weights = {
        r["crime_type"]: float(r["cchi_days"])
        for r in csv_rows(DATA / "harm_weights" / "cchi_weights_by_policeuk_category_lancs_leics.csv")
        if r["force"] == "Lancashire"
    }
    for row in body["rows"]:
        if row["crime_type"] == "Anti-social behaviour":
            assert row["harm"] is None
        else:
            assert row["harm"] == pytest.approx(row["count"] * weights[row["crime_type"]])
    assert body["total_harm"] == pytest.approx(sum(r["harm"] or 0 for r in body["rows"]))


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/api/areas/E22999999/trend", 404, "no area with code"),
        ("/api/areas/E22000151/trend?from=2022-13", 400, "not a month"),
        ("/api/areas/E22000151/trend?crime_type=jaywalking", 400, "unknown crime type"),
        ("/api/performance/priorities?period=2022Q7", 400, "use YYYYQn"),
    ],
)
def test_bad_requests_are_explained(client, loaded_store, plan, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert message in response.json()["detail"]

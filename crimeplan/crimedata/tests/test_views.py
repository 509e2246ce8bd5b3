"""The Data page, a run's rejected rows and the crime map, through the test client."""

import pytest
from django.urls import reverse

from crimeplan.analytics.tests.data import STREET_FILES, csv_rows, raw_text
from crimeplan.audit.models import AuditEvent
from crimeplan.crimedata.models import ImportRun
from crimeplan.crimedata.services import import_police

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["crimedata:imports", "crimedata:map", "crimedata:map_geojson"])
def test_staff_pages_need_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.slow  # imports every shipped month through the page's command
def test_the_data_page_lists_each_month_with_its_reconciliation(staff_client, geo_store):
    import_police(STREET_FILES)
    page = staff_client.get(reverse("crimedata:imports")).content.decode()
    for path in STREET_FILES:
        assert path.name in page
        assert f"{len(csv_rows(path)):,}" in page
    total = sum(len(csv_rows(p)) for p in STREET_FILES)
    assert f"{total:,}" in page


@pytest.fixture
def run_with_rejections(geo_store, tmp_path):
    lines = raw_text(STREET_FILES[0]).split("\r\n")
    for number in range(2, 160):
        fields = lines[number].split(",")
        fields[4], fields[5] = "100.0", "100.0"
        lines[number] = ",".join(fields)
    path = tmp_path / STREET_FILES[0].name.removesuffix(".gz")
    path.write_text("\r\n".join(lines), encoding="utf-8")
    return import_police([path]).runs[0]


def test_a_run_lists_its_rejected_rows_with_reasons_page_by_page(staff_client, run_with_rejections):
    url = reverse("crimedata:run", args=[run_with_rejections.pk])
    page = staff_client.get(url).content.decode()
    assert run_with_rejections.rows_rejected == 158
    assert "coordinates" in page and "Page 1 of 2" in page
    assert "longitude,latitude 100.0,100.0 is not blank and not a point in the UK" in page
    second = staff_client.get(url, {"page": 2, "rule": "coordinates"}).content.decode()
    assert "Page 2 of 2" in second


def test_rejected_rows_download_as_csv_and_the_export_is_audited(staff_client, run_with_rejections):
    response = staff_client.get(reverse("crimedata:run_csv", args=[run_with_rejections.pk]))
    lines = response.content.decode().splitlines()
    assert lines[0] == "file,line,rule,value,message"
    assert len(lines) == 159
    assert lines[1].startswith(f"{run_with_rejections.file_name},3,coordinates,")
    assert AuditEvent.objects.filter(event="data_exported", object_id=str(run_with_rejections.pk)).exists()


def test_the_map_page_has_a_table_of_the_busiest_lsoas(staff_client, loaded_store):
    response = staff_client.get(
        reverse("crimedata:map"), {"force": "lancashire", "from_month": "2022-07", "to_month": "2022-07"}
    )
    page = response.content.decode()
    hand = {}
    for row in csv_rows(STREET_FILES[-1]):
        if row["LSOA code"]:
            hand[row["LSOA code"]] = hand.get(row["LSOA code"], 0) + 1
    busiest = max(hand, key=hand.get)
    assert busiest in page and f"{hand[busiest]:,}" in page
    assert 'id="map"' in page


def test_the_map_data_counts_every_lsoa_of_the_force(staff_client, loaded_store):
    response = staff_client.get(
        reverse("crimedata:map_geojson"),
        {"force": "lancashire", "from_month": "2022-07", "to_month": "2022-07", "crime_type": "burglary"},
    )
    data = response.json()
    rows = [r for r in csv_rows(STREET_FILES[-1]) if r["Crime type"] == "Burglary"]
    assert len(data["features"]) == 941
    assert data["properties"]["records"] == len(rows)
    assert data["properties"]["mapped"] == sum(
        1
        for r in rows
        if r["LSOA code"].startswith("E01") and r["LSOA code"] in {f["properties"]["code"] for f in data["features"]}
    )
    assert all(f["properties"]["rate_per_1000"] is not None for f in data["features"])


def test_bad_map_filters_get_messages_not_errors(staff_client, loaded_store):
    response = staff_client.get(
        reverse("crimedata:map"), {"force": "lancashire", "from_month": "2022-07", "to_month": "2021-08"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "The last month must be the same as or after the first" in response.content.decode()
    data = staff_client.get(reverse("crimedata:map_geojson"), {"force": "nowhere"})
    assert data.status_code == 400 and "detail" in data.json()


def test_no_data_yet_is_said_plainly(staff_client, store):
    assert "No street-level crime is loaded yet" in staff_client.get(reverse("crimedata:map")).content.decode()
    assert "Nothing is loaded yet" in staff_client.get(reverse("crimedata:imports")).content.decode()
    assert ImportRun.objects.count() == 0


def test_the_staff_map_has_council_outlines_a_legend_with_its_unit_and_a_table_that_adds_up(staff_client, loaded_store):
    from crimeplan.core.downloads import read_table

    query = {"force": "lancashire", "from_month": "2022-07", "to_month": "2022-07", "crime_type": "burglary"}
    page = staff_client.get(reverse("crimedata:map"), query).content.decode()
    assert f'data-outlines="{reverse("performance:area_outlines", args=["lancashire"])}"' in page
    assert 'id="map-legend-unit"' in page and "Unit: police-recorded crimes" in page
    assert "csv=map-figures" in page
    table = read_table(page, "map-figures")
    assert table.rows[0] == ["LSOA", "Ward", "Council", "Records", "Per 1,000 residents"]
    body = [r for r in table.rows[1:] if r[0] != "Total"]
    (total,) = [r for r in table.rows[1:] if r[0] == "Total"]
    burglaries = [r for r in csv_rows(STREET_FILES[-1]) if r["Crime type"] == "Burglary"]
    assert body[-1][0] == "No place recorded"
    assert sum(int(r[3].replace(",", "")) for r in body) == int(total[3].replace(",", "")) == len(burglaries)
    assert any(r[1] and r[2] for r in body[:-1])  # LSOAs carry their ward and council
    download = staff_client.get(reverse("crimedata:map"), {**query, "csv": "map-figures"})
    assert download.status_code == 200 and "No place recorded" in download.content.decode()

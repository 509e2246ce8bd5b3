"""The dashboard, priority, area and crime-type pages, and figure entry, through the test client."""

import pytest
from django.urls import reverse

from crimeplan.analytics.tests.data import STREET_DIR, csv_rows
from crimeplan.audit.models import AuditEvent
from crimeplan.performance.models import MeasureFigure

pytestmark = pytest.mark.django_db


def count(months, crime_type, csp_lsoas=None):
    return sum(
        1
        for m in months
        for r in csv_rows(STREET_DIR / f"{m}-lancashire-street.csv.gz")
        if r["Crime type"] == crime_type and (csp_lsoas is None or r["LSOA code"] in csp_lsoas)
    )


def test_the_home_page_is_the_dashboard_with_real_figures(client, loaded_store, plan):
    page = client.get("/").content.decode()
    asb = count(["2022-04", "2022-05", "2022-06"], "Anti-social behaviour")
    assert "Is the plan working?" in page and "April to June 2022" in page
    assert f"{asb:,} records" in page
    assert page.count('data-testid="priority-card"') == 9
    assert "Better: significant change" in page  # anti-social behaviour fell significantly


def test_an_earlier_quarter_can_be_chosen(client, loaded_store, plan):
    page = client.get("/", {"period": "2021Q4"}).content.decode()
    assert "October to December 2021" in page
    assert client.get("/", {"period": "2021Q9"}).status_code == 400


def test_labels_say_noise_for_noise_and_significant_for_a_real_change(client, loaded_store):
    """Burglary, April to June 2022 against 2021: up across Lancashire; in Burnley the change is noise."""
    page = client.get(reverse("performance:crime_type", args=["burglary"]), {"period": "2022Q2"}).content.decode()
    now, then = ["2022-04", "2022-05", "2022-06"], ["2021-04", "2021-05", "2021-06"]
    lancs_now, lancs_then = count(now, "Burglary"), count(then, "Burglary")
    assert lancs_now > lancs_then * 1.15
    force_row = page.split('data-testid="type-table"')[1].split("</tr>")[1]
    assert f"{lancs_now:,}" in force_row and "significant increase" in force_row
    reference = csv_rows(STREET_DIR.parent.parent / "geography" / "lancashire_lsoa11_reference.csv")
    burnley = {r["lsoa11cd"] for r in reference if r["csp19nm"] == "Burnley"}
    burnley_row = page.split(">Burnley</a>")[1].split("</tr>")[0]
    assert f">{count(now, 'Burglary', burnley):,}<" in burnley_row
    assert "within normal variation" in burnley_row


def test_a_priority_page_shows_each_measure_with_its_chart_and_table(client, loaded_store, plan):
    page = client.get(reverse("performance:priority", args=[8]), {"period": "2022Q2"}).content.decode()
    assert "Anti-social behaviour incidents" in page and "Criminal damage and arson: harm" in page
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg"') == 2
    assert "The figures in the chart" in page
    assert client.get(reverse("performance:priority", args=[42])).status_code == 404


def test_area_pages_for_a_csp_a_ward_and_the_force(client, loaded_store):
    page = client.get(reverse("performance:area", args=["E22000151"]), {"period": "2022Q2"}).content.decode()
    assert "Blackpool" in page and "Community Safety Partnership" in page
    assert 'data-testid="concentration"' in page and 'data-testid="deprivation"' in page
    assert client.get(reverse("performance:area", args=["E05011518"])).status_code == 200
    assert client.get(reverse("performance:area", args=["lancashire"])).status_code == 200
    missing = client.get(reverse("performance:area", args=["E22999999"]))
    assert missing.status_code == 404 and "no area with code" in missing.content.decode()


def test_the_area_map_data_covers_every_lsoa_of_the_area(client, loaded_store):
    data = client.get(reverse("performance:area_geojson", args=["E22000151"]), {"period": "2022Q2"}).json()
    reference = csv_rows(STREET_DIR.parent.parent / "geography" / "lancashire_lsoa11_reference.csv")
    assert len(data["features"]) == sum(1 for r in reference if r["csp19cd"] == "E22000151")


def test_entering_a_figure_needs_sign_in_and_valid_values(staff_client, loaded_store, plan, entered_measure):
    from django.test import Client

    measure = entered_measure
    url = reverse("performance:figures", args=[measure.pk])
    assert Client().get(url).status_code == 302
    page = staff_client.post(
        url, {"first_month": "2022-06", "last_month": "2022-04", "value": "12.5", "source": ""}
    ).content.decode()
    assert "There is a problem" in page
    for message in (
        "The last month must be the same as or after the first",
        "Enter a whole number",
        "Say where the figure comes from",
    ):
        assert message in page
    assert (
        staff_client.post(
            url, {"first_month": "2022-04", "last_month": "2022-06", "value": "61", "source": "STATS19"}
        ).status_code
        == 302
    )
    staff_client.post(
        url, {"first_month": "2022-04", "last_month": "2022-06", "value": "60", "source": "STATS19 revised"}
    )
    figure = MeasureFigure.objects.get(measure=measure)
    assert (figure.value, figure.source) == (60, "STATS19 revised")
    events = AuditEvent.objects.filter(event="figure_entered").order_by("id")
    assert [e.data["previous"] for e in events] == [None, "61.00"]


def test_police_data_measures_take_no_entered_figures(staff_client, plan):
    store_measure = plan.priorities.get(number=8).measures.first()
    assert staff_client.get(reverse("performance:figures", args=[store_measure.pk])).status_code == 404

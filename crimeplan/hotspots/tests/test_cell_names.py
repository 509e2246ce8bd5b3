"""Hotspot cells are named for people, by street, ward, council and LSOA; the grid id stays as a detail."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_top_cells_are_named_by_street_ward_and_lsoa(staff_client, loaded_store):
    response = staff_client.get("/hotspots/", {"force": "lancashire", "crime_type": "burglary"})
    top = response.context["top"]
    page = response.content.decode()
    for row in top:
        assert not re.match(r"^\d+m-E\d+-N\d+", row["place"])  # not a grid reference
        assert " ward, " in row["place"] and "(LSOA " in row["place"], row["place"]
        assert row["cell_id"] in page  # kept, as a secondary detail
    named = [c.split("<")[0] for c in page.split('data-testid="cell-place">')[1:]]
    assert named == [r["place"].replace("&", "&amp;").replace("'", "&#x27;") for r in top]
    with_street = [r for r in top if r["place"].count(", ") >= 2]  # "street, ward, council (LSOA ...)"
    assert len(with_street) > 10

"""Finding a place: by name, by postcode once ONS's lookup is loaded, or by the browser's location."""

import html
import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from crimeplan.analytics.readers.postcodes import normalise_postcode, read_postcodes
from crimeplan.analytics.tests.data import STREET_DIR, csv_rows
from crimeplan.geography.models import Postcode

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).parent / "data" / "onspd_example.csv"
REFERENCE = STREET_DIR.parent.parent / "geography" / "lsoa11_ward19_lad19_lookup_lancashire.csv"


def results(client, query):
    body = client.get("/search/", {"q": query}).content.decode()
    found = body.split('data-testid="results"')[1].split("</ul>")[0] if 'data-testid="results"' in body else ""
    return body, [(href, html.unescape(text)) for href, text in re.findall(r'href="([^"]+)">([^<]+)</a>', found)]


def test_searching_preston_finds_the_council_first(client, places_db):
    _, found = results(client, "Preston")
    assert found[0] == ("/areas/E07000123/", "Preston")
    assert ("/areas/E22000158/", "Preston (Lancashire)") in found


def test_wards_that_share_a_name_are_told_apart_by_their_council(client, places_db):
    parks = {r["LAD19NM"] for r in csv_rows(REFERENCE) if r["WD19NM"] == "Park"}
    _, found = results(client, "park")
    exact = [text for _, text in found if text.startswith("Park (")]
    assert sorted(exact) == sorted(f"Park ({council})" for council in parks) and len(parks) == 3


def test_without_a_postcode_lookup_the_page_says_so_and_offers_the_location(client, places_db):
    body, _ = results(client, "PR1 6XA")
    assert 'data-testid="no-postcodes"' in body and "Use my location" in body
    assert "Postcode search is not available" in body


def test_a_postcode_lookup_loads_reconciled_and_finds_the_lsoa(client, places_db, capsys):
    call_command("geography", "load", str(EXAMPLE))
    out = capsys.readouterr().out
    assert "7 rows read = 3 postcodes stored + 4 rejected" in out
    for rule, line in (("lsoa-not-loaded", 5), ("postcode-format", 6), ("lsoa-missing", 7), ("postcode-repeated", 8)):
        assert re.search(rf"{line} │ {rule}", out), rule
    assert Postcode.objects.get(postcode="PR1 6XB").terminated
    body, _ = results(client, "pr16xa")
    assert 'href="/areas/E01025244/">Preston 015A</a> (Deepdale ward, Preston)' in body
    assert 'data-testid="no-postcodes"' not in body


def test_a_postcode_file_that_stores_nothing_is_refused(places_db, tmp_path):
    lines = EXAMPLE.read_text().splitlines()
    refused = tmp_path / "nspl_other_force.csv"
    refused.write_text("\n".join([lines[0], lines[4]]) + "\n")
    with pytest.raises(CommandError, match=r"no postcode stored .*lsoa-not-loaded: 1"):
        call_command("geography", "load", str(refused))
    assert not Postcode.objects.exists()


def test_the_reader_counts_every_row():
    found = read_postcodes(EXAMPLE, {"E01025244", "E01025245", "E01024859"})
    assert found.read == found.stored + found.rejected_count == 7
    assert [(r.line, r.rule) for r in found.rejected] == [
        (5, "lsoa-not-loaded"),
        (6, "postcode-format"),
        (7, "lsoa-missing"),
        (8, "postcode-repeated"),
    ]
    assert normalise_postcode(" pr1   6xa ") == "PR1 6XA" and normalise_postcode("PR1") is None


def test_my_location_opens_the_lsoa_that_holds_it(client, places_db, loaded_template):
    import polars as pl
    import shapely

    boundaries = pl.read_parquet(loaded_template / "reference" / "lsoa_boundaries.parquet")
    row = boundaries.filter(pl.col("lsoa_code") == "E01025244").row(0, named=True)
    inside = shapely.point_on_surface(shapely.from_wkb(row["geometry"]))
    response = client.get("/search/my-location/", {"lat": inside.y, "lon": inside.x})
    assert response.status_code == 302 and response["Location"] == "/areas/E01025244/"
    far = client.get("/search/my-location/", {"lat": "51.5", "lon": "-0.12"}).content.decode()
    assert "outside the areas crimeplan holds" in far
    assert "did not give a location" in client.get("/search/my-location/", {"lat": "x"}).content.decode()


def test_a_short_or_unknown_query_says_what_to_do(client, places_db):
    body, found = results(client, "Qwertyville")
    assert not found and "No place name contains" in body
    assert client.get("/search/").status_code == 200

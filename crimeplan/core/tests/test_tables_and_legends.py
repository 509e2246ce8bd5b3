"""One CSV mechanism for every page table, and map legends built from the data's distinct values."""

import itertools
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from crimeplan.core.downloads import read_table, table_csv
from crimeplan.core.maps import COLOURS, legend_bands

PAGE = """<main><table id="other"><tr><td>not me</td></tr></table>
<table class="govuk-table" id="wards" data-provenance="Example source">
  <caption class="govuk-table__caption">Records by
     ward</caption>
  <thead><tr><th scope="col">Ward</th><th>Records <span data-csv-skip>(sorted)</span></th></tr></thead>
  <tbody><tr><th scope="row"><a href="/areas/E05/">Park</a> (Fylde)</th><td>1,204</td></tr>
  <tr><th>Fishwick &amp; Frenchwood</th><td>  7 </td></tr></tbody>
</table></main>"""


def test_a_table_is_read_back_as_the_page_shows_it():
    table = read_table(PAGE, "wards")
    assert table.caption == "Records by ward"
    assert table.rows == [["Ward", "Records"], ["Park (Fylde)", "1,204"], ["Fishwick & Frenchwood", "7"]]
    assert read_table(PAGE, "missing") is None


def test_the_csv_starts_with_a_provenance_line():
    text = table_csv(read_table(PAGE, "wards"), address="http://x/areas/", when=datetime(2026, 7, 20, 9, 5, tzinfo=UTC))
    lines = text.splitlines()
    assert lines[0] == '"# Records by ward. Example source. From http://x/areas/, downloaded 20 July 2026 09:05 UTC."'
    assert lines[1:] == ["Ward,Records", 'Park (Fylde),"1,204"', "Fishwick & Frenchwood,7"]


def test_the_legend_in_the_issue_has_no_empty_or_inverted_band():
    """Five LSOAs 16, 40, 48, 48, 52 once gave "0–16, 17–40, 41–48, 49–48, 49–52"."""
    bands = legend_bands([16, 40, 48, 48, 52])
    assert [b.label for b in bands] == ["16", "17 to 40", "41 to 48", "49 to 52"]  # four values, four classes


def test_many_values_make_five_classes_that_each_hold_a_value():
    values = list(range(0, 300, 7))
    bands = legend_bands(values)
    assert len(bands) == len(COLOURS) and bands[0].low == 0 and bands[-1].high == max(values)


@given(st.lists(st.integers(min_value=0, max_value=5000), max_size=200))
def test_bands_are_never_empty_inverted_or_overlapping(values):
    bands = legend_bands(values)
    assert len(bands) <= min(len(set(values)), len(COLOURS))
    for band in bands:
        assert band.low <= band.high
        assert any(band.low <= v <= band.high for v in values)
    for before, after in itertools.pairwise(bands):
        assert after.low == before.high + 1
    assert all(any(b.low <= v <= b.high for b in bands) for v in values)


def test_the_tile_host_is_allowed_by_the_content_security_policy():
    from crimeplan.settings import CONTENT_SECURITY_POLICY, MAP_TILES, _tile_sources

    assert _tile_sources("https://tile.openstreetmap.org/{z}/{x}/{y}.png") == ["https://tile.openstreetmap.org"]
    assert _tile_sources("https://{s}.tiles.example.org/{z}/{x}/{y}.png") == ["https://*.tiles.example.org"]
    assert _tile_sources("") == []
    assert all(source in CONTENT_SECURITY_POLICY["img-src"] for source in _tile_sources(MAP_TILES))

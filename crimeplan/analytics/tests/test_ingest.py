"""The whole pipeline on real months: counts reconcile, re-runs never duplicate."""

import shutil

import polars as pl
import pytest

from crimeplan.analytics.ingest import FileResult, ingest
from crimeplan.analytics.store import Store
from crimeplan.analytics.tests.data import SEARCH_FILE, STREET_DIR, STREET_FILES, csv_rows, raw_text


def _results(items):
    return [r for r in items if isinstance(r, FileResult)]


@pytest.mark.slow  # imports every shipped month
def test_each_file_reconciles_and_the_store_holds_every_row(geo_lib_store):
    results = _results(ingest([STREET_DIR, SEARCH_FILE], geo_lib_store))
    assert len(results) == len(STREET_FILES) + 1
    for result in results:
        assert result.status == "stored"
        assert result.reconciles
    hand = {p.name[:7]: len(csv_rows(p)) for p in STREET_FILES}
    stored = dict(geo_lib_store.query("SELECT month, count(*) FROM street GROUP BY 1").rows)
    assert stored == hand


def test_one_lsoa_month_equals_a_hand_count(loaded_lib_store):
    path = STREET_FILES[-1]
    hand = sum(1 for r in csv_rows(path) if r["LSOA code"] == "E01012736")
    sql = "SELECT count(*) FROM street WHERE month = '2022-07' AND lsoa_code = 'E01012736'"
    assert loaded_lib_store.query(sql).rows == [(hand,)]
    csp = loaded_lib_store.query("SELECT count(*) FROM street WHERE month = '2022-07' AND csp_code = 'E22000151'").rows[
        0
    ][0]
    blackpool = {
        r["lsoa11cd"]
        for r in csv_rows(STREET_DIR.parent.parent / "geography" / "lancashire_lsoa11_reference.csv")
        if r["csp19cd"] == "E22000151"
    }
    assert csp == sum(1 for r in csv_rows(path) if r["LSOA code"] in blackpool)


def test_running_twice_leaves_the_store_unchanged(geo_lib_store):
    ingest([STREET_FILES[0]], geo_lib_store)
    before = geo_lib_store.query("SELECT count(*) FROM street").rows
    again = _results(ingest([STREET_FILES[0]], geo_lib_store))
    assert [r.status for r in again] == ["unchanged"]
    assert again[0].rows_read == again[0].rows_stored + again[0].rows_rejected
    forced = _results(ingest([STREET_FILES[0]], geo_lib_store, reimport=True))
    assert [r.status for r in forced] == ["stored"]
    assert geo_lib_store.query("SELECT count(*) FROM street").rows == before


def test_a_changed_file_replaces_its_month_and_only_that_month(geo_lib_store, tmp_path):
    ingest(STREET_FILES[:2], geo_lib_store)
    edited = tmp_path / STREET_FILES[0].name.removesuffix(".gz")
    lines = raw_text(STREET_FILES[0]).rstrip("\r\n").split("\n")
    edited.write_text("\n".join(lines[:-100]) + "\n", encoding="utf-8")
    (result,) = _results(ingest([edited], geo_lib_store))
    assert result.status == "stored" and result.rows_stored == len(lines) - 101
    counts = dict(geo_lib_store.query("SELECT month, count(*) FROM street GROUP BY 1").rows)
    assert counts == {
        STREET_FILES[0].name[:7]: len(lines) - 101,
        STREET_FILES[1].name[:7]: len(csv_rows(STREET_FILES[1])),
    }


def test_an_unreadable_file_fails_and_keeps_what_was_stored(geo_lib_store, tmp_path):
    ingest([STREET_FILES[0]], geo_lib_store)
    broken = tmp_path / STREET_FILES[0].name
    broken.write_bytes(STREET_FILES[0].read_bytes()[:5000])
    (result,) = _results(ingest([broken], geo_lib_store))
    assert result.status == "failed" and "gzip data is damaged" in result.error
    assert geo_lib_store.query("SELECT count(*) FROM street").rows == [(len(csv_rows(STREET_FILES[0])),)]


def test_unattributed_rows_are_counted_by_reason(loaded_lib_store):
    reasons = dict(
        loaded_lib_store.query("SELECT attribution, count(*) FROM street WHERE csp_code IS NULL GROUP BY 1").rows
    )
    no_location = sum(1 for p in STREET_FILES for r in csv_rows(p) if not r["Longitude"] and not r["LSOA code"])
    assert reasons["no_location"] == no_location
    assert set(reasons) <= {"no_location", "outside_geography"}


def test_files_of_several_forces_and_kinds_in_one_run(geo_lib_store, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(STREET_FILES[0], folder)
    shutil.copy(SEARCH_FILE, folder)
    text = raw_text(STREET_FILES[1]).replace("Lancashire Constabulary", "Cumbria Constabulary")
    (folder / STREET_FILES[1].name.replace("lancashire", "cumbria").removesuffix(".gz")).write_text(
        text, encoding="utf-8"
    )
    results = _results(ingest([folder], geo_lib_store))
    assert {(r.kind, r.force) for r in results} == {
        ("street", "lancashire"),
        ("street", "cumbria"),
        ("stop-and-search", "lancashire"),
    }
    assert all(r.reconciles and not r.rows_rejected for r in results)
    forces = dict(geo_lib_store.query("SELECT force, count(*) FROM street GROUP BY 1").rows)
    assert forces["cumbria"] == len(csv_rows(STREET_FILES[1]))
    assert (
        pl.DataFrame(geo_lib_store.query("SELECT lsoa_code FROM stop_search WHERE attribution = 'point'").rows).height
        > 0
    )


def test_a_large_file_is_validated_in_pieces_with_the_same_outcome(geo_lib_store, tmp_path, monkeypatch):
    from crimeplan.analytics.readers import large

    lines = raw_text(STREET_FILES[0]).rstrip("\r\n").split("\r\n")
    lines[7] = lines[7].rsplit(",", 1)[0]  # a field short
    lines[-3] = lines[-3].replace(lines[-3].split(",")[1], "2001-01", 1)  # another month
    path = tmp_path / STREET_FILES[0].name.removesuffix(".gz")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    (whole,) = _results(ingest([path], Store(tmp_path / "whole")))
    monkeypatch.setattr(large, "LARGE_BYTES", 1000)
    monkeypatch.setattr(large, "PIECE_BYTES", 200_000)
    monkeypatch.setattr("crimeplan.analytics.ingest.LARGE_BYTES", 1000)
    assert len(large.pieces(path.read_bytes(), 0)) > 5
    (pieces,) = _results(ingest([path], geo_lib_store))
    assert pieces.rejected_by_rule == {"column_count": 1, "month_matches_file": 1}
    for field in ("rows_read", "rows_stored", "rows_rejected", "rejected_by_rule", "rows_duplicate"):
        assert getattr(pieces, field) == getattr(whole, field), field
    assert pieces.rejects.select("line", "rule").rows() == [(8, "column_count"), (len(lines) - 2, "month_matches_file")]
    expected = [n for n in range(2, len(lines) + 1) if n not in (8, len(lines) - 2)]
    stored = geo_lib_store.query("SELECT count(DISTINCT source_line), sum(source_line), max(source_line) FROM street")
    assert stored.rows == [(len(expected), sum(expected), max(expected))]

"""The STATS19 reader and import on the real West Yorkshire 2024 tables and older-format files."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import numpy as np
import polars as pl
import pytest

from crimeplan.analytics import road_safety, road_sites
from crimeplan.analytics.readers.stats19 import force_slugs, normalise_column, read_file, rename
from crimeplan.analytics.stats19_ingest import Areas, Stats19Result, ingest_stats19
from crimeplan.analytics.store import Store
from crimeplan.analytics.tests.data import DATA, SHARED

STATS19 = DATA / "stats19"
WY = {
    t: STATS19 / f"dft-road-casualty-statistics-{t}-2024-west-yorkshire.csv.gz"
    for t in ("collision", "casualty", "vehicle")
}
PEDAL = STATS19 / "west_yorkshire_pedal_cycle_collisions_2005_2012.csv.gz"


def rows(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def areas() -> Areas:
    lsoas = pl.read_csv(STATS19 / "west_yorkshire_lsoa11_areas.csv", infer_schema=False)
    lad = pl.read_csv(DATA / "geography" / "lad19_csp19_pfa19_lookup_EW.csv", infer_schema=False)
    return Areas.build([lsoas], lad.select(pl.col("LAD19CD").alias("lad_code"), pl.col("CSP19CD").alias("csp_code")))


@pytest.fixture(scope="module")
def wy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, list[Stats19Result]]:
    store = Store(tmp_path_factory.mktemp("stats19"))
    return store, ingest_stats19(list(WY.values()), store, areas())


@pytest.mark.slow  # imports a year of West Yorkshire's three STATS19 tables: about 20 s
def test_the_three_tables_reconcile_and_join_completely(wy):
    store, results = wy
    counts = {r.table: (r.rows_read, r.rows_stored, r.rows_rejected) for r in results}
    assert counts == {"collisions": (4060, 4060, 0), "casualties": (5240, 5240, 0), "vehicles": (7355, 7355, 0)}
    assert [len(rows(p)) for p in WY.values()] == [4060, 5240, 7355]
    assert store.query("SELECT count(*) FROM casualties").rows == [(5240,)]
    assert store.query("SELECT DISTINCT force, year FROM vehicles").rows == [("west-yorkshire", 2024)]
    by_lad = dict(store.query("SELECT lad_code, count(*) FROM collisions GROUP BY 1").rows)
    lookup = dict(zip(areas().lsoas["lsoa_code"], areas().lsoas["lad_code"], strict=True))
    leeds = [
        lookup.get(r["lsoa_of_accident_location"], r["local_authority_ons_district"]) for r in rows(WY["collision"])
    ]
    assert by_lad["E08000035"] == leeds.count("E08000035")
    attributed = dict(store.query("SELECT attribution, count(*) FROM collisions GROUP BY 1").rows)
    expected_lsoa = sum(
        1 for r in rows(WY["collision"]) if r["lsoa_of_accident_location"] in set(areas().lsoas["lsoa_code"])
    )
    assert attributed["lsoa"] == expected_lsoa and sum(attributed.values()) == 4060


def test_a_second_run_changes_nothing(wy):
    store, _ = wy
    before = {
        p.path: p.path.stat().st_mtime_ns
        for t in ("collisions", "casualties", "vehicles")
        for p in store.year_partitions(t)
    }
    again = ingest_stats19(list(WY.values()), store, areas())
    assert {r.status for r in again} == {"unchanged"}
    assert all(r.rows_read == r.rows_stored + r.rows_rejected for r in again)
    after = {
        p.path: p.path.stat().st_mtime_ns
        for t in ("collisions", "casualties", "vehicles")
        for p in store.year_partitions(t)
    }
    assert before == after


def test_adjusted_ksi_equals_an_independent_count_from_the_casualty_table(wy):
    store, _ = wy
    summary = next(s for s in road_safety.summaries(store, "west-yorkshire") if s.year == 2024)
    casualties = rows(WY["casualty"])
    fatal = sum(1 for r in casualties if r["casualty_severity"] == "1")
    adjusted = fatal + sum(
        float(r["casualty_adjusted_severity_serious"]) for r in casualties if r["casualty_severity"] != "1"
    )
    assert summary.ksi_adjusted == pytest.approx(adjusted)
    assert (summary.collisions, summary.casualties, summary.fatal, summary.serious) == (4060, 5240, 40, 1278)
    assert summary.ksi == 40 + 1278


def test_adjusted_ksi_uses_fractional_weights():
    factor = pl.col("casualty_adjusted_severity_serious").cast(pl.Float64)
    frame = pl.read_csv(WY["casualty"], infer_schema=False).select(
        pl.col("casualty_severity").cast(pl.Int32),
        pl.when(pl.col("casualty_severity") == "3").then(0.125).otherwise(factor).alias(factor.meta.output_name()),
    )
    casualties = rows(WY["casualty"])
    slight = sum(1 for r in casualties if r["casualty_severity"] == "3")
    serious = sum(1 for r in casualties if r["casualty_severity"] == "2")
    fatal = sum(1 for r in casualties if r["casualty_severity"] == "1")
    assert road_safety.adjusted_ksi(frame) == pytest.approx(fatal + serious * 1.0 + slight * 0.125)


def test_older_column_names_import_without_edits(tmp_path):
    assert rename(["Accident_Index", "Accident_Severity", "1st_Road_Class", "Local_Authority_(District)"])[0] == [
        "collision_index", "collision_severity", "first_road_class", "local_authority_district"
    ]  # fmt: skip
    assert normalise_column("Engine_Capacity_(CC)") == "engine_capacity_cc"
    store = Store(tmp_path)
    [result] = ingest_stats19([PEDAL], store, areas())
    assert result.table == "collisions" and result.unknown_columns == []
    assert result.rows_read == len(rows(PEDAL)) == result.rows_stored + result.rows_rejected
    years = dict(store.query("SELECT year, count(*) FROM collisions WHERE force = 'west-yorkshire' GROUP BY 1").rows)
    expected: dict[int, int] = {}
    for row in rows(PEDAL):
        if row["police_force"] == "13":
            expected[int(row["accident_year"])] = expected.get(int(row["accident_year"]), 0) + 1
    assert years == expected and sum(expected.values()) == 4100  # the one South Yorkshire row goes to its own force
    assert store.query("SELECT count(*) FROM collisions WHERE force = 'south-yorkshire'").rows == [(1,)]


def test_unknown_columns_are_reported_not_fatal_and_broken_rows_are_kept(tmp_path):
    source = rows(WY["collision"])[:30]
    source[3]["date"] = "31/02/2024"
    source[4]["collision_severity"] = "7"
    path = tmp_path / "dft-road-casualty-statistics-collision-2024.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, [*source[0], "Extra_Column"])
        writer.writeheader()
        writer.writerows({**r, "Extra_Column": "x"} for r in source)
    [result] = ingest_stats19([path], Store(tmp_path / "store"), areas())
    assert result.unknown_columns == ["Extra_Column"]
    assert (result.rows_read, result.rows_stored, result.rows_rejected) == (30, 28, 2)
    assert result.rejects.select("line", "rule").rows() == [(5, "date"), (6, "code_known")]


def test_a_casualty_without_its_collision_is_rejected(tmp_path):
    [result] = ingest_stats19([WY["casualty"]], Store(tmp_path), areas())
    assert (result.rows_stored, result.rows_rejected) == (0, 5240)
    assert result.rejected_by_rule == {"collision_missing": 5240}


@pytest.mark.skipif(not (SHARED / "stats19").exists(), reason="needs the shared data pack")
def test_labels_in_a_republished_sample_become_codes(tmp_path):
    read = read_file(SHARED / "stats19" / "gb_accidents_random_sample1000_2005_2014.csv.gz")
    assert read.labels_decoded["collision_severity"] == 1000
    assert read.frame.get_column("collision_severity").value_counts().sort("collision_severity").rows() == [
        ("1", 9), ("2", 146), ("3", 845)
    ]  # fmt: skip
    assert force_slugs()["13"] == "west-yorkshire" and force_slugs()["4"] == "lancashire"


def test_empirical_bayes_shrinks_towards_the_group_mean():
    counts = np.array([0.0, 0.0, 1.0, 5.0])
    m, k, w = road_sites.eb_weights(counts)
    variance = ((0 - 1.5) ** 2 * 2 + (1 - 1.5) ** 2 + (5 - 1.5) ** 2) / 3
    assert m == 1.5 and k == pytest.approx(1.5**2 / (variance - 1.5)) and w == pytest.approx(1.5 / variance)
    assert road_sites.eb_weights(np.array([1.0, 1.0, 1.0])) == (1.0, float("inf"), 1.0)


def test_sites_are_ranked_by_eb_and_costed(wy):
    store, _ = wy
    collisions = road_safety.frame(store, "stats19_collisions", "west-yorkshire")
    per = store.named("stats19_site_casualties", force="west-yorkshire")
    sites = road_sites.rank_sites(collisions, pl.DataFrame(per.rows, schema=per.columns, orient="row"))
    assert sum(s.collisions for s in sites) == collisions.filter(pl.col("location_easting_osgr").is_not_null()).height
    assert sum(s.fatal for s in sites) <= 40 and [s.eb_ksi for s in sites] == sorted(
        (s.eb_ksi for s in sites), reverse=True
    )
    top = sites[0]
    assert top.cost == top.fatal * 1_841_315 + top.serious * 206_912 + top.slight * 15_951
    assert min(top.ksi, top.group_mean) <= top.eb_ksi <= max(top.ksi, top.group_mean)


def test_staged_files_are_invisible_until_committed(tmp_path):
    from crimeplan.analytics.stats19_ingest import prepare_stats19
    from crimeplan.analytics.store import remove_stale_temporaries

    store = Store(tmp_path)
    ingest_stats19([WY["collision"]], store, areas())
    source = rows(WY["collision"])[:10]
    path = tmp_path / "collisions-cut.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(source[0]))
        writer.writeheader()
        writer.writerows(source)
    [pending] = prepare_stats19([path], store, areas())  # as if killed before the commit
    assert pending.staged and store.query("SELECT count(*) FROM collisions").rows == [(4060,)]
    for staged in pending.staged:
        staged.tmp.rename(staged.tmp.with_name(".data.parquet.999999999-dead.tmp"))  # its writer is gone
    assert remove_stale_temporaries(store.root) == 1
    assert store.query("SELECT count(*) FROM collisions").rows == [(4060,)]

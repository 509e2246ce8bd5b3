"""Benchmark: validated police.uk ingest against pandas and a bare Polars scan, in one run.

Inputs are real data.police.uk months from the shared data pack: every Lancashire and
Leicestershire street-level file (61 months, 787,196 rows). A second, 5-million-row case
replicates those same files under shifted month labels (for scale only; the rows are real,
the months they are filed under are not).

For each case it times, on the same files:

* crimeplan: ``crimeplan import police`` as the command runs it (read, validate every row
  against the rule registry, attribute to ward/LAD/CSP, write Parquet partitions, record
  each file's reconciliation and rejected rows in SQLite);
* pandas: ``read_csv`` + the same checks and the same LSOA join + ``to_parquet`` per file,
  and, for reference, bare ``read_csv`` + ``to_parquet``;
* the floor: a Polars lazy scan of the same files aggregated by crime type.

Run with ``make bench``.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pandas as pd
import polars as pl
from isal import igzip
from rich.console import Console
from rich.table import Table

from bench._common import ROOT, django_in, geography_files, scratch, shared_or_exit, timed
from crimeplan.analytics.readers.policeuk import decompress
from crimeplan.analytics.readers.rules import UK_BOUNDS
from crimeplan.analytics.vocabulary import CRIME_TYPES, OUTCOME_CATEGORIES

FORCE_NAMES = {"lancashire": "Lancashire Constabulary", "leicestershire": "Leicestershire Police"}
SHIFT_YEARS = (3, 6, 9, 12, 15, 18)
CASES = 5  # rows of the report per input case


def police_files(shared: Path) -> list[Path]:
    return sorted((shared / "crime").glob("*/*.csv.gz"))


def load_geography(shared: Path) -> None:
    from crimeplan.geography.services import load_geography as load

    load(geography_files(shared, "boundaries/lancashire_lsoa11.geojson"))


def crimeplan_import(paths: list[Path]) -> int:
    from crimeplan.crimedata.services import import_police

    summary = import_police(paths, reimport=True)
    if not summary.reconciles or summary.failed:
        raise RuntimeError(f"the import did not reconcile: {summary.failed}")
    return sum(run.rows_read for run in summary.runs)


def pandas_validated(paths: list[Path], lookup: pd.DataFrame, out: Path) -> int:
    """The same job in pandas: read, check every rule, join the LSOA lookup, write Parquet."""
    rows = 0
    known_types, known_outcomes = set(CRIME_TYPES), OUTCOME_CATEGORIES | {""}
    for i, path in enumerate(paths):
        month, force = path.name[:7], path.name[8:].rsplit("-", 1)[0]
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        lon = pd.to_numeric(df["Longitude"], errors="coerce")
        lat = pd.to_numeric(df["Latitude"], errors="coerce")
        blank = (df["Longitude"] == "") & (df["Latitude"] == "")
        ok = (
            df["Month"].str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])")
            & (df["Month"] == month)
            & (df["Falls within"] == FORCE_NAMES[force])
            & (blank | (lon.between(*UK_BOUNDS["lon"]) & lat.between(*UK_BOUNDS["lat"])))
            & ((df["LSOA code"] == "") | df["LSOA code"].str.fullmatch(r"[EW]01\d{6}"))
            & df["Crime type"].isin(known_types)
            & df["Last outcome category"].isin(known_outcomes)
        )
        good = df[ok].merge(lookup, left_on="LSOA code", right_on="lsoa_code", how="left")
        good.to_parquet(out / f"{i}.parquet")
        rows += len(df)
    return rows


def pandas_plain(paths: list[Path], out: Path) -> int:
    rows = 0
    for i, path in enumerate(paths):
        df = pd.read_csv(path)
        df.to_parquet(out / f"plain-{i}.parquet")
        rows += len(df)
    return rows


def polars_writer(paths: list[Path], out: Path) -> int:
    """Polars alone reading every column and writing one Parquet file per input, no checks."""
    frame = pl.scan_csv(paths, infer_schema=False, include_file_paths="_path")
    frame.sink_parquet(pl.PartitionBy(out / "polars", key="_path"), compression="snappy", mkdir=True)
    return sum(pq_rows(p) for p in (out / "polars").rglob("*.parquet"))


def pq_rows(path: Path) -> int:
    import pyarrow.parquet as pq

    return int(pq.read_metadata(path).num_rows)


def polars_floor(paths: list[Path]) -> int:
    counts = pl.scan_csv(paths).group_by("Crime type").len().collect()
    return int(counts.get_column("len").sum())


def shifted_copies(paths: list[Path], folder: Path) -> list[Path]:
    """The real files again under months shifted by whole years (the 5-million-row case)."""
    made = list(paths)
    for years in SHIFT_YEARS:
        for path in paths:
            year, mon = int(path.name[:4]), path.name[5:7]
            new_month = f"{year - years:04d}-{mon}"
            text = decompress(path.read_bytes())
            text = re.sub(
                rb"(^|\n)([0-9a-f]*)," + path.name[:7].encode() + b",", rb"\1\2," + new_month.encode() + b",", text
            )
            target = folder / (new_month + path.name[7:])
            target.write_bytes(igzip.compress(text, compresslevel=1))
            made.append(target)
    return made


def run_case(label: str, paths: list[Path], lookup: pd.DataFrame, repeat: int) -> list[tuple[str, int, float]]:
    out = scratch("pandas")
    try:
        seconds_cp, rows = timed(lambda: crimeplan_import(paths), repeat)
        seconds_pd, rows_pd = timed(lambda: pandas_validated(paths, lookup, out), repeat)
        seconds_plain, _ = timed(lambda: pandas_plain(paths, out), repeat)
        seconds_writer, rows_writer = timed(lambda: polars_writer(paths, out), repeat)
        seconds_floor, rows_floor = timed(lambda: polars_floor(paths), repeat)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    assert rows == rows_pd == rows_floor == rows_writer, (rows, rows_pd, rows_floor, rows_writer)
    return [
        (f"{label}: crimeplan import police (validated, attributed, recorded)", rows, seconds_cp),
        (f"{label}: pandas read_csv + same checks + join + to_parquet", rows, seconds_pd),
        (f"{label}: pandas read_csv + to_parquet (no checks)", rows, seconds_plain),
        (f"{label}: Polars scan_csv + sink_parquet per file (no checks)", rows, seconds_writer),
        (f"{label}: Polars lazy scan to aggregate (the floor)", rows, seconds_floor),
    ]


def report(console: Console, results: list[tuple[str, int, float]]) -> None:
    table = Table(title="Ingest benchmark (median of runs; rows/s = rows read / seconds)", title_justify="left")
    for column in ("case", "rows", "seconds", "rows/s", "crimeplan ÷ this"):
        table.add_column(column, justify="left" if column == "case" else "right")
    for i in range(0, len(results), CASES):
        ours = results[i][1] / results[i][2]
        for name, rows, seconds in results[i : i + CASES]:
            rate = rows / seconds
            table.add_row(name, f"{rows:,}", f"{seconds:.2f}", f"{rate:,.0f}", f"{ours / rate:.2f}×")
    console.print(table)
    for i in range(0, len(results), CASES):
        ours, pandas_v, _, writer, floor = (r[1] / r[2] for r in results[i : i + CASES])
        label = results[i][0].split(":")[0]
        console.print(
            f"{label}: crimeplan is {ours / pandas_v:.2f}× pandas (target ≥ 2), "
            f"{ours / floor:.2f}× the bare scan (target ≥ 0.5) and "
            f"{ours / writer:.2f}× Polars writing every column with no checks."
        )


def main() -> None:
    shared = shared_or_exit()
    console = Console(width=150)
    work = scratch("ingest")
    try:
        django_in(work)
        load_geography(shared)
        from crimeplan.core.store import get_store

        lsoa = get_store().read_reference("lsoa")
        assert lsoa is not None
        lookup = lsoa.select("lsoa_code", "ward_code", "lad_code", "csp_code").to_pandas()
        files = police_files(shared)
        console.print(f"{len(files)} real monthly files from {shared / 'crime'}")
        results = run_case("real months", files, lookup, repeat=3)
        big_folder = work / "shifted"
        big_folder.mkdir()
        console.print("Building the 5-million-row case from the same files under shifted months…")
        big = shifted_copies(files, big_folder)
        results += run_case(f"{len(big)} files", big, lookup, repeat=1)
        report(console, results)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()

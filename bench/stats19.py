"""Benchmark: the STATS19 import against pandas, on the same three West Yorkshire 2024 tables, in one run.

* crimeplan: ``crimeplan import stats19`` as the command runs it (read, rename, decode labels,
  validate every row with the STATS19 rule registry, join casualties and vehicles to their
  collision, attach LSOA/ward/LAD/CSP, write Parquet partitions by table/force/year, record each
  file's reconciliation in SQLite), with ``--reimport`` so every run does the whole work;
* pandas: ``read_csv`` of each table + the same code-list checks on the coded columns, the
  collision join for casualties and vehicles, the same LSOA join, and ``to_parquet`` per table.

Prints the median of three runs of each and the ratio (pandas time / crimeplan time).
Run with ``python -m bench.stats19``.
"""

from __future__ import annotations

import shutil

import pandas as pd
from rich.console import Console
from rich.table import Table

from bench._common import ROOT, django_in, scratch, timed
from crimeplan.analytics.readers.stats19 import CHECKED_CODES, codes_for

STATS19 = ROOT / "data" / "stats19"
FILES = [
    STATS19 / f"dft-road-casualty-statistics-{t}-2024-west-yorkshire.csv.gz"
    for t in ("collision", "casualty", "vehicle")
]
TABLES = ["collisions", "casualties", "vehicles"]


def crimeplan_import() -> int:
    from crimeplan.roads.services import import_stats19

    runs = import_stats19(paths=FILES, reimport=True)
    if any(r.rows_read != r.rows_stored + r.rows_rejected or r.status == "failed" for r in runs):
        raise RuntimeError("the import did not reconcile")
    return sum(r.rows_read for r in runs)


def pandas_import(out: str) -> int:
    areas = pd.read_csv(STATS19 / "west_yorkshire_lsoa11_areas.csv", dtype=str)
    read = 0
    collisions = None
    for path, table in zip(FILES, TABLES, strict=True):
        frame = pd.read_csv(path, dtype=str)
        read += len(frame)
        codes = codes_for(table)
        ok = pd.Series(True, index=frame.index)
        for column in CHECKED_CODES[table]:
            ok &= frame[column].isin(list(codes[column])) | frame[column].isna()
        if table == "collisions":
            ok &= pd.to_datetime(frame["date"], format="%d/%m/%Y", errors="coerce").notna()
            frame = frame[ok].merge(areas, left_on="lsoa_of_accident_location", right_on="lsoa_code", how="left")
            collisions = frame[["collision_index", "lsoa_code", "ward_code", "lad_code", "csp_code"]]
        else:
            assert collisions is not None
            frame = frame[ok].merge(collisions, on="collision_index", how="inner")
        frame.to_parquet(f"{out}/{table}.parquet")
    return read


def main() -> None:
    folder = scratch("stats19")
    django_in(folder)
    pandas_dir = folder / "pandas"
    pandas_dir.mkdir()
    ours, rows = timed(crimeplan_import)
    theirs, rows_pd = timed(lambda: pandas_import(str(pandas_dir)))
    table = Table(title=f"STATS19 import, West Yorkshire 2024: {rows:,} rows in three tables (median of 3)")
    for column in ("method", "seconds", "rows/s"):
        table.add_column(column, justify="right" if column != "method" else "left")
    table.add_row("crimeplan import stats19 (validated, attributed, reconciled)", f"{ours:.2f}", f"{rows / ours:,.0f}")
    table.add_row("pandas read_csv + checks + joins + to_parquet", f"{theirs:.2f}", f"{rows_pd / theirs:,.0f}")
    Console().print(table)
    print(f"ratio pandas / crimeplan: {theirs / ours:.2f}")
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Benchmark: the dashboard's and area pages' aggregates over the store, against pandas, in one run.

(a) One force, 24 months: the real Lancashire months from the shared data pack (2020-08 to 2022-07
    as held: 21 of those 24 months are published in the pack), imported with ``crimeplan import police``.
(b) A 43-force-sized store: the real Lancashire and Leicestershire months, 2019-12 to 2022-07,
    replicated under the slugs of all 43 territorial forces (each force-month holds that month's
    Lancashire rows twice and Leicestershire's once): about 60 million rows, for scale only.

Each query's median latency over repeated runs is printed beside pandas computing the same
aggregate: from the CSVs (read included) for (a), from the same Parquet files for (b).
Targets: under 50 ms per area query for one force; under 1 s for national aggregates.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pandas as pd
import polars as pl
from rich.console import Console
from rich.table import Table

from bench._common import ROOT, django_in, geography_files, scratch, shared_or_exit, timed
from crimeplan.analytics.forces import all_forces
from crimeplan.analytics.schemas import stored_columns
from crimeplan.analytics.store import Store
from crimeplan.analytics.vocabulary import Kind

LANCS_CSP = "E22000151"  # Blackpool
REPEAT = 15


def median_ms(fn: Callable[[], Any], repeat: int = REPEAT) -> float:
    fn()  # warm the file cache and the parser
    return timed(fn, repeat)[0] * 1000


def one_force_queries(store: Store) -> dict[str, Callable[[], Any]]:
    force = {"force": "lancashire", "level": "force", "code": "lancashire"}
    csp = {"force": "lancashire", "level": "csp", "code": LANCS_CSP}
    return {
        "dashboard: force × month × crime type, 24 months": lambda: store.named(
            "area_monthly_counts", **force, from_month="2020-08", to_month="2022-07"
        ),
        "area: CSP × month × crime type, 24 months": lambda: store.named(
            "area_monthly_counts", **csp, from_month="2020-08", to_month="2022-07"
        ),
        "area: CSP LSOAs × crime type, one quarter (map)": lambda: store.named(
            "area_lsoa_counts", **csp, from_month="2022-04", to_month="2022-06"
        ),
        "crime type: every CSP × month, 24 months": lambda: store.named(
            "level_monthly_counts",
            force="lancashire",
            level="csp",
            from_month="2020-08",
            to_month="2022-07",
            crime_types=["Burglary"],
        ),
    }


def pandas_one_force(files: list[Path]) -> dict[str, Callable[[], Any]]:
    frame = pd.concat([pd.read_csv(p, usecols=["Month", "Crime type", "LSOA code"]) for p in files])

    def from_csv() -> Any:
        data = pd.concat([pd.read_csv(p, usecols=["Month", "Crime type"]) for p in files])
        return data.groupby(["Month", "Crime type"]).size()

    return {
        "pandas: force × month × crime type from the 21 CSVs (read included)": from_csv,
        "pandas: the same on a DataFrame already in memory": lambda: frame.groupby(["Month", "Crime type"]).size(),
    }


def build_national(source: Store, target: Store, console: Console) -> int:
    """Replicate the real months under the 43 territorial forces' slugs."""
    stored = source.partitions(Kind.STREET)
    months = sorted({p.month for p in stored})
    parts = {(p.force, p.month): pl.read_parquet(p.path) for p in stored}
    columns = list(stored_columns(Kind.STREET))
    slugs = [s for s in all_forces() if s not in ("btp", "northern-ireland")]
    rows = 0
    for month in months:
        pieces = [
            parts[k] for k in (("lancashire", month), ("lancashire", month), ("leicestershire", month)) if k in parts
        ]
        frame = pl.concat(pieces).select(columns)
        for slug in slugs:
            target.write_partition(
                Kind.STREET, slug, month, frame, {"source": "replicated real months (benchmark only)"}
            )
            rows += frame.height
    console.print(f"Built a {len(slugs)}-force store: {rows:,} rows in {len(slugs) * len(months)} partitions")
    return rows


def national_queries(store: Store) -> dict[str, Callable[[], Any]]:
    return {
        "national: force × month, all records": lambda: store.query(
            "SELECT force, month, count(*) FROM street GROUP BY ALL", max_rows=100_000
        ),
        "national: crime type × month, 12 months": lambda: store.query(
            "SELECT crime_type, month, count(*) FROM street WHERE month BETWEEN '2021-08' AND '2022-07' GROUP BY ALL",
            max_rows=100_000,
        ),
        "area in the national store: CSP × month × crime type": lambda: store.named(
            "area_monthly_counts",
            force="lancashire",
            level="csp",
            code=LANCS_CSP,
            from_month="2020-08",
            to_month="2022-07",
        ),
    }


def pandas_national(store: Store) -> dict[str, Callable[[], Any]]:
    files = sorted(store.root.glob("kind=street/force=*/month=*/data.parquet"))

    def by_force_month() -> Any:
        frames = []
        for path in files:
            n = pd.read_parquet(path, columns=["crime_type"]).shape[0]
            frames.append((path.parent.parent.name[6:], path.parent.name[6:], n))
        return pd.DataFrame(frames, columns=["force", "month", "n"]).groupby(["force", "month"]).n.sum()

    def by_type_month() -> Any:
        frames = [
            pd.read_parquet(p, columns=["crime_type"]).assign(month=p.parent.name[6:])
            for p in files
            if "2021-08" <= p.parent.name[6:] <= "2022-07"
        ]
        return pd.concat(frames).groupby(["crime_type", "month"]).size()

    return {
        "pandas: force × month from the Parquet files": by_force_month,
        "pandas: crime type × month, 12 months, from the Parquet files": by_type_month,
    }


def report(console: Console, title: str, ours: dict[str, float], theirs: dict[str, float], target_ms: float) -> None:
    table = Table(title=title, title_justify="left")
    table.add_column("query")
    table.add_column("median ms", justify="right")
    table.add_column("target", justify="right")
    for name, ms in ours.items():
        table.add_row(name, f"{ms:,.1f}", f"< {target_ms:,.0f} ms {'met' if ms < target_ms else 'NOT met'}")
    for name, ms in theirs.items():
        table.add_row(name, f"{ms:,.1f}", "baseline")
    console.print(table)
    fastest_baseline = min(theirs.values())
    slowest = max(ours.values())
    console.print(
        f"Slowest crimeplan query {slowest:,.1f} ms; fastest pandas baseline {fastest_baseline:,.1f} ms: "
        f"ratio {fastest_baseline / slowest:,.1f}×."
    )


def main() -> None:
    shared = shared_or_exit()
    console = Console(width=150)
    work = scratch("aggregates")
    try:
        django_in(work)
        from django.core.management import call_command

        from crimeplan.core.store import get_store

        files = geography_files(shared, "population/population_mid2020_sya_by_lsoa11_EW.csv.gz")
        call_command("geography", "load", *map(str, files), verbosity=0)
        call_command("importdata", "police", str(shared / "crime"), stdout=StringIO())
        store = get_store()
        lancs = sorted(
            p for p in (shared / "crime" / "lancashire").glob("*.csv.gz") if "2020-08" <= p.name[:7] <= "2022-07"
        )
        ours = {name: median_ms(q) for name, q in one_force_queries(store).items()}
        theirs = {name: median_ms(q, repeat=3) for name, q in pandas_one_force(lancs).items()}
        report(console, f"(a) one force, {len(lancs)} months held in 2020-08..2022-07", ours, theirs, 50)
        national = Store(work / "national")
        build_national(store, national, console)
        ours = {name: median_ms(q, repeat=5) for name, q in national_queries(national).items()}
        theirs = {name: median_ms(q, repeat=1) for name, q in pandas_national(national).items()}
        report(console, "(b) 43-force-sized store", ours, theirs, 1000)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()

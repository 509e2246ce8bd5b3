"""Benchmark: the grants analytics on the real shipped Lancashire data, against pandas in the same run.

(a) CSP allocation inputs (population, deprived population, crime and harm per CSP over 12 months)
    and the formula, from the store with DuckDB, against pandas computing the same inputs from the
    shipped CSVs (read included). The two must agree exactly.
(b) "Did it work?": the LSOA × month panel for the force (22 months) from the store, against pandas
    building the same panel from the CSVs; then the matched difference-in-differences with 999
    bootstrap replicates for a ward's LSOAs (no baseline: printed as is).
"""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pandas as pd
from rich.console import Console
from rich.table import Table

from bench._common import ROOT, scratch, timed
from crimeplan.analytics import allocation, geography, impact, trends
from crimeplan.analytics.forces import get_force
from crimeplan.analytics.harm import load_weights
from crimeplan.analytics.ingest import ingest
from crimeplan.analytics.store import Store

DATA = ROOT / "data"
MONTHS = [p for p in sorted((DATA / "crime" / "lancashire").glob("*.csv.gz"))]
WEIGHTS = load_weights(DATA / "harm_weights", get_force("lancashire"))
#: Rosehill with Burnley Wood ward (Burnley): its LSOAs have comparable neighbourhoods in the force.
ROSEHILL = "E05005162"


def _store() -> Store:
    folder = scratch("grants")
    store = Store(folder / "store")
    geography.load(sorted(p for p in (DATA / "geography").iterdir() if p.suffix in (".csv", ".geojson")), store)
    ingest([DATA / "crime" / "lancashire"], store)
    return store


def _reference() -> pd.DataFrame:
    ref = pd.read_csv(DATA / "geography" / "lancashire_lsoa11_reference.csv")
    people = pd.read_csv(DATA / "geography" / "population_mid2020_lsoa11_lancashire.csv")
    return ref.merge(people, left_on="lsoa11cd", right_on="lsoa11_code")[
        ["lsoa11cd", "csp19cd", "csp19nm", "imd2019_decile", "imd2019_rank", "total_population"]
    ]


def _street(files: list[Path]) -> pd.DataFrame:
    frames = []
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            frames.append(pd.read_csv(handle, usecols=["Month", "LSOA code", "Crime type"]))
    return pd.concat(frames)


def pandas_inputs(files: list[Path]) -> dict[str, tuple[int, int, int, float]]:
    ref, street = _reference(), _street(files)
    street = street[street["Crime type"] != "Anti-social behaviour"].merge(
        ref, left_on="LSOA code", right_on="lsoa11cd"
    )
    street["harm"] = street["Crime type"].map(WEIGHTS.days)
    crimes = street.groupby("csp19cd").agg(n=("harm", "size"), harm=("harm", "sum"))
    ref["deprived"] = ref["total_population"].where(ref["imd2019_decile"] <= 2, 0)
    people = ref.groupby("csp19cd").agg(population=("total_population", "sum"), deprived=("deprived", "sum"))
    both = people.join(crimes)
    return {c: (int(r.population), int(r.deprived), int(r.n), float(r.harm)) for c, r in both.iterrows()}


def pandas_panel(files: list[Path]) -> pd.DataFrame:
    ref, street = _reference(), _street(files)
    street = street[street["Crime type"] != "Anti-social behaviour"]
    street = street[street["LSOA code"].isin(ref["lsoa11cd"])]
    street["harm"] = street["Crime type"].map(WEIGHTS.days)
    return street.pivot_table(index="LSOA code", columns="Month", values="harm", aggfunc=["size", "sum"], fill_value=0)


def main() -> None:
    console = Console(width=160)
    store = _store()
    last12 = MONTHS[-12:]
    first, last = last12[0].name[:7], last12[-1].name[:7]
    ours_s, inputs = timed(
        lambda: allocation.allocate(
            allocation.inputs_from_store(store, "lancashire", first, last, WEIGHTS),
            allocation.Weights(base=1, harm=1),
            325_000,
        ),
        repeat=5,
    )
    theirs_s, expected = timed(lambda: pandas_inputs(last12), repeat=3)
    got = {
        s.area.code: (s.area.population, s.area.deprived_population, s.area.crimes, round(s.area.harm, 3))
        for s in inputs
    }
    agree = all(got[c][:3] == expected[c][:3] and abs(got[c][3] - expected[c][3]) < 1e-6 for c in expected)
    months = trends.held_months(store, "lancashire", MONTHS[0].name[:7], MONTHS[-1].name[:7])
    panel_s, panel = timed(lambda: impact.load_panel(store, "lancashire", months, WEIGHTS), repeat=3)
    pandas_panel_s, _ = timed(lambda: pandas_panel(MONTHS), repeat=1)
    served = [c for c in panel.codes if c in set(_ward_lsoas(ROSEHILL))]
    did_s, result = timed(
        lambda: impact.difference_in_differences(panel, served, ("2020-10", "2021-09"), ("2021-10", "2022-03")),
        repeat=3,
    )
    table = Table(title="Grants analytics on the shipped Lancashire data (median seconds)")
    for column in ("task", "crimeplan", "pandas", "ratio", "check"):
        table.add_column(column, justify="right" if column in ("crimeplan", "pandas", "ratio") else "left")
    table.add_row(
        "CSP allocation inputs + formula, 12 months",
        f"{ours_s:.3f}",
        f"{theirs_s:.3f}",
        f"{theirs_s / ours_s:.1f}× faster",
        "inputs agree" if agree else "INPUTS DIFFER",
    )
    table.add_row(
        f"LSOA × month panel, {len(panel.codes)} LSOAs × {len(months)} months",
        f"{panel_s:.3f}",
        f"{pandas_panel_s:.3f}",
        f"{pandas_panel_s / panel_s:.1f}× faster",
        "",
    )
    table.add_row(
        f"Matched DiD, {len(served)} LSOAs, {result.replicates} replicates × 2 measures + placebo",
        f"{did_s:.3f}",
        "–",
        "–",
        f"estimate {result.records.estimate:.2f} [{result.records.low:.2f}, {result.records.high:.2f}]"
        if result.records
        else result.refusal,
    )
    console.print(table)
    shutil.rmtree(store.root.parent, ignore_errors=True)


def _ward_lsoas(ward: str) -> list[str]:
    lookup = pd.read_csv(DATA / "geography" / "lsoa11_ward19_lad19_lookup_lancashire.csv")
    return [str(code) for code in lookup.loc[lookup["WD19CD"] == ward, "LSOA11CD"]]


if __name__ == "__main__":
    main()

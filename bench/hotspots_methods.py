"""Benchmark: fit + predict of every month-based hotspot method per force-month, against open_cp-style baselines.

Inputs: the shared data pack's Lancashire months (data.police.uk), Lancashire's LSOA boundaries and
the national IMD 2019, population and LSOA centroid files, imported by the library into a scratch
store. Scenario: all crime except anti-social behaviour, the 12 months 2021-07 to 2022-06 (about
135,000 located records) on Lancashire's 138,766 cells of 150 m, forecasting 2022-07 — the month
police.uk changed its map points.

Printed, each against the baselines measured in the same run (naive counts, retrospective and
prospective hotspotting, the open_cp-style methods):

* wall-clock and CPU seconds of fit + predict (median of 3; the learned ranking once, with the
  cell context — typed events, IMD and population — built outside the timing and reported apart);
* the ratio to naive counts' time and the target (0.5 s for the non-learned methods, 10 s for the
  learned one), judged on CPU seconds: every method runs on one thread, and on a shared, loaded
  machine wall-clock time measures the other processes as much as the method;
* hit rate at 1% of active cells (cells with a non-ASB record in any month loaded) and its ratio
  to the best baseline's.

Run with ``.venv/bin/python -m bench.hotspots_methods`` (about a minute on an idle core).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.table import Table

from bench._common import geography_files, scratch, shared_or_exit
from crimeplan.analytics import geography, metrics
from crimeplan.analytics.hotspots.data import (
    Events,
    TypedEvents,
    active_cells,
    cell_context,
    force_grid,
    load_typed_events,
)
from crimeplan.analytics.hotspots.events import month_start_days
from crimeplan.analytics.hotspots.registry import make
from crimeplan.analytics.ingest import ingest
from crimeplan.analytics.months import add_months
from crimeplan.analytics.store import Store

TEST = "2022-07"
WINDOW = [add_months(TEST, -k) for k in range(12, 0, -1)]
BASELINES = ("naive", "retrospective", "prospective")
METHODS = (*BASELINES, "kde-quartic", "resnap", "ensemble", "learned")
EXTRA = (
    "boundaries/lancashire_lsoa11.geojson",
    "imd/File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz",
    "population/population_mid2020_sya_by_lsoa11_EW.csv.gz",
    "lsoa_reference/lsoa_centroids_latlong_UK.csv.gz",
)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Median wall-clock and CPU seconds of ``repeat`` runs, and the last result."""
    walls, cpus, result = [], [], None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return sorted(walls)[len(walls) // 2], sorted(cpus)[len(cpus) // 2], result


def main() -> None:
    console = Console(width=160)
    shared = shared_or_exit()
    started = time.perf_counter()
    store = Store(scratch("hotspot-methods") / "store")
    geography.load(geography_files(shared, *EXTRA), store)
    ingest([shared / "crime" / "lancashire"], store)
    grid = force_grid(store, "lancashire")
    typed = load_typed_events(store, "lancashire", "2019-12", TEST)
    crimes = typed.of(None)
    active = active_cells(grid, crimes)
    train, test = crimes.in_months(WINDOW), crimes.in_months([TEST])
    actual = grid.counts(test.easting, test.northing)
    at = float(month_start_days([TEST])[0])
    context_s, _, context = timed(lambda: cell_context(store, grid, _before(typed)), 1)
    console.print(
        f"Store built in {time.perf_counter() - started:.0f} s. {len(train):,} training records ({WINDOW[0]} to "
        f"{WINDOW[-1]}), {grid.n_cells:,} cells, {int(active.sum()):,} active; forecasting {TEST} "
        f"({int(actual.sum()):,} records). Cell context for the learned ranking built in {context_s:.2f} s."
    )
    rows = {}
    for name in METHODS:
        predictor = make(name, grid=grid)
        if "context" in predictor.get_params():
            predictor.set_params(context=context)

        def run(p: Any = predictor) -> Any:
            return p.fit(train.X, at=at).predict()

        wall, cpu, risk = timed(run, 1 if name == "learned" else 3)
        rows[name] = (wall, cpu, metrics.score(risk[active], actual[active], 0.01).hit_rate)
    best = max(rows[b][2] for b in BASELINES)
    table = Table(title=f"fit + predict per force-month, Lancashire all crime, {TEST}", title_justify="left")
    for column in ("method", "wall s", "CPU s", "÷ naive (wall)", "target", "hit rate 1% active", "÷ best baseline"):
        table.add_column(column)
    for name, (wall, cpu, hit) in rows.items():
        limit = 10.0 if name == "learned" else 0.5
        verdict = f"< {limit:g} s {'met' if cpu < limit else 'NOT met'} (CPU)"
        ratio = f"{wall / rows['naive'][0]:.1f}"
        table.add_row(name, f"{wall:.3f}", f"{cpu:.3f}", ratio, verdict, f"{hit:.3f}", f"{hit / best:.3f}")
    console.print(table)
    console.print(f"Total {time.perf_counter() - started:.0f} s.")


def _before(typed: TypedEvents) -> TypedEvents:
    """The typed events before the forecast month (the context never holds the month forecast)."""
    e, keep = typed.events, typed.events.months < TEST
    return TypedEvents(Events(e.easting[keep], e.northing[keep], e.months[keep]), typed.crime_types[keep])


if __name__ == "__main__":
    main()

"""Benchmark: hotspot predictors, Gi* from a cold process and the Knox test, on real Lancashire months.

Inputs: the shared data pack's Lancashire street-level months (data.police.uk) and LSOA
boundaries, imported into a scratch store by the library. The grid is Lancashire's at 150 m
(138,766 cells); the training set is all crime except anti-social behaviour in the four months
2022-03 to 2022-06 (about 46,000 located records), and the month forecast is 2022-07.

It prints, each against a baseline measured in the same run:

* fit + predict per predictor (median of 5), with PAI at 5% on 2022-07, as a ratio to naive
  counts and against the 0.5 s target;
* Gi* with 999 permutations on about 20,000 cells (Lancashire at 400 m), in a fresh Python
  process with imports included, against esda's ``G_Local`` in a fresh process on the same input;
* the Knox test on 12 months of burglary with 999 permutations, against an all-pairs Knox
  (``scipy.spatial.distance.pdist``) per permutation;
* open_cp's naive, retrospective and prospective predictors where ``open_cp`` imports (it is not
  a dependency; nothing of it is copied), else a line saying the peer was not available.

Run with ``make bench``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

from bench._common import geography_files, scratch, shared_or_exit, timed
from crimeplan.analytics import geography, metrics
from crimeplan.analytics.grids import Grid
from crimeplan.analytics.hotspots.base import FloatArray, days_to_month_index, month_start_days
from crimeplan.analytics.hotspots.data import Events, force_grid, load_events
from crimeplan.analytics.hotspots.registry import METHODS, make
from crimeplan.analytics.ingest import ingest
from crimeplan.analytics.stats import knox
from crimeplan.analytics.store import Store

TRAIN = ["2022-03", "2022-04", "2022-05", "2022-06"]
TEST = "2022-07"
GI_CELL = 400.0
GI_SCRIPTS = {
    "crimeplan": (
        "import numpy as np, scipy.sparse as sp; from crimeplan.analytics.stats import gi_star; "
        "d = np.load({path!r}); A = sp.csr_array((d['data'], d['indices'], d['indptr'])); "
        "r = gi_star(d['y'], A, permutations=999, seed=0); print(r.summary['hot'])"
    ),
    "esda": (
        "import warnings; warnings.simplefilter('ignore'); import numpy as np, scipy.sparse as sp, esda; "
        "from libpysal.weights import W; d = np.load({path!r}); "
        "A = sp.csr_matrix((d['data'], d['indices'], d['indptr'])); "
        "r = esda.G_Local(d['y'], W.from_sparse(A), star=True, transform='B', permutations=999, seed=0, n_jobs=1); "
        "print(int(((r.p_sim <= 0.05) & (r.Zs > 0)).sum()))"
    ),
}


def build_store(shared: Path) -> Store:
    store = Store(scratch("hotspots") / "store")
    geography.load(geography_files(shared, "boundaries/lancashire_lsoa11.geojson"), store)
    ingest([shared / "crime" / "lancashire"], store)
    return store


def fit_predict(name: str, grid: Grid, train: Events, at: float) -> Callable[[], FloatArray]:
    return lambda: make(name, grid=grid).fit(train.X, at=at).predict()


def scenario(store: Store) -> tuple[Grid, Events, FloatArray, float]:
    """Lancashire's 150 m grid, the training events, the test month's counts per cell and its start (days)."""
    grid = force_grid(store, "lancashire")
    events = load_events(store, "lancashire", None, TRAIN[0], TEST)
    train, test = events.in_months(TRAIN), events.in_months([TEST])
    return grid, train, grid.counts(test.easting, test.northing), float(month_start_days([TEST])[0])


def predictors(console: Console, store: Store) -> None:
    grid, train, actual, at = scenario(store)
    console.print(
        f"Predictors: {len(train):,} training points ({TRAIN[0]} to {TRAIN[-1]}), {grid.n_cells:,} cells of "
        f"150 m, forecasting {TEST} ({int(actual.sum()):,} records)."
    )
    rows, base = [], None
    for name in METHODS:
        try:
            seconds, risk = timed(fit_predict(name, grid, train, at), repeat=5)
        except ValueError as exc:
            rows.append((name, "not run", "", "", "", str(exc)[:70] + "…"))
            continue
        pai = metrics.score(risk, actual, 0.05).pai
        base = base or (seconds, pai)
        limit = 10.0 if name == "learned" else 0.5  # the learned ranking: bench/hotspots_methods.py
        verdict = f"< {limit:g} s {'met' if seconds < limit else 'NOT met'}"
        rows.append((name, f"{seconds:.3f}", f"{seconds / base[0]:.2f}", f"{pai:.2f}", f"{pai / base[1]:.3f}", verdict))
    out = Table(title="fit + predict, median of 5 (target < 0.5 s)", title_justify="left")
    for column in ("method", "seconds", "÷ naive", "PAI at 5%", "÷ naive PAI", "target / note"):
        out.add_column(column)
    for row in rows:
        out.add_row(*row)
    console.print(out)


def cold_gi(console: Console, store: Store, folder: Path) -> None:
    grid = force_grid(store, "lancashire", GI_CELL)
    events = load_events(store, "lancashire", None, TRAIN[0], TRAIN[-1])
    matrix = grid.neighbours()
    path = folder / "gi_input.npz"
    np.savez(
        path,
        y=grid.counts(events.easting, events.northing),
        data=matrix.data,
        indices=matrix.indices,
        indptr=matrix.indptr,
    )
    results = {}
    for name, script in GI_SCRIPTS.items():
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", script.format(path=str(path))], capture_output=True, text=True, check=True
        )
        results[name] = (time.perf_counter() - started, done.stdout.strip())
    ours, theirs = results["crimeplan"][0], results["esda"][0]
    console.print(
        f"Gi*, 999 permutations, {grid.n_cells:,} cells ({GI_CELL:g} m), fresh process with imports: "
        f"crimeplan {ours:.2f} s ({results['crimeplan'][1]} hot cells), esda {theirs:.2f} s "
        f"({results['esda'][1]} hot cells; esda counts ties as 'larger'): {theirs / ours:.1f}× faster; target < 3 s "
        f"{'met' if ours < 3 else 'NOT met'}."
    )


def knox_bench(console: Console, store: Store) -> None:
    from scipy.spatial.distance import pdist

    events: Events = load_events(store, "lancashire", "Burglary", "2021-08", "2022-07")
    months = days_to_month_index(events.days)
    seconds, result = timed(lambda: knox(events.easting, events.northing, months, permutations=999), repeat=1)
    xy = np.column_stack([events.easting, events.northing])
    rng = np.random.default_rng(0)

    def all_pairs(permutations: int = 5) -> None:
        distance = pdist(xy)
        close = distance <= 1000.0
        for _ in range(permutations):
            shuffled = months[rng.permutation(len(months))].astype(float)
            lag = pdist(shuffled[:, None])
            np.histogram2d(distance[close], lag[close], bins=[6, 4])

    base, _ = timed(all_pairs, repeat=1)
    per_ours, per_base = seconds / 1000, base / 6
    console.print(
        f"Knox: {result.events:,} burglaries (2021-08 to 2022-07), {result.pairs:,} pairs within 1 km, 999 "
        f"permutations: {seconds:.2f} s; {per_ours * 1000:.2f} ms per permutation against "
        f"{per_base * 1000:.0f} ms for all-pairs pdist ({per_base / per_ours:.0f}×). Knox ratio same map "
        f"point, same month: {result.ratio[0, 0]:.2f} (p = {result.p_value[0, 0]:.3f})."
    )


def open_cp_risks(grid: Grid, train: Events, at: float) -> dict[str, tuple[float, FloatArray]]:
    """open_cp's naive, retrospective and prospective grids on our points and cells.

    Written against open_cp's documented API (PredictCode); it cannot be installed here, so this
    path has not been run. The region is our grid's frame, so open_cp's cells are our cells.
    """
    import open_cp.data
    import open_cp.naive
    import open_cp.prohotspot
    import open_cp.retrohotspot

    size = grid.cell_size
    region = open_cp.data.RectangularRegion(grid.x0, grid.x0 + grid.nx * size, grid.y0, grid.y0 + grid.ny * size)
    times = train.days.astype("datetime64[D]")
    points = open_cp.data.TimedPoints.from_coords(times, train.easting, train.northing)
    end = np.datetime64(int(at), "D")
    naive = open_cp.naive.CountingGridKernel(grid_width=size, region=region)
    naive.data = points
    retro = open_cp.retrohotspot.RetroHotSpotGrid(region=region, grid_size=size)
    retro.data = points
    retro.weight = open_cp.retrohotspot.Quartic(bandwidth=400)
    pro = open_cp.prohotspot.ProspectiveHotSpot(region=region, grid_size=size, time_unit=np.timedelta64(30, "D"))
    pro.data = points
    pro.weight = open_cp.prohotspot.ClassicWeight(space_bandwidth=3, time_bandwidth=12)
    makers: dict[str, Callable[[], Any]] = {
        "naive": naive.predict,
        "retrospective": lambda: retro.predict(end_time=end),
        "prospective": lambda: pro.predict(end, end),
    }
    out = {}
    for name, predict in makers.items():
        seconds, prediction = timed(predict, repeat=1)
        out[name] = (seconds, grid.from_raster(np.asarray(prediction.intensity_matrix)))
    return out


def peer(console: Console, store: Store) -> None:
    try:
        import open_cp  # noqa: F401
    except ImportError:
        console.print(
            "Peer: open_cp (QuantCrimAtLeeds/PredictCode) is not importable here (it is not on PyPI and is not a "
            "dependency), so its naive, retrospective and prospective predictors were not run: no time or PAI "
            "ratios against open_cp."
        )
        return
    grid, train, actual, at = scenario(store)
    theirs = open_cp_risks(grid, train, at)
    for name, (peer_seconds, peer_risk) in theirs.items():
        seconds, risk = timed(fit_predict(name, grid, train, at), repeat=3)
        ratio = metrics.score(risk, actual, 0.05).pai / metrics.score(peer_risk, actual, 0.05).pai
        console.print(
            f"open_cp {name}: crimeplan {peer_seconds / seconds:.1f}× faster; PAI crimeplan ÷ open_cp {ratio:.3f}"
        )


def main() -> None:
    console = Console(width=160)
    shared = shared_or_exit()
    started = time.perf_counter()
    store = build_store(shared)
    console.print(f"Scratch store with 29 Lancashire months built in {time.perf_counter() - started:.1f} s.")
    predictors(console, store)
    cold_gi(console, store, store.root.parent)
    knox_bench(console, store)
    peer(console, store)
    console.print(f"Total {time.perf_counter() - started:.0f} s.")


if __name__ == "__main__":
    main()

"""Rolling-origin evaluation: train on the N months before each test month, forecast it, score it.

Every metric is reported on two **areas** (``Record.area``): ``force``, every cell of the force's grid,
and ``active``, the cells with at least one non-ASB record in any month of the store (most cells of a
force never see a crime, so "1% of the force area" is not comparable with other studies, which rank
active cells). The best possible hit rate (the test month's own busiest cells) is given for each, so
PEI says how much room was left; ``flagged_with_crime`` is the share of flagged cells that had at least
one record in the test month.

For each test month ``T`` every method is fitted on the events of the
``train_months`` months before ``T`` and its risk surface is scored against the
events of ``T`` (:mod:`crimeplan.analytics.metrics`). A test month is evaluated
only if it and all of its training months are in the store; otherwise it is
named in ``skipped`` with the months it lacks — never filled in or shortened.
A method that cannot run on the data (the self-exciting point process on
month-only times) is named in ``unavailable`` with the reason.

``fit_predict_s`` is wall-clock time of ``fit`` plus ``predict``. Peak memory is
measured with ``tracemalloc`` in a separate run of the first test month, so that
tracing does not slow the timed runs.
"""

from __future__ import annotations

import itertools
import statistics
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from crimeplan.analytics import metrics
from crimeplan.analytics.grids import Grid
from crimeplan.analytics.hotspots.data import Events
from crimeplan.analytics.hotspots.events import FloatArray, month_start_days
from crimeplan.analytics.hotspots.registry import BASELINE, make
from crimeplan.analytics.months import add_months

if TYPE_CHECKING:
    from crimeplan.analytics.hotspots.base import HotspotPredictor


@dataclass(frozen=True)
class Record:
    """One method, test month and coverage (the ``--json`` record)."""

    method: str
    test_month: str
    coverage: float
    hit_rate: float
    pai: float
    pei: float
    best_hit_rate: float
    fit_predict_s: float
    area: str = "force"
    flagged_with_crime: float = float("nan")
    default: bool = False

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Evaluation:
    """Everything a rolling-origin run produced, including what it could not do and why."""

    train_months: int
    coverages: tuple[float, ...]
    methods: list[str]
    test_months: list[str] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)
    records: list[Record] = field(default_factory=list)
    peak_memory_mb: dict[str, float] = field(default_factory=dict)
    test_events: dict[str, int] = field(default_factory=dict)
    outside_grid: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Summary:
    """Median and interquartile range over the test months of one method at one coverage."""

    method: str
    coverage: float
    months: int
    hit_rate: tuple[float, float, float]
    pai: tuple[float, float, float]
    pei: float
    best_hit_rate: float
    fit_predict_s: float
    peak_memory_mb: float | None
    area: str = "force"
    flagged_with_crime: float = float("nan")


def plan(test_months: Sequence[str], train_months: int, held: set[str]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Training months per evaluable test month, and the reason each other test month is skipped."""
    if train_months < 1:
        raise ValueError(f"train_months must be 1 or more, not {train_months}")
    runs, skipped = {}, {}
    for month in test_months:
        window = [add_months(month, -k) for k in range(train_months, 0, -1)]
        missing = [m for m in [*window, month] if m not in held]
        if missing:
            skipped[month] = "not in the store: " + ", ".join(missing)
        else:
            runs[month] = window
    return runs, skipped


AREAS = ("force", "active")


def _predictor(name: str, grid: Grid, coverage: float, context: Any = None) -> HotspotPredictor:
    predictor = make(name, grid=grid, coverage=coverage)
    if context is not None and "context" in predictor.get_params():
        predictor.set_params(context=context)
    return predictor


def _run(
    name: str, grid: Grid, train: Events, at: float, coverage: float, context: Any = None
) -> tuple[FloatArray, float]:
    predictor = _predictor(name, grid, coverage, context)
    started = time.perf_counter()
    risk = predictor.fit(train.X, at=at, sample_weight=train.weight).predict()
    return risk, time.perf_counter() - started


def _peak_mb(name: str, grid: Grid, train: Events, at: float, coverage: float, context: Any = None) -> float:
    tracemalloc.start()
    try:
        _run(name, grid, train, at, coverage, context)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def evaluate(
    events: Events,
    grid: Grid,
    *,
    methods: Sequence[str],
    test_months: Sequence[str],
    train_months: int,
    held_months: set[str],
    coverages: Sequence[float] = metrics.COVERAGES,
    seed: int = 0,
    progress: Callable[[str, str], None] | None = None,
    active: npt.NDArray[np.bool_] | None = None,
    context: Any = None,
    measure_memory: bool = True,
) -> Evaluation:
    """Evaluate ``methods`` on ``events`` (which must cover the test and training months) over ``grid``.

    ``active`` marks the active cells (scored as a second area); ``context`` is given to the methods
    that take one (the learned ranking's :class:`~.learned.CellContext`).
    """
    runs, skipped = plan(test_months, train_months, held_months)
    result = Evaluation(train_months, tuple(coverages), list(methods), skipped=skipped)
    areas = {"force": np.ones(grid.n_cells, dtype=bool)}
    if active is not None:
        areas["active"] = np.asarray(active, dtype=bool)
    for month, window in runs.items():
        train, test = events.in_months(window), events.in_months([month])
        actual = grid.counts(test.easting, test.northing, test.weight)
        at = float(month_start_days([month])[0])
        result.test_months.append(month)
        located = int((grid.locate(test.easting, test.northing) >= 0).sum())
        result.test_events[month] = located
        result.outside_grid[month] = len(test) - located
        for name in methods:
            if name in result.unavailable:
                continue
            if progress:
                progress(name, month)
            try:
                risk, seconds = _run(name, grid, train, at, coverages[0], context)
            except ValueError as exc:
                result.unavailable[name] = str(exc)
                continue
            if measure_memory and name not in result.peak_memory_mb:
                result.peak_memory_mb[name] = _peak_mb(name, grid, train, at, coverages[0], context)
            for area, mask in areas.items():
                result.records.extend(_records(name, month, area, risk[mask], actual[mask], coverages, seed, seconds))
    return result


def _records(
    name: str,
    month: str,
    area: str,
    risk: FloatArray,
    actual: FloatArray,
    coverages: Sequence[float],
    seed: int,
    seconds: float,
) -> list[Record]:
    flagged = metrics.flagged_with_events(risk, actual, coverages, seed)
    return [
        Record(name, month, s.coverage, s.hit_rate, s.pai, s.pei, s.best_hit_rate, seconds, area, share)
        for s, share in zip(metrics.scores(risk, actual, coverages, seed), flagged, strict=True)
    ]


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    q1, median, q3 = np.percentile(np.asarray(values, float), [25, 50, 75])
    return float(median), float(q1), float(q3)


def summarise(evaluation: Evaluation) -> list[Summary]:
    """One row per area, method and coverage, in the order the methods were asked for."""
    rows = []
    for area, name, coverage in itertools.product(AREAS, evaluation.methods, evaluation.coverages):
        mine = [r for r in evaluation.records if (r.method, r.coverage, r.area) == (name, coverage, area)]
        if mine:
            rows.append(
                Summary(
                    method=name,
                    coverage=coverage,
                    months=len(mine),
                    hit_rate=_quartiles([r.hit_rate for r in mine]),
                    pai=_quartiles([r.pai for r in mine]),
                    pei=statistics.median(r.pei for r in mine),
                    best_hit_rate=statistics.median(r.best_hit_rate for r in mine),
                    fit_predict_s=statistics.median(r.fit_predict_s for r in mine),
                    peak_memory_mb=evaluation.peak_memory_mb.get(name),
                    area=area,
                    flagged_with_crime=_median_finite([r.flagged_with_crime for r in mine]),
                )
            )
    return rows


def _median_finite(values: list[float]) -> float:
    finite = [v for v in values if v == v]
    return statistics.median(finite) if finite else float("nan")


@dataclass(frozen=True)
class Choice:
    """The method to show: the best median PAI at ``coverage``, or the baseline if none beats it."""

    method: str
    coverage: float
    pai: float
    baseline_pai: float | None
    beats_baseline: bool
    reason: str


#: A method replaces naive counts only if its median PAI is at least this much higher (relative):
#: a gain smaller than the month-to-month spread is a tie, and a tie goes to the simpler baseline.
MIN_GAIN = 0.01


def choose(summaries: Sequence[Summary], coverage: float = 0.05, area: str = "force") -> Choice:
    at = {s.method: s.pai[0] for s in summaries if (s.coverage, s.area) == (coverage, area) and s.pai[0] == s.pai[0]}
    if not at:
        raise ValueError(f"no method was evaluated at a coverage of {coverage:g}")
    baseline = at.get(BASELINE)
    best = max(at, key=lambda name: (at[name], name == BASELINE))
    if baseline is None:
        return Choice(best, coverage, at[best], None, False, f"the baseline ({BASELINE}) was not evaluated")
    if best == BASELINE or at[best] < baseline * (1 + MIN_GAIN):
        reason = (
            f"no method had a median PAI at {coverage:.0%} more than {MIN_GAIN:.0%} above naive counts' "
            f"({baseline:.2f}; best {best} {at[best]:.2f})"
        )
        return Choice(BASELINE, coverage, baseline, baseline, False, reason)
    reason = f"highest median PAI at {coverage:.0%} coverage ({at[best]:.2f} against naive counts' {baseline:.2f})"
    return Choice(best, coverage, at[best], baseline, True, reason)

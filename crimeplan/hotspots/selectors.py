"""Reading hotspot forecasts and saved evaluations for pages and the API."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from crimeplan.analytics.forces import all_forces
from crimeplan.analytics.grids import DEFAULT_CELL_SIZE, Grid
from crimeplan.analytics.hotspots.data import cell_context, crime_type_name, load_events, load_typed_events, slug_or_all
from crimeplan.analytics.hotspots.data import force_grid as build_grid
from crimeplan.analytics.hotspots.defaults import DefaultChoice, default_for
from crimeplan.analytics.hotspots.events import FloatArray, month_start_days
from crimeplan.analytics.hotspots.registry import BASELINE, METHODS, make
from crimeplan.analytics.months import add_months, check_month
from crimeplan.analytics.stats import LocalStatistic, gi_star
from crimeplan.analytics.vocabulary import Kind
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.store import get_store, per_version
from crimeplan.core.store import months_held as _held
from crimeplan.hotspots.models import EvaluationRun, EvaluationScore

DEFAULT_TRAIN_MONTHS = 12
__all__ = ["get_store"]


def months_held(force: str) -> list[str]:
    """Months of street-level records the store holds for the force."""
    return _held(force)


@per_version(maxsize=8)
def _grid(force: str, cell_size: float) -> Grid:
    return build_grid(get_store(), force, cell_size)


def force_grid(force: str, cell_size: float = DEFAULT_CELL_SIZE) -> Grid:
    """The force's grid (cached until the store changes); ``ApplicationError`` if it cannot be built."""
    try:
        return _grid(force, float(cell_size))
    except ValueError as exc:
        raise ApplicationError(f"No grid for {force}: {exc}.", field="force") from exc


def latest_evaluation(*, force: str, crime_type: str) -> EvaluationRun | None:
    """The newest saved evaluation for a force and crime type slug (``all`` for all crime)."""
    return EvaluationRun.objects.filter(force=force, crime_type=crime_type).first()


AREA_LABELS = {"force": "force area", "active": "active cells"}


@dataclass(frozen=True)
class Accuracy:
    """A method's saved accuracy at one coverage of one area: medians and quartiles over the test months."""

    method: str
    coverage: float
    months: int
    hit_rate: tuple[float, float, float]
    pai: tuple[float, float, float]
    pei: float
    area: str = "force"
    best_hit_rate: float = float("nan")
    flagged_with_crime: tuple[float, float, float] | None = None

    @property
    def area_label(self) -> str:
        return AREA_LABELS.get(self.area, self.area)


def _quartiles(values: list[float]) -> tuple[float, float, float]:
    q1, median, q3 = np.percentile(np.asarray(values, float), [25, 50, 75])
    return float(median), float(q1), float(q3)


def accuracy(run: EvaluationRun, methods: list[str]) -> list[Accuracy]:
    """Median hit rate, PAI and PEI of ``methods`` per area and coverage in a saved evaluation."""
    rows = []
    scores = list(run.scores.filter(method__in=methods, pai__isnull=False))
    for area in AREA_LABELS:
        for method in methods:
            for coverage in sorted({s.coverage for s in scores}):
                mine = [s for s in scores if (s.method, s.coverage, s.area) == (method, coverage, area)]
                if mine:
                    rows.append(_accuracy(method, coverage, area, mine))
    return rows


def _accuracy(method: str, coverage: float, area: str, mine: list[EvaluationScore]) -> Accuracy:
    flagged = [s.flagged_with_crime for s in mine if s.flagged_with_crime is not None]
    return Accuracy(
        method=method,
        coverage=coverage,
        months=len(mine),
        hit_rate=_quartiles([s.hit_rate or 0.0 for s in mine]),
        pai=_quartiles([s.pai or 0.0 for s in mine]),
        pei=float(np.median([s.pei or 0.0 for s in mine])),
        area=area,
        best_hit_rate=float(np.median([s.best_hit_rate or 0.0 for s in mine])),
        flagged_with_crime=(_quartiles(flagged)[0], min(flagged), max(flagged)) if flagged else None,
    )


def reliability(run: EvaluationRun | None, method: str, coverage: float = 0.01) -> Accuracy | None:
    """How often a cell the method flagged (top ``coverage`` of active cells) had a crime in the month forecast."""
    if run is None:
        return None
    mine = list(run.scores.filter(method=method, area="active", coverage=coverage, pai__isnull=False))
    return _accuracy(method, coverage, "active", mine) if mine else None


def check_force(force: str) -> str:
    if force not in all_forces():
        raise ApplicationError(
            f"Unknown force {force!r}: use a data.police.uk force id such as lancashire.", field="force"
        )
    return force


def training_window(force: str, crime_type: str | None) -> int:
    """Months a forecast trains on: the saved evaluation's window for this force and crime type, else 12."""
    try:
        slug = slug_or_all(crime_type_name(crime_type))
    except ValueError:
        return DEFAULT_TRAIN_MONTHS
    run = latest_evaluation(force=force, crime_type=slug)
    return run.train_months if run else DEFAULT_TRAIN_MONTHS


def forecastable_months(force: str, train_months: int = DEFAULT_TRAIN_MONTHS) -> list[str]:
    """Months whose ``train_months`` previous months are all held (including the month after the last held)."""
    held = set(months_held(force))
    if not held:
        return []
    candidates = sorted(held | {add_months(max(held), 1)})
    return [m for m in candidates if all(add_months(m, -k) in held for k in range(1, train_months + 1))]


@dataclass(frozen=True, eq=False)
class Forecast:
    """A risk map for one force, crime type and month, with what it was made from."""

    force: str
    crime_type: str | None
    month: str
    method: str
    train_first: str
    train_last: str
    grid: Grid
    risk: FloatArray
    training_counts: FloatArray
    actual: FloatArray | None
    gi: LocalStatistic
    evaluation: EvaluationRun | None
    default: DefaultChoice | None = None

    @property
    def crime_type_slug(self) -> str:
        return slug_or_all(self.crime_type)

    @property
    def method_summary(self) -> str:
        return METHODS[self.method].summary


@per_version(maxsize=6)
def _surfaces(
    force: str,
    crime_type: str | None,
    month: str,
    method: str,
    window: int,
    cell_size: float,
) -> tuple[FloatArray, FloatArray, FloatArray | None, LocalStatistic]:
    store = get_store()
    grid = _grid(force, cell_size)
    events = load_events(store, force, crime_type, add_months(month, -window), month)
    train = events.in_months([add_months(month, -k) for k in range(1, window + 1)])
    predictor = make(method, grid=grid)
    if "context" in predictor.get_params():
        typed = load_typed_events(store, force, add_months(month, -window), add_months(month, -1))
        predictor.set_params(context=cell_context(store, grid, typed))
    risk = predictor.fit(train.X, at=float(month_start_days([month])[0])).predict()
    counts = grid.counts(train.easting, train.northing)
    test = events.in_months([month])
    actual = (
        grid.counts(test.easting, test.northing) if store.partition_path(Kind.STREET, force, month).exists() else None
    )
    gi = gi_star(counts, grid.neighbours(), permutations=999, seed=0)
    return risk, counts, actual, gi


def forecast(*, force: str, crime_type: str | None, month: str, cell_size: float = DEFAULT_CELL_SIZE) -> Forecast:
    """The hotspot forecast for ``month``: the evaluated method (or naive counts) on the months before it."""
    if force not in all_forces():
        raise ApplicationError(
            f"Unknown force {force!r}: use a data.police.uk force id such as lancashire.", field="force"
        )
    try:
        name = crime_type_name(crime_type)
        check_month(month)
    except ValueError as exc:
        raise ApplicationError(str(exc), field="crime_type") from exc
    run = latest_evaluation(force=force, crime_type=slug_or_all(name))
    default = default_for(slug_or_all(name))
    if default and default.method in METHODS:
        method = default.method
    else:
        default = None
        method = run.chosen_method if run and run.chosen_method in METHODS else BASELINE
    window = run.train_months if run else DEFAULT_TRAIN_MONTHS
    held = set(months_held(force))
    missing = [m for m in (add_months(month, -k) for k in range(window, 0, -1)) if m not in held]
    if missing:
        raise ApplicationError(
            f"{month} cannot be forecast: it needs the {window} months before it, and the store lacks "
            f"{', '.join(missing)}.",
            field="month",
        )
    grid = force_grid(force, cell_size)
    try:
        risk, counts, actual, gi = _surfaces(force, name, month, method, window, float(cell_size))
    except ValueError as exc:
        raise ApplicationError(f"No forecast for {month}: {exc}.") from exc
    return Forecast(
        force=force,
        crime_type=name,
        month=month,
        method=method,
        train_first=add_months(month, -window),
        train_last=add_months(month, -1),
        grid=grid,
        risk=risk,
        training_counts=counts,
        actual=actual,
        gi=gi,
        evaluation=run,
        default=default,
    )

"""Measuring the plan: each measure's value for a period, whether it changed, and its RAG status.

The RAG status comes from the statistical verdict, never from the raw percentage change: for a
"reduce" measure a significant decrease is green, a significant increase red and anything within
normal variation amber ("increase" measures the other way round; "monitor" measures are not
rated). The comparison that decides is the same period a year before (crime is seasonal); when
those months are not loaded, the preceding period of the same length, and the page says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from crimeplan.analytics import trends
from crimeplan.analytics.harm import HarmWeights
from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.periods import Period
from crimeplan.analytics.significance import (
    DECREASE,
    INCREASE,
    NO_DATA,
    NORMAL,
    Comparison,
    ControlChart,
    compare_counts,
    compare_harm,
    compare_periods,
    estimate_dispersion,
    xmr,
)
from crimeplan.analytics.store import Store
from crimeplan.performance.constants import Direction, Rag, Source, Statistic
from crimeplan.performance.models import Measure, MeasureFigure
from crimeplan.performance.providers import get_provider, month_dates
from crimeplan.performance.targets import target_for, target_rag

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

HISTORY_MONTHS = 24
SERIES_PERIODS = 8  # periods of a module measure's trend
RAG_ORDER = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.GREY]


@dataclass
class Baseline:
    """A comparison with an earlier period, or why there is none."""

    name: str
    period: Period
    comparison: Comparison | None = None
    unavailable: str = ""

    @property
    def verdict(self) -> str:
        return self.comparison.verdict if self.comparison else NO_DATA


@dataclass
class MeasureResult:
    measure: Measure
    period: Period
    value: float | None
    baselines: list[Baseline] = field(default_factory=list)
    series: list[tuple[str, float]] = field(default_factory=list)
    chart: ControlChart | None = None
    note: str = ""
    target: float | None = None

    @property
    def deciding(self) -> Baseline | None:
        """The comparison the RAG status comes from: a year before if available, else the previous period."""
        return next((b for b in self.baselines if b.comparison and b.comparison.verdict != NO_DATA), None)

    @property
    def verdict(self) -> str:
        return self.deciding.verdict if self.deciding else NO_DATA

    @property
    def rag(self) -> Rag:
        """Against the target where the plan sets one, else from the statistical verdict."""
        if self.target is not None and self.value is not None:
            return target_rag(self.value, self.target, self.measure.direction)
        return rag_for(self.verdict, self.measure.direction)

    @property
    def latest_signal(self) -> str:
        return self.chart.signal_at(len(self.chart.values) - 1) if self.chart else ""


def rag_for(verdict: str, direction: str) -> Rag:
    if direction == Direction.MONITOR or verdict == NO_DATA:
        return Rag.GREY
    if verdict == NORMAL:
        return Rag.AMBER
    good = (verdict == DECREASE and direction == Direction.REDUCE) or (
        verdict == INCREASE and direction == Direction.INCREASE
    )
    return Rag.GREEN if good else Rag.RED


def worst(rags: list[Rag]) -> Rag:
    rated = [r for r in rags if r != Rag.GREY]
    return min(rated, key=RAG_ORDER.index) if rated else Rag.GREY


class Evaluator:
    """Evaluates measures of one force's plan, sharing the store reads between measures."""

    def __init__(self, store: Store, weights: HarmWeights, force: str):
        self.store = store
        self.force = force
        self.weights = weights
        self._frames: dict[tuple[str, str, str], pl.DataFrame] = {}
        self.held = set(trends.months_held(store, force))

    def evaluate(self, measure: Measure, period: Period) -> MeasureResult:
        if measure.source == Source.STORE:
            result = self._store_measure(measure, period)
        elif measure.source == Source.MODULE:
            result = _module_measure(measure, period)
        else:
            result = self._entered_measure(measure, period)
        result.target = target_for(list(measure.trajectory.all()), period) if measure.pk else None
        return result

    # -- police-recorded crime ---------------------------------------------------------
    def area_for(self, measure: Measure) -> trends.Area:
        if measure.area_code:
            return trends.find_area(self.store, measure.area_code)
        return trends.force_area(self.store, self.force)

    def frame(self, area: trends.Area, period: Period) -> pl.DataFrame:
        start = period.history(HISTORY_MONTHS).first
        key = (area.code, start, period.last)
        if key not in self._frames:
            self._frames[key] = trends.monthly_counts(self.store, area, start, period.last)
        return self._frames[key]

    def _store_measure(self, measure: Measure, period: Period) -> MeasureResult:
        area = self.area_for(measure)
        frame = self.frame(area, period)
        types = list(measure.crime_types)
        missing = [m for m in period.months if m not in self.held]
        months = sorted(set(frame.get_column("month")))
        series = [(m, self._value(measure, area, trends.totals(frame, types, [m]))) for m in months]
        result = MeasureResult(measure, period, None, series=series)
        if missing:
            result.note = f"{', '.join(missing)} not loaded"
            return result
        result.value = self._value(measure, area, trends.totals(frame, types, period.months))
        monthly = trends.monthly_totals(frame, types, months)
        result.baselines = [
            self._baseline(measure, frame, types, name, other, period, monthly)
            for name, other in (
                ("same period a year before", period.year_before()),
                ("previous period", period.previous()),
            )
        ]
        if len(result.series) >= 2:
            result.chart = xmr([v for _, v in result.series])
        return result

    def _value(self, measure: Measure, area: trends.Area, counts: dict[str, int]) -> float:
        statistic = measure.statistic
        value = (
            float(sum(counts.values())) if statistic in (Statistic.COUNT, Statistic.RATE) else self.weights.harm(counts)
        )
        if statistic in (Statistic.RATE, Statistic.HARM_RATE):
            rate = trends.rate_per_1000(value, area.population)
            if rate is None:
                raise ValueError(f"{area.name} has no population figure: load population estimates")
            value = rate
        return value

    def _baseline(
        self,
        measure: Measure,
        frame: pl.DataFrame,
        types: list[str],
        name: str,
        other: Period,
        period: Period,
        monthly: dict[str, int],
    ) -> Baseline:
        baseline = Baseline(name, other)
        absent = [m for m in other.months if m not in self.held]
        if absent:
            baseline.unavailable = f"{', '.join(absent)} not loaded"
            return baseline
        exposures = {"current_exposure": period.days, "baseline_exposure": other.days}
        if measure.statistic in (Statistic.HARM, Statistic.HARM_RATE):
            now, then = trends.totals(frame, types, period.months), trends.totals(frame, types, other.months)
            weights = {t: self.weights.weight(t) or 0.0 for t in types}
            spread = estimate_dispersion(monthly, period.first, exclude=[*period.months, *other.months])
            baseline.comparison = compare_harm(now, then, weights, phi=spread.phi, phi_df=spread.df, **exposures)
        else:
            baseline.comparison = compare_periods(monthly, period.months, other.months, **exposures)
        return baseline

    # -- entered figures -----------------------------------------------------------------
    def _entered_measure(self, measure: Measure, period: Period) -> MeasureResult:
        figures = {(f.first_month, f.last_month): f for f in measure.figures.all()}
        current = figures.get((period.first, period.last))
        result = MeasureResult(measure, period, _float(current), series=_entered_series(figures, period))
        if current is None:
            result.note = f"no figure entered for {period.label}"
            return result
        for name, other in (
            ("same period a year before", period.year_before()),
            ("previous period", period.previous()),
        ):
            result.baselines.append(
                _entered_baseline(measure, name, other, period, current, figures.get((other.first, other.last)))
            )
        return result


def _float(figure: MeasureFigure | None) -> float | None:
    return None if figure is None else float(figure.value)


def _entered_series(figures: dict[tuple[str, str], MeasureFigure], period: Period) -> list[tuple[str, float]]:
    same_length = [f for (first, last), f in figures.items() if Period(first, last).length == period.length]
    return [
        (f.last_month, float(f.value))
        for f in sorted(same_length, key=lambda f: f.first_month)
        if f.last_month <= period.last
    ]


def _entered_baseline(
    measure: Measure, name: str, other: Period, period: Period, current: MeasureFigure, earlier: MeasureFigure | None
) -> Baseline:
    baseline = Baseline(name, other)
    if earlier is None:
        baseline.unavailable = f"no figure entered for {other.label}"
    elif not measure.is_count:
        baseline.unavailable = "not a count of events, so no significance test applies"
    elif current.value != current.value.to_integral() or earlier.value != earlier.value.to_integral():
        baseline.unavailable = "counts must be whole numbers to be tested"
    else:
        baseline.comparison = compare_counts(
            int(current.value), int(earlier.value), current_exposure=period.days, baseline_exposure=other.days
        )
    return baseline


def _module_measure(measure: Measure, period: Period) -> MeasureResult:
    """A figure a module counts: this period, the same period a year before and the previous one."""
    provider = get_provider(measure.provider)
    now = provider.count(*month_dates(period.first, period.last))
    result = MeasureResult(measure, period, now.value)
    if now.value is None:
        result.note = f"no figure for {period.label}: the module holds no data for it"
        return result
    earlier = [period.shifted(k) for k in range(SERIES_PERIODS - 1, 0, -1)]
    values = [(p.last, provider.count(*month_dates(p.first, p.last)).value) for p in earlier]
    result.series = [(last, value) for last, value in values if value is not None]
    result.series.append((period.last, now.value))
    for name, other in (("same period a year before", period.year_before()), ("previous period", period.previous())):
        then = provider.count(*month_dates(other.first, other.last))
        baseline = Baseline(name, other)
        if then.value is None:
            baseline.unavailable = f"no figure for {other.label}"
        elif not (now.is_count and then.is_count):
            baseline.unavailable = "not a count of events, so no significance test applies"
        else:
            baseline.comparison = compare_counts(
                int(now.value), int(then.value), current_exposure=period.days, baseline_exposure=other.days
            )
        result.baselines.append(baseline)
    return result


def as_decimal(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 2)))

"""Is a change real? Tests for counts, and control charts for monthly series.

``compare_counts`` compares a period's count with a baseline's. When the counts behave like
Poisson counts it is the exact conditional binomial test (Przyborowski & Wilenski 1940): given the
total n = current + baseline, current ~ Binomial(n, e1 / (e1 + e0)) under "no change in rate", with
e1 and e0 the exposures (days, residents). Police-recorded crime at force level varies more from
month to month than a Poisson count would (seasons, operations, recording practice), and an exact
test on 50,000 records calls a 2% change significant. So a dispersion factor φ is estimated from the
series itself (``dispersion``: the XmR moving-range estimate of the month-to-month standard deviation,
squared, over the mean) and, when φ > 1, the test becomes the quasi-Poisson test on the log rate
ratio with variance φ(1/c1 + 1/c0) (McCullagh & Nelder 1989, §4.5). The page's words come from the
result: "significant increase", "significant decrease" or "within normal variation".

``xmr`` draws an individuals (XmR) control chart of a monthly series with the run rules of NHS
England's "Making Data Count": a point beyond a process limit (mean ± 2.66 × mean moving range);
a run of 7 points on one side of the mean; 6 points each higher (or lower) than the last; 2 of 3
points beyond two-thirds of the way to a limit, on the same side.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crimeplan.analytics.lazy import lazy_module

if TYPE_CHECKING:
    from scipy import stats
else:
    stats = lazy_module("scipy.stats")


ALPHA = 0.05
INCREASE, DECREASE, NORMAL, NO_DATA = (
    "significant increase",
    "significant decrease",
    "within normal variation",
    "not enough data",
)


@dataclass(frozen=True)
class Comparison:
    """A period against a baseline: the estimate, its interval, the p-value and the verdict.

    ``ratio`` is the rate ratio (current rate / baseline rate, rates per unit of exposure);
    ``low``/``high`` its 95% confidence interval; ``method`` names the test used.
    """

    current: float
    baseline: float
    ratio: float | None
    low: float | None
    high: float | None
    p_value: float | None
    method: str
    dispersion: float = 1.0
    alpha: float = ALPHA

    @property
    def verdict(self) -> str:
        if self.p_value is None or self.ratio is None:
            return NO_DATA
        if self.p_value < self.alpha:
            return INCREASE if self.ratio > 1 else DECREASE
        return NORMAL

    @property
    def change_percent(self) -> float | None:
        return None if self.ratio is None else (self.ratio - 1.0) * 100.0


def dispersion(series: Sequence[float]) -> float:
    """φ = (mean moving range / 1.128)² / mean, at least 1 (1 for fewer than 4 points)."""
    if len(series) < 4 or sum(series) <= 0:
        return 1.0
    moving = [abs(b - a) for a, b in itertools.pairwise(series)]
    sigma = (sum(moving) / len(moving)) / 1.128
    mean = sum(series) / len(series)
    return max(1.0, sigma * sigma / mean)


def compare_counts(
    current: int,
    baseline: int,
    *,
    current_exposure: float = 1.0,
    baseline_exposure: float = 1.0,
    phi: float = 1.0,
    alpha: float = ALPHA,
) -> Comparison:
    """Compare two counts with exposures; exact test when ``phi`` is 1, quasi-Poisson otherwise."""
    if current < 0 or baseline < 0 or current_exposure <= 0 or baseline_exposure <= 0:
        raise ValueError("counts must be zero or more and exposures more than zero")
    if current + baseline == 0:
        return Comparison(current, baseline, None, None, None, None, "no records in either period", phi, alpha)
    scale = baseline_exposure / current_exposure
    if phi <= 1.0:
        share = current_exposure / (current_exposure + baseline_exposure)
        result = stats.binomtest(current, current + baseline, share)
        interval = result.proportion_ci(0.95, method="exact")
        ratio = _odds(current / (current + baseline)) * scale
        low, high = _odds(interval.low) * scale, _odds(interval.high) * scale
        return Comparison(
            current, baseline, ratio, low, high, float(result.pvalue), "exact conditional binomial test", 1.0, alpha
        )
    if current == 0 or baseline == 0:
        return Comparison(
            current, baseline, None, None, None, None, "too few records for the adjusted test", phi, alpha
        )
    log_ratio = math.log(current / baseline * scale)
    se = math.sqrt(phi * (1 / current + 1 / baseline))
    p_value = 2 * stats.norm.sf(abs(log_ratio) / se)
    ratio = math.exp(log_ratio)
    low, high = math.exp(log_ratio - 1.96 * se), math.exp(log_ratio + 1.96 * se)
    return Comparison(
        current, baseline, ratio, low, high, float(p_value), f"quasi-Poisson test (φ = {phi:.1f})", phi, alpha
    )


def _odds(p: float) -> float:
    return math.inf if p >= 1.0 else p / (1.0 - p)


def compare_harm(
    current: Mapping[str, int],
    baseline: Mapping[str, int],
    weights: Mapping[str, float],
    *,
    current_exposure: float = 1.0,
    baseline_exposure: float = 1.0,
    phi: float = 1.0,
    alpha: float = ALPHA,
) -> Comparison:
    """Compare harm totals (Σ weight × count) with a normal test on the compound-Poisson variance."""
    h1 = sum(weights.get(t, 0.0) * n for t, n in current.items())
    h0 = sum(weights.get(t, 0.0) * n for t, n in baseline.items())
    if h1 <= 0 or h0 <= 0:
        return Comparison(h1, h0, None, None, None, None, "no harm in one of the periods", phi, alpha)
    v1 = phi * sum(weights.get(t, 0.0) ** 2 * n for t, n in current.items())
    v0 = phi * sum(weights.get(t, 0.0) ** 2 * n for t, n in baseline.items())
    log_ratio = math.log((h1 / current_exposure) / (h0 / baseline_exposure))
    se = math.sqrt(v1 / h1**2 + v0 / h0**2)  # delta method for log(H1) - log(H0)
    p_value = 2 * stats.norm.sf(abs(log_ratio) / se)
    ratio = math.exp(log_ratio)
    return Comparison(
        h1,
        h0,
        ratio,
        math.exp(log_ratio - 1.96 * se),
        math.exp(log_ratio + 1.96 * se),
        float(p_value),
        "normal test on harm (compound Poisson variance)",
        phi,
        alpha,
    )


@dataclass(frozen=True)
class ControlChart:
    """An XmR chart: centre line, process limits and the run-rule signal at each point."""

    values: list[float]
    mean: float
    upper: float
    lower: float
    signals: list[list[str]] = field(default_factory=list)

    def signal_at(self, index: int) -> str:
        """The first rule the point is part of, or ``""`` for common-cause variation."""
        return self.signals[index][0] if self.signals[index] else ""


def xmr(values: Sequence[float]) -> ControlChart:
    """An XmR chart of the series, with the four run rules marked on every point they cover."""
    points = [float(v) for v in values]
    if len(points) < 2:
        raise ValueError("a control chart needs at least two points")
    mean = sum(points) / len(points)
    moving = sum(abs(b - a) for a, b in itertools.pairwise(points)) / (len(points) - 1)
    upper, lower = mean + 2.66 * moving, max(0.0, mean - 2.66 * moving)
    signals: list[list[str]] = [[] for _ in points]
    _mark_limits(points, upper, lower, signals)
    _mark_runs(points, mean, signals)
    _mark_trends(points, signals)
    _mark_near_limits(points, mean, upper - mean, signals)
    return ControlChart(points, mean, upper, lower, signals)


def _mark_limits(points: list[float], upper: float, lower: float, signals: list[list[str]]) -> None:
    for i, v in enumerate(points):
        if v > upper or v < lower:
            signals[i].append("beyond a process limit")


def _mark(signals: list[list[str]], indexes: range, rule: str) -> None:
    for i in indexes:
        if rule not in signals[i]:
            signals[i].append(rule)


def _mark_runs(points: list[float], mean: float, signals: list[list[str]], length: int = 7) -> None:
    side = [1 if v > mean else -1 if v < mean else 0 for v in points]
    start = 0
    for i in range(1, len(points) + 1):
        if i == len(points) or side[i] != side[start] or side[i] == 0:
            if side[start] != 0 and i - start >= length:
                _mark(signals, range(start, i), f"{length} or more points on one side of the mean")
            start = i


def _mark_trends(points: list[float], signals: list[list[str]], length: int = 6) -> None:
    for direction in (1, -1):
        start = 0
        for i in range(1, len(points) + 1):
            if i == len(points) or (points[i] - points[i - 1]) * direction <= 0:
                if i - start >= length:
                    _mark(
                        signals,
                        range(start, i),
                        f"{length} or more points each {'higher' if direction > 0 else 'lower'} than the last",
                    )
                start = i


def _mark_near_limits(points: list[float], mean: float, half_width: float, signals: list[list[str]]) -> None:
    band = half_width * 2 / 3
    for i in range(2, len(points)):
        window = points[i - 2 : i + 1]
        for side in (1, -1):
            if sum(1 for v in window if (v - mean) * side > band) >= 2:
                _mark(signals, range(i - 2, i + 1), "2 of 3 points near a process limit")

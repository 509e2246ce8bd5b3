"""Is a change real? Tests for counts, and control charts for monthly series.

``compare_counts`` compares a period's count with a baseline's. When the counts behave like
Poisson counts it is the exact conditional binomial test (Przyborowski & Wilenski 1940): given the
total n = current + baseline, current ~ Binomial(n, e1 / (e1 + e0)) under "no change in rate", with
e1 and e0 the exposures (days, residents). Police-recorded crime at force level varies more from
month to month than a Poisson count would (seasons, operations, recording practice), and an exact
test on 50,000 records calls a 2% change significant. So a dispersion factor φ is estimated from the
series itself and the test becomes the quasi-Poisson score test, var(c1 | n) = φ·n·p(1 − p), with a
Student t reference on the degrees of freedom of the estimate of φ, so the uncertainty of φ is
accounted for (McCullagh & Nelder 1989, §4.5 and §9.2). φ comes from year-on-year differences of
the months before the period, which seasonality does not inflate, leaving out the months being
compared (``estimate_dispersion``); ``compare_periods`` is the one computation every page, report and
API route uses. ``docs/analytics/significance.md`` has the calibration: how often "significant"
is a false alarm when nothing changed. The page's words come from the result: "significant
increase", "significant decrease" or "within normal variation".

``xmr`` draws an individuals (XmR) control chart of a monthly series with the run rules of NHS
England's "Making Data Count": a point beyond a process limit (mean ± 2.66 × mean moving range);
a run of 7 points on one side of the mean; 6 points each higher (or lower) than the last; 2 of 3
points beyond two-thirds of the way to a limit, on the same side.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.months import add_months

if TYPE_CHECKING:
    from scipy import special, stats
else:
    special = lazy_module("scipy.special")
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


#: How far back φ is estimated from: two years of months before the period.
DISPERSION_MONTHS = 24
#: Year-on-year pairs needed before φ is estimated from them rather than from month-to-month ranges.
MIN_PAIRS = 4
#: Effective degrees of freedom of a mean moving range over k points, about 0.62(k − 1) (Wheeler 1995).
MR_DF_FACTOR = 0.62


@dataclass(frozen=True)
class Dispersion:
    """The estimate of φ a comparison uses.

    ``phi`` is var/mean of a monthly count; ``df`` the degrees of freedom of that estimate (the t
    reference of the test), or None when φ is taken as 1 without estimating it (the exact test);
    ``method`` says in words how it was estimated.
    """

    phi: float
    df: float | None
    method: str


POISSON = Dispersion(1.0, None, "Poisson (no over-dispersion estimated)")


def estimate_dispersion(
    monthly: Mapping[str, float], before: str, *, exclude: Collection[str] = (), months: int = DISPERSION_MONTHS
) -> Dispersion:
    """φ from the held months in the ``months`` before month ``before``, leaving out ``exclude``.

    ``monthly`` must hold every month the store holds, with 0 for a held month without records (a
    missing key means the month is not held). With at least ``MIN_PAIRS`` pairs of months a year apart,
    φ is the spread of the differences y_t − y_{t−12} about their average (:func:`_year_on_year`), with
    one degree of freedom per pair less one: each difference has variance φ(μ_t + μ_{t−12}) whatever
    the season, and a level that moved between the years is not counted as noise. Otherwise the
    squared mean moving range ÷ 1.128 over the mean, with 0.62(k − 1) degrees of freedom; that estimate
    is inflated by seasonality, and its method says so. Months in ``exclude`` (the periods being
    compared) never enter the estimate, which keeps it independent of the test.
    """
    window = [add_months(before, -k) for k in range(months, 0, -1)]
    held = [m for m in window if m in monthly and m not in exclude]
    pairs = [(monthly[m], monthly[add_months(m, -12)]) for m in held if add_months(m, -12) in held]
    if len(pairs) >= MIN_PAIRS:
        phi = _year_on_year(pairs)
        if phi is None:
            return POISSON
        return Dispersion(
            phi, float(len(pairs) - 1), f"year-on-year differences of {len(pairs)} months, less their average"
        )
    recent = held[-12:]
    values = [monthly[m] for m in recent]
    phi = dispersion(values)
    if len(values) < 4 or phi <= 0:
        return POISSON
    df = MR_DF_FACTOR * (len(values) - 1)
    return Dispersion(phi, df, f"month-to-month ranges of {len(values)} months (seasonality not removed)")


def dispersion(series: Sequence[float]) -> float:
    """φ of a run of consecutive months (oldest first): year-on-year when 15 or more, else moving ranges.

    The plain-series form of :func:`estimate_dispersion`: φ = (mean moving range / 1.128)² / mean for
    a short series, or from the pairs of months a year apart in a longer one. 1 for fewer than 4
    points or no records.
    """
    values = [float(v) for v in series]
    if len(values) >= 12 + MIN_PAIRS:
        phi = _year_on_year(list(zip(values[12:], values[:-12], strict=True)))
        return 1.0 if phi is None else phi
    if len(values) < 4 or sum(values) <= 0:
        return 1.0
    moving = [abs(b - a) for a, b in itertools.pairwise(values)]
    sigma = (sum(moving) / len(moving)) / 1.128
    return sigma * sigma / (sum(values) / len(values))


def _year_on_year(pairs: Sequence[tuple[float, float]]) -> float | None:
    """φ = Σ(d − d̄)² / Σ(y_t + y_{t−12}) × k / (k − 1) over k pairs, d = y_t − y_{t−12}; None if undefined.

    The average difference is taken out first: a level that moved between the two years (a trend, or
    a change such as the end of lockdowns) is not noise, and counting it as noise would hide every
    later change. That costs one degree of freedom.
    """
    k = len(pairs)
    total = sum(a + b for a, b in pairs)
    differences = [a - b for a, b in pairs]
    average = sum(differences) / k
    squares = sum((d - average) ** 2 for d in differences)
    if k < 2 or total <= 0 or squares <= 0:
        return None
    return squares / total * k / (k - 1)


def compare_periods(
    monthly: Mapping[str, float],
    current: Sequence[str],
    baseline: Sequence[str],
    *,
    current_exposure: float,
    baseline_exposure: float,
    alpha: float = ALPHA,
) -> Comparison:
    """The one comparison of two sets of months of a monthly count series, for every page and report.

    ``monthly`` holds every held month (0 where a held month had no records). The counts are the sums
    over ``current`` and ``baseline``; φ is estimated by :func:`estimate_dispersion` from the months
    before ``current`` leaving both periods out.
    """
    dispersion_ = estimate_dispersion(monthly, min(current), exclude=set(current) | set(baseline))
    return compare_counts(
        round(sum(monthly.get(m, 0) for m in current)),
        round(sum(monthly.get(m, 0) for m in baseline)),
        current_exposure=current_exposure,
        baseline_exposure=baseline_exposure,
        phi=dispersion_.phi,
        phi_df=dispersion_.df,
        alpha=alpha,
    )


def compare_counts(
    current: int,
    baseline: int,
    *,
    current_exposure: float = 1.0,
    baseline_exposure: float = 1.0,
    phi: float = 1.0,
    phi_df: float | None = None,
    alpha: float = ALPHA,
) -> Comparison:
    """Compare two counts with exposures.

    With ``phi_df`` None and ``phi`` 1: the exact conditional binomial test (φ known to be 1). Otherwise
    the quasi-Poisson score test z = (c1 − n·p) / √(φ·n·p·(1 − p)), p = e1 / (e1 + e0), referred to
    Student's t on ``phi_df`` degrees of freedom (the normal distribution when ``phi_df`` is None); the
    interval of the rate ratio is √φ times the Wald interval on the log scale, with the same quantile.
    """
    if current < 0 or baseline < 0 or current_exposure <= 0 or baseline_exposure <= 0:
        raise ValueError("counts must be zero or more and exposures more than zero")
    if phi <= 0 or (phi_df is not None and phi_df <= 0):
        raise ValueError("phi and phi_df must be more than zero")
    if current + baseline == 0:
        return Comparison(current, baseline, None, None, None, None, "no records in either period", phi, alpha)
    scale = baseline_exposure / current_exposure
    if phi_df is None and phi <= 1.0:
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
    n = current + baseline
    share = current_exposure / (current_exposure + baseline_exposure)
    z = (current - n * share) / math.sqrt(phi * n * share * (1 - share))
    p_value = min(1.0, 2 * _upper_tail(abs(z), phi_df))
    quantile = _quantile_975(phi_df)
    log_ratio = math.log(current / baseline * scale)
    se = math.sqrt(phi * (1 / current + 1 / baseline))
    method = f"quasi-Poisson test (φ = {phi:.1f}" + (f", {phi_df:.0f} df)" if phi_df is not None else ")")
    return Comparison(
        current,
        baseline,
        math.exp(log_ratio),
        math.exp(log_ratio - quantile * se),
        math.exp(log_ratio + quantile * se),
        p_value,
        method,
        phi,
        alpha,
    )


def _upper_tail(x: float, df: float | None) -> float:
    """P(X > x) for the standard normal (``df`` None) or Student's t on ``df`` degrees of freedom."""
    return float(special.ndtr(-x) if df is None else special.stdtr(df, -x))


def _quantile_975(df: float | None) -> float:
    return float(special.ndtri(0.975) if df is None else special.stdtrit(df, 0.975))


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
    phi_df: float | None = None,
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
    p_value = 2 * _upper_tail(abs(log_ratio) / se, phi_df)
    quantile = _quantile_975(phi_df)
    ratio = math.exp(log_ratio)
    return Comparison(
        h1,
        h0,
        ratio,
        math.exp(log_ratio - quantile * se),
        math.exp(log_ratio + quantile * se),
        float(p_value),
        "normal test on harm (compound Poisson variance)",
        phi,
        alpha,
    )


@dataclass(frozen=True)
class ControlChart:
    """An XmR chart: centre line, process limits and the run-rule signal at each point.

    ``floored`` is True when mean − 2.66 × mean moving range is below zero and the lower limit was set
    to 0 (a count cannot be negative), so no point can fall below it; charts and docs say so.
    """

    values: list[float]
    mean: float
    upper: float
    lower: float
    signals: list[list[str]] = field(default_factory=list)
    floored: bool = False

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
    upper, raw_lower = mean + 2.66 * moving, mean - 2.66 * moving
    lower = max(0.0, raw_lower)
    signals: list[list[str]] = [[] for _ in points]
    _mark_limits(points, upper, lower, signals)
    _mark_runs(points, mean, signals)
    _mark_trends(points, signals)
    _mark_near_limits(points, mean, upper - mean, signals)
    return ControlChart(points, mean, upper, lower, signals, floored=raw_lower < 0)


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

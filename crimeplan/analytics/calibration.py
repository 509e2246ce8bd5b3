"""How often the verdict calls a change "significant" when nothing changed: the false-alarm rate.

Simulates monthly counts with no change (the same mean each month, or the same seasonal pattern
each year), over-dispersed by a gamma-Poisson (negative binomial) mixture with var = φ × mean, and
runs each series through :func:`crimeplan.analytics.significance.compare_periods` exactly as the
pages do: the last quarter against the same quarter a year before, with two years of history.
A calibrated test calls about ``alpha`` of these significant. The data are simulated, not police data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from crimeplan.analytics.months import add_months
from crimeplan.analytics.significance import ALPHA, NORMAL, compare_periods

#: The quarter under test; the history is the 24 months before it.
QUARTER = ("2022-04", "2022-05", "2022-06")
HISTORY = 24
#: Relative amplitude of the seasonal pattern of a seasonal series (a sine wave, peak in summer).
SEASONAL_AMPLITUDE = 0.15


@dataclass(frozen=True)
class Calibration:
    """The share of no-change series called significant, with its Monte Carlo standard error."""

    phi: float
    mean: float
    seasonal: bool
    replicates: int
    rejection_rate: float
    standard_error: float


def simulate_counts(
    phi: float, mean: float, *, seasonal: bool, replicates: int, rng: np.random.Generator
) -> tuple[list[str], np.ndarray]:
    """Months (oldest first) and a replicates × months array of no-change counts with var = φ × mean."""
    months = [add_months(QUARTER[0], -k) for k in range(HISTORY, 0, -1)] + list(QUARTER)
    month_of_year = np.array([int(m[5:]) for m in months])
    pattern = 1 + (SEASONAL_AMPLITUDE * np.sin(2 * math.pi * (month_of_year - 4) / 12) if seasonal else 0.0)
    mu = np.broadcast_to(mean * pattern, (replicates, len(months)))
    if phi <= 1:
        return months, rng.poisson(mu)
    shape = mu / (phi - 1)
    return months, rng.poisson(rng.gamma(shape, mu / shape))


def rejection_rate(
    phi: float, mean: float, *, seasonal: bool = False, replicates: int = 2000, seed: int = 0, alpha: float = ALPHA
) -> Calibration:
    """Run ``replicates`` no-change series through the pipeline and count the significant verdicts."""
    months, counts = simulate_counts(
        phi, mean, seasonal=seasonal, replicates=replicates, rng=np.random.default_rng(seed)
    )
    baseline = [add_months(m, -12) for m in QUARTER]
    days = 91.0  # April to June: the same days in both years, as in the pages' exposures
    significant = 0
    for row in counts:
        monthly = dict(zip(months, row.tolist(), strict=True))
        verdict = compare_periods(
            monthly, QUARTER, baseline, current_exposure=days, baseline_exposure=days, alpha=alpha
        ).verdict
        significant += verdict not in (NORMAL, "not enough data")
    rate = significant / replicates
    return Calibration(phi, mean, seasonal, replicates, rate, math.sqrt(rate * (1 - rate) / replicates))

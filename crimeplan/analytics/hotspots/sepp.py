"""A self-exciting point process on the grid (ETAS; Mohler et al. 2011, 2015) — only for timestamped events.

Each cell ``c`` has intensity ``λ_c(t) = μ_c + θ ω Σ exp(-ω (t - t_j))`` over its
earlier events ``t_j``: a steady background rate plus a short-lived rise after
each event (a near repeat). The parameters are fitted by expectation-maximisation
as in Mohler et al. (2015): each event is split into the probability it came
from the background and from each earlier event in its cell within
``max_lag_days``; ``θ``, ``ω`` and ``μ_c`` are then re-estimated from those shares.
The forecast is the expected number of events in each cell over the
``horizon_days`` after ``at``.

**police.uk cannot feed this model.** Its records carry the month only, and the
triggering this model estimates lasts days to weeks, far shorter than a month:
with every event of a month at the same instant the model cannot tell a repeat
from background. ``fit`` therefore refuses events whose times all fall at the
start of a month (month-only data) and says to use ``prospective`` instead. It
runs on data with real timestamps (crimeplan's tests use police.uk stop and
search records, which carry a date and time).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from crimeplan.analytics.grids import DEFAULT_CELL_SIZE, Grid
from crimeplan.analytics.hotspots.base import FloatArray, HotspotPredictor, IntArray, check_events

MONTH_ONLY = (
    "every event time falls at the start of a month: police.uk publishes the month only, and a self-exciting "
    "point process needs times to the day or better (its near-repeat triggering lasts days to weeks). "
    "Use 'prospective', which works in whole months."
)


def month_only(days: npt.ArrayLike) -> bool:
    """Whether every time (days since 1970-01-01) is midnight on the first day of a month."""
    t = np.asarray(days, float)
    starts = t.astype("datetime64[D]").astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return bool(np.all(t == starts))


def _pairs(cells: IntArray, t: FloatArray, max_lag: float) -> tuple[IntArray, IntArray]:
    """(later, earlier) index pairs of events in the same cell, earlier strictly before and within ``max_lag``."""
    order = np.lexsort((t, cells))
    span = float(t.max() - t.min()) + max_lag + 1.0
    key = cells[order] * span + (t[order] - t.min())
    start = np.searchsorted(key, key - max_lag, side="left")
    stop = np.searchsorted(key, key, side="left")  # excludes simultaneous events
    counts = stop - start
    later = np.repeat(np.arange(len(key)), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    earlier = np.repeat(start, counts) + offsets
    return order[later], order[earlier]


class SelfExcitingPointProcess(HotspotPredictor):
    """Grid ETAS with an exponential trigger, fitted by EM; refuses month-only timestamps."""

    uses_time = True

    def __init__(
        self,
        *,
        horizon_days: float = 30.0,
        max_lag_days: float = 120.0,
        iterations: int = 50,
        grid: Grid | None = None,
        cell_size: float = DEFAULT_CELL_SIZE,
        coverage: float = 0.05,
    ):
        self.horizon_days = horizon_days
        self.max_lag_days = max_lag_days
        self.iterations = iterations
        self.grid = grid
        self.cell_size = cell_size
        self.coverage = coverage

    def fit(
        self,
        X: npt.ArrayLike,  # noqa: N803  (scikit-learn's name)
        y: object = None,
        *,
        at: float | None = None,
        sample_weight: npt.ArrayLike | None = None,
    ) -> SelfExcitingPointProcess:
        data = check_events(X)
        self._check_weight(sample_weight, len(data))
        if data.shape[1] != 3:
            raise ValueError("a self-exciting point process needs event times: give X a third column, days")
        if month_only(data[:, 2]):
            raise ValueError(MONTH_ONLY)
        grid = self._grid_for(data)
        cells = grid.locate(data[:, 0], data[:, 1])
        inside = cells >= 0
        t, c = data[inside, 2], cells[inside]
        start = float(np.floor(t.max())) + 1.0 if at is None else float(at)
        if (t >= start).any():
            raise ValueError("some training events are at or after the start of the forecast period")
        self.grid_, self.n_features_in_, self.at_ = grid, 3, start
        self.n_events_, self.n_outside_ = int(inside.sum()), int((~inside).sum())
        self._em(grid, c, t, start)
        decay = np.exp(-self.omega_ * (start - t)) - np.exp(-self.omega_ * (start + self.horizon_days - t))
        triggered = np.bincount(c, weights=self.theta_ * decay, minlength=grid.n_cells)
        self.risk_ = self.mu_ * self.horizon_days + triggered
        return self

    def _em(self, grid: Grid, c: IntArray, t: FloatArray, end: float) -> None:
        later, earlier = _pairs(c, t, self.max_lag_days)
        lag = t[later] - t[earlier]
        window = max(end - float(t.min()), 1.0)
        mu = np.bincount(c, minlength=grid.n_cells) / (2 * window)
        theta, omega = 0.5, 0.1
        n_iter = 0
        for _ in range(self.iterations):
            n_iter += 1
            g = theta * omega * np.exp(-omega * lag)
            intensity = mu[c] + np.bincount(later, weights=g, minlength=len(t))
            p_pair = g / intensity[later]
            p_background = mu[c] / intensity
            triggered = float(p_pair.sum())
            new_theta = triggered / float(np.sum(1 - np.exp(-omega * np.minimum(end - t, self.max_lag_days))))
            new_omega = triggered / float((p_pair * lag).sum()) if triggered > 0 else omega
            mu = np.bincount(c, weights=p_background, minlength=grid.n_cells) / window
            done = abs(new_theta - theta) < 1e-6 and abs(new_omega - omega) < 1e-6 * max(omega, 1e-9)
            theta, omega = min(new_theta, 0.999), new_omega
            if done:
                break
        self.mu_, self.theta_, self.omega_, self.n_iter_ = mu, theta, omega, n_iter

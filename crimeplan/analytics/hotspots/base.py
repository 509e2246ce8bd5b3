"""The predictor contract (scikit-learn's) and the event representation every predictor takes.

Events are an array ``X`` of shape ``(n, 3)``: British National Grid easting and
northing in metres, and time in **days since 1970-01-01**. police.uk publishes
only the month of each record, so its events carry the first day of their month
(:func:`month_start_days`); predictors that weigh time use whole months
(:func:`days_to_month_index`). An ``(n, 2)`` array has no times: every event is
taken as being in the month before the forecast.

A predictor follows scikit-learn (``BaseEstimator``):

* ``__init__`` stores keyword parameters only;
* ``fit(X, at=None)`` validates ``X``, builds or takes the ``grid``, sets attributes ending in
  ``_`` (``grid_``, ``risk_``, ``at_``, ``n_events_``, ``n_outside_``) and returns ``self``;
  ``at`` is the start of the forecast period in days (default: the month after the latest event);
* ``predict()`` returns the risk of every grid cell; ``predict(X)`` the risk of the cell of each point
  (0 outside the area);
* ``score(X)`` is the PAI at ``coverage`` of the forecast against the events ``X`` (higher is better),
  computed by :mod:`crimeplan.analytics.metrics`.
"""

from __future__ import annotations

from typing import ClassVar

import numpy as np
import numpy.typing as npt
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_array, check_is_fitted

from crimeplan.analytics import metrics
from crimeplan.analytics.grids import DEFAULT_BUFFER_M, Grid, grid_from_points
from crimeplan.analytics.hotspots.events import FloatArray as FloatArray
from crimeplan.analytics.hotspots.events import IntArray as IntArray
from crimeplan.analytics.hotspots.events import days_to_month_index as days_to_month_index
from crimeplan.analytics.hotspots.events import month_start_days as month_start_days


def check_events(X: npt.ArrayLike, n_features: int | None = None) -> FloatArray:  # noqa: N803  (scikit-learn's name)
    """``X`` as a float array of (easting, northing[, days]); ``ValueError`` saying what is wrong."""
    data: FloatArray = check_array(X, dtype=np.float64, ensure_min_samples=1, input_name="X")
    if data.shape[1] not in (2, 3):
        raise ValueError(
            f"X has {data.shape[1]} feature(s), but a predictor takes 2 or 3 columns: easting and northing "
            "in metres, and time in days"
        )
    if n_features is not None and data.shape[1] != n_features:
        raise ValueError(f"X has {data.shape[1]} features, but the predictor was fitted with {n_features}")
    return data


class HotspotPredictor(BaseEstimator):  # type: ignore[misc]
    """Base class: subclasses declare their parameters in ``__init__`` and implement ``_surface``."""

    #: Whether the predictor weighs events by time (and so needs a third column to do so).
    uses_time: ClassVar[bool] = False
    #: Whether ``fit`` takes ``sample_weight`` (a weight per event, e.g. its crime type's harm).
    takes_sample_weight: ClassVar[bool] = False
    _sample_weight: FloatArray | None = None
    grid: Grid | None
    cell_size: float
    coverage: float

    def _surface(self, grid: Grid, cells: IntArray, months_ago: IntArray | None, at: float) -> FloatArray:
        """Risk per active cell from the events' cells and their age in months (0 = the month before ``at``)."""
        raise NotImplementedError

    def _weighted(self, weights: FloatArray | None) -> FloatArray | None:
        """Per-event weights (time weights, if any) times the events' ``sample_weight`` during ``fit``."""
        if self._sample_weight is None:
            return weights
        return self._sample_weight if weights is None else weights * self._sample_weight

    def _prepare(self, data: FloatArray, grid: Grid) -> FloatArray:
        """The events the surface is built from (a hook: re-snapping moves them; by default unchanged)."""
        return data

    def _grid_for(self, data: FloatArray) -> Grid:
        if self.grid is not None:
            return self.grid
        return grid_from_points(data[:, 0], data[:, 1], self.cell_size, DEFAULT_BUFFER_M)

    def fit(
        self,
        X: npt.ArrayLike,  # noqa: N803  (scikit-learn's name)
        y: object = None,
        *,
        at: float | None = None,
        sample_weight: npt.ArrayLike | None = None,
    ) -> HotspotPredictor:
        """Learn the risk surface from training events ``X`` for the period starting at ``at`` (days).

        ``sample_weight`` weighs each event (e.g. its crime type's harm in CCHI days), for the methods
        that count events (``takes_sample_weight``); the others refuse it.
        """
        data = check_events(X)
        weight = self._check_weight(sample_weight, len(data))
        if not 0 < self.coverage <= 1:
            raise ValueError(f"coverage must be between 0 and 1, not {self.coverage}")
        grid = self._grid_for(data)
        if data.shape[1] == 3 and at is not None and (data[:, 2] >= at).any():
            raise ValueError("some training events are at or after the start of the forecast period")
        data = self._prepare(data, grid)
        cells = grid.locate(data[:, 0], data[:, 1])
        inside = cells >= 0
        target, ages = _ages(data, at, inside)
        self.grid_ = grid
        self.n_features_in_ = data.shape[1]
        self.n_events_ = int(inside.sum())
        self.n_outside_ = int((~inside).sum())
        self.at_ = target
        self._sample_weight = None if weight is None else weight[inside]
        try:
            self.risk_ = np.asarray(self._surface(grid, cells[inside], ages, target), dtype=np.float64)
        finally:
            self._sample_weight = None
        return self

    def _check_weight(self, sample_weight: npt.ArrayLike | None, n: int) -> FloatArray | None:
        if sample_weight is None:
            return None
        if not self.takes_sample_weight:
            raise ValueError(f"{type(self).__name__} does not take sample_weight; weigh events with a counting method")
        weight = np.asarray(sample_weight, dtype=np.float64).reshape(-1)
        if len(weight) != n or not np.isfinite(weight).all() or (weight < 0).any():
            raise ValueError(f"sample_weight must be {n} finite, non-negative weights, one per event")
        if not weight.sum() > 0:
            raise ValueError("sample_weight is zero for every event, so there is nothing to count")
        return weight

    def predict(self, X: npt.ArrayLike | None = None) -> FloatArray:  # noqa: N803  (scikit-learn's name)
        """Risk of every grid cell (``X`` omitted) or of the cell of each point in ``X`` (0 outside)."""
        check_is_fitted(self, "risk_")
        if X is None:
            out: FloatArray = self.risk_.copy()
            return out
        data = check_events(X, self.n_features_in_)
        index = self.grid_.locate(data[:, 0], data[:, 1])
        return np.where(index >= 0, self.risk_[np.maximum(index, 0)], 0.0)

    def score(self, X: npt.ArrayLike, y: object = None) -> float:  # noqa: N803  (scikit-learn's name)
        """PAI at ``coverage`` against the events ``X`` (NaN when none of them is in the area)."""
        check_is_fitted(self, "risk_")
        data = check_events(X, self.n_features_in_)
        actual = self.grid_.counts(data[:, 0], data[:, 1])
        return metrics.score(self.risk_, actual, self.coverage).pai


def _ages(data: FloatArray, at: float | None, inside: npt.NDArray[np.bool_]) -> tuple[float, IntArray | None]:
    """The forecast start (days) and each located event's age in whole months before it."""
    if data.shape[1] == 2:
        return (float(at) if at is not None else 0.0), None
    months = days_to_month_index(data[:, 2])
    if at is None:
        latest = int(months.max())
        target_month = latest + 1
        at = float(np.datetime64(target_month, "M").astype("datetime64[D]").astype(np.int64))
    else:
        target_month = int(days_to_month_index([at])[0])
        if (data[:, 2] >= at).any():
            raise ValueError("some training events are at or after the start of the forecast period")
    return float(at), (target_month - 1 - months[inside]).astype(np.int64)

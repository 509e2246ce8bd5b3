"""A learned ranking of cells: gradient-boosted trees over cell features, trained with rolling origins.

Inside the training window the model makes its own small evaluation: for each of
the last ``origins`` months ``o`` of the window it computes every cell's
features from the ``history`` months before ``o`` only, and the cell's count in
``o`` is the target. A Poisson gradient-boosted regressor (scikit-learn's
``HistGradientBoostingRegressor``) is fitted on those rows; the forecast applies
it to the features of the ``history`` months before the forecast month. Nothing
at or after the forecast month is used: ``fit`` refuses such events, and the
context's typed events are cut at the forecast month too.

Features per cell (all computed from months before the origin):

* counts in each of the last three months, in months 4–6 and 7–8 before, and over
  the whole history; counts decayed by ``0.5`` and ``0.8`` per month of age;
* the same history re-snapped to the map points of the month before the origin
  (:mod:`.resnap`), total and decayed;
* counts within 1, 2 and 4 cells (squares of 3, 5 and 9 cells), total and decayed;
* months since the cell's last crime (``history`` if none);
* map-point density: distinct map points in the cell, and within 1 cell;
* counts by police.uk crime type, anti-social behaviour included (from the context);
* the LSOA's IMD 2019 rank and population (the LSOA whose centroid is nearest the cell);
* seasonality: the origin's calendar month as a sine and cosine.

Rows are the cells within 1 cell of any training event; other cells get risk 0.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from crimeplan.analytics.grids import DEFAULT_CELL_SIZE, Grid
from crimeplan.analytics.hotspots.base import FloatArray, HotspotPredictor, IntArray, days_to_month_index
from crimeplan.analytics.hotspots.resnap import DEFAULT_RESNAP_M, resnap

RADII = (1, 2, 4)


@dataclass(frozen=True, eq=False)
class CellContext:
    """What a cell is, beyond the events being forecast: static features and events of every crime type.

    ``static`` has one row per grid cell (``static_names`` name its columns); ``typed`` is ``(n, 4)``:
    easting, northing, days and an index into ``type_names``. Events at or after a forecast month are
    never used for it (the predictor cuts them).
    """

    static: FloatArray
    static_names: tuple[str, ...]
    typed: FloatArray = field(default_factory=lambda: np.zeros((0, 4)))
    type_names: tuple[str, ...] = ()


def _box(grid: Grid, values: FloatArray, radius: int) -> FloatArray:
    from scipy.ndimage import uniform_filter

    size = 2 * radius + 1
    raster = uniform_filter(grid.to_raster(values), size=size, mode="constant") * size * size
    return grid.from_raster(np.round(raster, 9))


@dataclass
class _History:
    """Per-cell counts by age (months before the forecast month) and the events' cells and points."""

    counts: FloatArray  # (ages, cells)
    ages: IntArray
    cells: IntArray
    xy: FloatArray


class LearnedRanking(HotspotPredictor):
    """Poisson gradient-boosted trees over cell features, trained on rolling origins inside the window."""

    uses_time = True

    def __init__(
        self,
        *,
        history: int = 8,
        origins: int = 4,
        max_iter: int = 60,
        learning_rate: float = 0.1,
        resnap_m: float = DEFAULT_RESNAP_M,
        context: CellContext | None = None,
        random_state: int = 0,
        grid: Grid | None = None,
        cell_size: float = DEFAULT_CELL_SIZE,
        coverage: float = 0.05,
    ):
        self.history = history
        self.origins = origins
        self.max_iter = max_iter
        self.learning_rate = learning_rate
        self.resnap_m = resnap_m
        self.context = context
        self.random_state = random_state
        self.grid = grid
        self.cell_size = cell_size
        self.coverage = coverage

    def _prepare(self, data: FloatArray, grid: Grid) -> FloatArray:
        if data.shape[1] != 3:
            raise ValueError("a learned ranking needs event times: give X a third column, days")
        if self.history < 1 or self.origins < 1:
            raise ValueError(f"history and origins must be 1 or more, not {self.history} and {self.origins}")
        if self.context is not None and len(self.context.static) != grid.n_cells:
            raise ValueError(f"the context has {len(self.context.static)} cells but the grid has {grid.n_cells}")
        self._xy = data[:, :2]
        return data

    def _surface(self, grid: Grid, cells: IntArray, months_ago: IntArray | None, at: float) -> FloatArray:
        from sklearn.ensemble import HistGradientBoostingRegressor
        from threadpoolctl import threadpool_limits

        assert months_ago is not None  # _prepare refuses events without times
        xy = self._xy
        del self._xy  # the events' points are needed for this fit only
        inside = grid.locate(xy[:, 0], xy[:, 1]) >= 0
        depth = self.history + self.origins
        keep = months_ago < depth
        h = _History(np.zeros((depth, grid.n_cells)), months_ago[keep], cells[keep], xy[inside][keep])
        np.add.at(h.counts, (h.ages, h.cells), 1.0)
        target_month = int(days_to_month_index([at])[0])
        candidates = np.flatnonzero(_box(grid, h.counts.sum(axis=0), 1) > 0)
        self.n_candidates_ = len(candidates)
        risk = np.zeros(grid.n_cells)
        available = [j for j in range(1, self.origins + 1) if h.counts[j - 1].sum() > 0]
        if not len(candidates) or not available:
            self.n_training_rows_ = 0
            risk[:] = h.counts.sum(axis=0)
            return risk
        rows, targets = [], []
        for j in available:
            rows.append(self._features(grid, h, j, target_month - j, at)[candidates])
            targets.append(h.counts[j - 1][candidates])
        model = HistGradientBoostingRegressor(
            loss="poisson",
            max_iter=self.max_iter,
            learning_rate=self.learning_rate,
            max_leaf_nodes=31,
            min_samples_leaf=50,
            l2_regularization=1.0,
            early_stopping=False,
            random_state=self.random_state,
        )
        with threadpool_limits(limits=1, user_api="openmp"):  # one core: spinning threads stall a shared machine
            model.fit(np.vstack(rows), np.concatenate(targets))
            risk[candidates] = model.predict(self._features(grid, h, 0, target_month, at)[candidates])
        self.model_, self.n_training_rows_ = model, int(sum(len(t) for t in targets))
        self.feature_names_out_ = self._names()
        return risk

    def _names(self) -> list[str]:
        names = ["lag1", "lag2", "lag3", "lag4_6", "lag7_8", "total", "decay_0.5", "decay_0.8"]
        names += ["resnapped_total", "resnapped_decay_0.5"]
        names += [f"{kind}_within_{r}" for r in RADII for kind in ("total", "decay_0.5")]
        names += ["months_since_last", "map_points", "map_points_within_1"]
        if self.context is not None:
            names += [f"type:{t}" for t in self.context.type_names] + list(self.context.static_names)
        return [*names, "month_sin", "month_cos"]

    def _features(self, grid: Grid, h: _History, j: int, month: int, at: float) -> FloatArray:
        """Features of every cell for the origin ``j`` months before the forecast month (``month``)."""
        window = h.counts[j : j + self.history]
        age = np.arange(len(window), dtype=np.float64)[:, None]
        total = window.sum(axis=0)
        decay5, decay8 = (window * 0.5**age).sum(axis=0), (window * 0.8**age).sum(axis=0)
        columns = [window[0], window[1:2].sum(axis=0), window[2:3].sum(axis=0)]
        columns += [window[3:6].sum(axis=0), window[6:8].sum(axis=0), total, decay5, decay8]
        columns += self._resnapped(grid, h, j)
        for r in RADII:
            columns += [_box(grid, total, r), _box(grid, decay5, r)]
        seen = window > 0
        since: FloatArray = np.where(seen.any(axis=0), seen.argmax(axis=0), len(window)).astype(np.float64)
        columns.append(since)
        points = self._map_points(grid, h, j)
        columns += [points, _box(grid, points, 1)]
        if self.context is not None:
            columns += self._typed(grid, month, at)
            columns += list(self.context.static.T)
        calendar = (month % 12) / 12 * 2 * np.pi
        columns += [np.full(grid.n_cells, np.sin(calendar)), np.full(grid.n_cells, np.cos(calendar))]
        return np.column_stack(columns)

    def _in_history(self, h: _History, j: int) -> npt.NDArray[np.bool_]:
        return (h.ages >= j) & (h.ages < j + self.history)

    def _resnapped(self, grid: Grid, h: _History, j: int) -> list[FloatArray]:
        mine = self._in_history(h, j)
        latest = h.ages == j
        xy, _ = resnap(h.xy[mine], np.unique(h.xy[latest], axis=0), self.resnap_m)
        cells = grid.locate(xy[:, 0], xy[:, 1])
        ok = cells >= 0
        weights = 0.5 ** (h.ages[mine][ok] - j).astype(np.float64)
        total: FloatArray = np.bincount(cells[ok], minlength=grid.n_cells).astype(np.float64)
        decayed: FloatArray = np.bincount(cells[ok], weights=weights, minlength=grid.n_cells).astype(np.float64)
        return [total, decayed]

    def _map_points(self, grid: Grid, h: _History, j: int) -> FloatArray:
        mine = self._in_history(h, j)
        unique = np.unique(np.column_stack([h.cells[mine], h.xy[mine]]), axis=0)
        return np.bincount(unique[:, 0].astype(np.int64), minlength=grid.n_cells).astype(np.float64)

    def _typed(self, grid: Grid, month: int, at: float) -> list[FloatArray]:
        assert self.context is not None
        typed = self.context.typed
        n_types = len(self.context.type_names)
        if not len(typed) or not n_types:
            return [np.zeros(grid.n_cells) for _ in range(n_types)]
        months = days_to_month_index(typed[:, 2])
        keep = (months < month) & (months >= month - self.history) & (typed[:, 2] < at)
        cells = grid.locate(typed[keep, 0], typed[keep, 1])
        codes = typed[keep, 3].astype(np.int64)
        ok = cells >= 0
        flat = np.bincount(cells[ok] * n_types + codes[ok], minlength=grid.n_cells * n_types)
        return list(flat.reshape(grid.n_cells, n_types).T.astype(np.float64))

    def get_feature_names_out(self, input_features: Any = None) -> npt.NDArray[np.str_]:
        """The names of the model's features, in the order it takes them."""
        return np.asarray(self._names(), dtype=str)

"""A learned weighting of other predictors: stacking with non-negative weights.

The weights are learned inside the training window, never from the forecast
month: each base predictor is fitted on the window without its last month and
forecasts that last month; the weights are the non-negative least-squares fit
(Breiman 1996, "Stacked regressions") of that month's share of events per cell
on the base forecasts, each scaled to sum to 1. The base predictors are then
fitted on the whole window and combined with those weights; the sum is scaled
to the number of training events, so the risk reads like a (smoothed) count.

With a one-month window, no times, or no events in the last month there is
nothing to learn from: the weights are equal, and ``weighting_`` says why.
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import nnls

from crimeplan.analytics.grids import DEFAULT_CELL_SIZE, Grid
from crimeplan.analytics.hotspots.base import FloatArray, HotspotPredictor, IntArray
from crimeplan.analytics.hotspots.kde import cell_counts

DEFAULT_BASES = ("naive", "kde-quartic", "kde-gaussian", "retrospective", "prospective")


def _share(values: FloatArray) -> FloatArray:
    total = float(values.sum())
    return values / total if total > 0 else values


class StackedEnsemble(HotspotPredictor):
    """Non-negative weighted sum of base predictors, weights learned on the window's last month."""

    uses_time = True

    def __init__(
        self,
        *,
        methods: tuple[str, ...] = DEFAULT_BASES,
        grid: Grid | None = None,
        cell_size: float = DEFAULT_CELL_SIZE,
        coverage: float = 0.05,
    ):
        self.methods = methods
        self.grid = grid
        self.cell_size = cell_size
        self.coverage = coverage

    def _bases(self, grid: Grid) -> list[HotspotPredictor]:
        from crimeplan.analytics.hotspots.registry import make

        if not self.methods or "ensemble" in self.methods:
            raise ValueError("an ensemble needs one or more base methods other than 'ensemble'")
        return [make(name, grid=grid, coverage=self.coverage) for name in self.methods]

    def _surface(self, grid: Grid, cells: IntArray, months_ago: IntArray | None, at: float) -> FloatArray:
        bases = self._bases(grid)
        self.weights_, self.weighting_ = self._learn(grid, bases, cells, months_ago, at)
        risk = np.zeros(grid.n_cells)
        for base, weight in zip(bases, self.weights_.values(), strict=True):
            if weight > 0:
                risk += weight * _share(base._surface(grid, cells, months_ago, at))
        return risk * len(cells)

    def _learn(
        self, grid: Grid, bases: list[HotspotPredictor], cells: IntArray, months_ago: IntArray | None, at: float
    ) -> tuple[dict[str, float], str]:
        equal = {name: 1 / len(bases) for name in self.methods}
        if months_ago is None:
            return equal, "equal weights: the events have no times"
        last = months_ago == 0
        earlier = ~last
        if not last.any() or not earlier.any():
            return equal, "equal weights: the window needs events in its last month and before it"
        target = _share(cell_counts(grid, cells[last]))
        columns = [_share(b._surface(grid, cells[earlier], months_ago[earlier] - 1, at)) for b in bases]
        weights, _ = nnls(np.column_stack(columns), target)
        if not weights.sum() > 0:
            return equal, "equal weights: the least-squares fit gave every method zero weight"
        weights = weights / weights.sum()
        learned = {name: float(w) for name, w in zip(self.methods, weights, strict=True)}
        return learned, "non-negative least squares on the window's last month"

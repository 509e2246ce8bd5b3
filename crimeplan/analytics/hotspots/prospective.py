"""Retrospective and prospective hotspotting (Bowers, Johnson & Pease 2004), in month time units.

Both weigh each training event by the inverse distance in cells from the cell
being scored, ``1 / (1 + d / cell size)`` for events within ``bandwidth``
metres (the ``bowers`` kernel of :mod:`.kde`).

* **Retrospective**: every event in the training window counts the same (the
  "where has crime been" map that Bowers et al. compared against).
* **Prospective**: an event also counts less the longer ago it happened,
  ``1 / (1 + age)`` where ``age`` is the number of whole months between the
  event's month and the month before the forecast (so last month's events
  weigh 1, the month before 1/2, ...); events older than ``time_bandwidth``
  months are left out. Bowers et al. used weeks; police.uk gives months, so the
  time unit here is the month.

Because both weightings are separable in space and time, the risk is one
convolution of the time-weighted count raster: the cost does not grow with the
number of events.
"""

from __future__ import annotations

import numpy as np

from crimeplan.analytics.grids import DEFAULT_CELL_SIZE, Grid
from crimeplan.analytics.hotspots.base import FloatArray, HotspotPredictor, IntArray
from crimeplan.analytics.hotspots.kde import cell_counts, kernel, smooth


class RetrospectiveHotspot(HotspotPredictor):
    """Inverse-distance (in cells) weighting of every training event, no time decay."""

    takes_sample_weight = True

    def __init__(
        self,
        *,
        bandwidth: float = 400.0,
        grid: Grid | None = None,
        cell_size: float = DEFAULT_CELL_SIZE,
        coverage: float = 0.05,
    ):
        self.bandwidth = bandwidth
        self.grid = grid
        self.cell_size = cell_size
        self.coverage = coverage

    def _surface(self, grid: Grid, cells: IntArray, months_ago: IntArray | None, at: float) -> FloatArray:
        return smooth(
            grid, cell_counts(grid, cells, self._weighted(None)), kernel("bowers", self.bandwidth, grid.cell_size)
        )


class ProspectiveHotspot(HotspotPredictor):
    """Inverse distance in cells times inverse age in months (Bowers, Johnson & Pease 2004)."""

    uses_time = True
    takes_sample_weight = True

    def __init__(
        self,
        *,
        bandwidth: float = 400.0,
        time_bandwidth: int | None = None,
        grid: Grid | None = None,
        cell_size: float = DEFAULT_CELL_SIZE,
        coverage: float = 0.05,
    ):
        self.bandwidth = bandwidth
        self.time_bandwidth = time_bandwidth
        self.grid = grid
        self.cell_size = cell_size
        self.coverage = coverage

    def _surface(self, grid: Grid, cells: IntArray, months_ago: IntArray | None, at: float) -> FloatArray:
        if self.time_bandwidth is not None and self.time_bandwidth < 1:
            raise ValueError(f"time_bandwidth must be at least 1 month (or None for all), not {self.time_bandwidth}")
        weights: FloatArray | None = None
        if months_ago is not None:
            weights = np.asarray(1.0 / (1.0 + months_ago), dtype=np.float64)
            if self.time_bandwidth is not None:
                weights[months_ago >= self.time_bandwidth] = 0.0
        counts = cell_counts(grid, cells, self._weighted(weights))
        return smooth(grid, counts, kernel("bowers", self.bandwidth, grid.cell_size))

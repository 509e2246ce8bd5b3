"""Naive counts and kernel density estimation on the grid, by convolution.

Events are binned to cells first, then the count raster is convolved with a
kernel evaluated at the distances between cell centres (a *binned* KDE: each
event is taken at its cell's centre, at most half a cell diagonal — 106 m for
150 m cells — from where police.uk put it; police.uk locations are themselves
snapped to anonymous map points). The convolution is done with FFTs
(``scipy.signal.fftconvolve``), so the cost depends on the grid, not on the
number of events; values within 1e-12 of the largest are rounded so that equal
neighbourhoods get equal risk (FFT round-off would otherwise break ties).

Kernels (``d`` = distance between cell centres, ``h`` = bandwidth in metres):

* ``quartic``: ``(1 - d²/h²)²`` for ``d < h`` (the kernel of most crime-mapping software; Chainey 2013);
* ``gaussian``: ``exp(-d² / 2h²)``, cut at ``4h``;
* ``bowers``: ``1 / (1 + d / cell size)`` for ``d <= h``, the inverse distance in cells of
  Bowers, Johnson & Pease (2004).

Each kernel is scaled to sum to 1, so a KDE's risk is a smoothed count of events per cell.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.signal import fftconvolve

from crimeplan.analytics.grids import DEFAULT_CELL_SIZE, Grid
from crimeplan.analytics.hotspots.base import FloatArray, HotspotPredictor, IntArray

KERNELS = ("quartic", "gaussian", "bowers")


def kernel(kind: str, bandwidth: float, cell_size: float) -> FloatArray:
    """The kernel on a square of cell offsets (odd side, centred), scaled to sum to 1."""
    if kind not in KERNELS:
        raise ValueError(f"unknown kernel {kind!r}; use one of {', '.join(KERNELS)}")
    if not bandwidth > 0:
        raise ValueError(f"bandwidth must be positive metres, not {bandwidth}")
    reach = 4 * bandwidth if kind == "gaussian" else bandwidth
    radius = max(0, math.floor(reach / cell_size))
    offsets = np.arange(-radius, radius + 1) * cell_size
    d = np.hypot(*np.meshgrid(offsets, offsets))
    if kind == "quartic":
        values = np.where(d < bandwidth, (1 - (d / bandwidth) ** 2) ** 2, 0.0)
    elif kind == "gaussian":
        values = np.where(d <= reach, np.exp(-(d**2) / (2 * bandwidth**2)), 0.0)
    else:
        values = np.where(d <= bandwidth, 1 / (1 + d / cell_size), 0.0)
    return np.asarray(values / values.sum(), dtype=np.float64)


def smooth(grid: Grid, weights_per_cell: FloatArray, kern: FloatArray) -> FloatArray:
    """Convolve per-cell weights with a kernel over the grid's raster; the result at the active cells."""
    raster = grid.to_raster(weights_per_cell)
    if kern.shape == (1, 1):
        return np.asarray(weights_per_cell * kern[0, 0], dtype=np.float64)
    out = fftconvolve(raster, kern, mode="same")
    peak = float(np.abs(out).max()) or 1.0
    out = np.round(out / peak, 12) * peak
    out[out < 0] = 0.0
    return grid.from_raster(out)


def cell_counts(grid: Grid, cells: IntArray, weights: FloatArray | None = None) -> FloatArray:
    return np.bincount(cells, weights=weights, minlength=grid.n_cells).astype(np.float64)


class NaiveCounts(HotspotPredictor):
    """The baseline: risk is the number of training events in the cell."""

    takes_sample_weight = True

    def __init__(self, *, grid: Grid | None = None, cell_size: float = DEFAULT_CELL_SIZE, coverage: float = 0.05):
        self.grid = grid
        self.cell_size = cell_size
        self.coverage = coverage

    def _surface(self, grid: Grid, cells: IntArray, months_ago: IntArray | None, at: float) -> FloatArray:
        return cell_counts(grid, cells, self._weighted(None))


class KDE(HotspotPredictor):
    """Kernel density of the training events (quartic or Gaussian kernel, bandwidth in metres)."""

    takes_sample_weight = True

    def __init__(
        self,
        *,
        kernel: str = "quartic",
        bandwidth: float = 300.0,
        grid: Grid | None = None,
        cell_size: float = DEFAULT_CELL_SIZE,
        coverage: float = 0.05,
    ):
        self.kernel = kernel
        self.bandwidth = bandwidth
        self.grid = grid
        self.cell_size = cell_size
        self.coverage = coverage

    def _surface(self, grid: Grid, cells: IntArray, months_ago: IntArray | None, at: float) -> FloatArray:
        return smooth(
            grid, cell_counts(grid, cells, self._weighted(None)), kernel(self.kernel, self.bandwidth, grid.cell_size)
        )

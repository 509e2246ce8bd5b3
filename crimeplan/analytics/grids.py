"""Square grids over a force area in British National Grid (EPSG:27700).

A :class:`Grid` is a raster of square cells (default 150 m) whose south-west
corner sits on a multiple of the cell size, so the same force and cell size
always give the same cells. Only the cells inside the force area are *active*;
everything crimeplan predicts or scores is one value per active cell, in the
grid's order (row by row from the south-west).

Two masking rules say which cells are in the area (``Grid.rule`` records which):

* ``boundaries``: the cell's centre lies in one of the force's LSOA boundaries,
  or the boundary line passes through the cell (so coastal and border cells
  with land in the force are kept);
* ``events``: where no boundaries are loaded, the cell's centre is within
  ``buffer_m`` metres of the centre of a cell holding a police.uk map point
  where the force published a record with one of its own LSOA codes.

Points are binned by arithmetic (no per-point geometry), and an analyst can
export the grid as GeoJSON or a table of cell centres to run other tools on
exactly the same cells.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pyproj
import shapely

from crimeplan.analytics.lazy import lazy_module

if TYPE_CHECKING:
    import polars as pl
    from scipy import ndimage, sparse
else:
    pl = lazy_module("polars")
    ndimage = lazy_module("scipy.ndimage")
    sparse = lazy_module("scipy.sparse")

BNG = "EPSG:27700"
WGS84 = "EPSG:4326"
DEFAULT_CELL_SIZE = 150.0
DEFAULT_BUFFER_M = 1000.0

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


@cache
def _transformer(source: str, target: str) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(source, target, always_xy=True)


def to_bng(longitude: npt.ArrayLike, latitude: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """WGS84 longitude/latitude to British National Grid eastings/northings in metres.

    pyproj's default transformation (a Helmert shift) is used; without the OSTN15 grid file it
    is accurate to a few metres, well inside a 150 m cell.
    """
    x, y = _transformer(WGS84, BNG).transform(np.asarray(longitude, float), np.asarray(latitude, float))
    return np.asarray(x, float), np.asarray(y, float)


def to_lonlat(easting: npt.ArrayLike, northing: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """British National Grid eastings/northings to WGS84 longitude/latitude."""
    lon, lat = _transformer(BNG, WGS84).transform(np.asarray(easting, float), np.asarray(northing, float))
    return np.asarray(lon, float), np.asarray(lat, float)


@dataclass(frozen=True, eq=False)
class Grid:
    """Square cells of ``cell_size`` metres; ``mask[row, col]`` is True for cells in the area.

    ``x0, y0`` is the south-west corner of cell (0, 0) in British National Grid metres.
    """

    x0: float
    y0: float
    cell_size: float
    mask: BoolArray
    rule: str = "all"
    description: str = ""
    cells: IntArray = field(init=False, repr=False)
    _lookup: IntArray = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.cell_size <= 0:
            raise ValueError(f"cell_size must be positive metres, not {self.cell_size}")
        if self.mask.ndim != 2:
            raise ValueError("mask must be a 2-D array of rows (south to north) by columns (west to east)")
        cells = np.flatnonzero(self.mask.ravel()).astype(np.int64)
        lookup = np.full(self.mask.size + 1, -1, dtype=np.int64)  # the extra slot answers "outside"
        lookup[cells] = np.arange(len(cells), dtype=np.int64)
        object.__setattr__(self, "cells", cells)
        object.__setattr__(self, "_lookup", lookup)

    # -- shape ----------------------------------------------------------------
    @property
    def ny(self) -> int:
        return int(self.mask.shape[0])

    @property
    def nx(self) -> int:
        return int(self.mask.shape[1])

    @property
    def n_cells(self) -> int:
        """Active cells (in the area)."""
        return len(self.cells)

    @property
    def area_km2(self) -> float:
        return self.n_cells * self.cell_size**2 / 1e6

    def rows_cols(self) -> tuple[IntArray, IntArray]:
        """Row (south to north) and column (west to east) of each active cell."""
        return self.cells // self.nx, self.cells % self.nx

    # -- binning --------------------------------------------------------------
    def locate(self, easting: npt.ArrayLike, northing: npt.ArrayLike) -> IntArray:
        """Active cell index of each point, ``-1`` where it falls outside the area."""
        x = np.asarray(easting, float)
        y = np.asarray(northing, float)
        col = np.floor((x - self.x0) / self.cell_size)
        row = np.floor((y - self.y0) / self.cell_size)
        inside = (col >= 0) & (col < self.nx) & (row >= 0) & (row < self.ny) & np.isfinite(col) & np.isfinite(row)
        flat = np.where(inside, row * self.nx + col, self.mask.size).astype(np.int64)
        return self._lookup[flat]

    def counts(
        self, easting: npt.ArrayLike, northing: npt.ArrayLike, weights: npt.ArrayLike | None = None
    ) -> FloatArray:
        """Number (or total weight) of points in each active cell; points outside are ignored."""
        index = self.locate(easting, northing)
        keep = index >= 0
        w = None if weights is None else np.asarray(weights, float)[keep]
        return np.bincount(index[keep], weights=w, minlength=self.n_cells).astype(np.float64)

    # -- rasters --------------------------------------------------------------
    def to_raster(self, values: npt.ArrayLike, fill: float = 0.0) -> FloatArray:
        """A (rows, cols) array with the values at active cells and ``fill`` elsewhere."""
        flat = np.full(self.mask.size, fill, dtype=np.float64)
        flat[self.cells] = np.asarray(values, float)
        return flat.reshape(self.mask.shape)

    def from_raster(self, raster: npt.ArrayLike) -> FloatArray:
        """The values of a (rows, cols) array at the active cells."""
        return np.asarray(raster, float).ravel()[self.cells]

    # -- geometry -------------------------------------------------------------
    def centres(self) -> tuple[FloatArray, FloatArray]:
        """Eastings and northings of the active cells' centres."""
        row, col = self.rows_cols()
        x = np.asarray(self.x0 + (col + 0.5) * self.cell_size, dtype=np.float64)
        return x, np.asarray(self.y0 + (row + 0.5) * self.cell_size, dtype=np.float64)

    def cell_ids(self, index: npt.ArrayLike | None = None) -> list[str]:
        """Stable names of cells: the cell size and the south-west corner, e.g. ``150m-E352650-N428700``."""
        row, col = self.rows_cols()
        if index is not None:
            row, col = row[np.asarray(index, np.int64)], col[np.asarray(index, np.int64)]
        xs = np.rint(self.x0 + col * self.cell_size).astype(np.int64)
        ys = np.rint(self.y0 + row * self.cell_size).astype(np.int64)
        size = f"{self.cell_size:g}m"
        return [f"{size}-E{x}-N{y}" for x, y in zip(xs.tolist(), ys.tolist(), strict=True)]

    def neighbours(self) -> sparse.csr_array:
        """Queen contiguity between active cells (binary, no self-neighbours), as a sparse matrix."""
        row, col = self.rows_cols()
        rows, cols = [], []
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if dy == 0 and dx == 0:
                    continue
                r, c = row + dy, col + dx
                ok = (r >= 0) & (r < self.ny) & (c >= 0) & (c < self.nx)
                target = np.full(len(row), -1, dtype=np.int64)
                target[ok] = self._lookup[r[ok] * self.nx + c[ok]]
                found = target >= 0
                rows.append(np.flatnonzero(found))
                cols.append(target[found])
        i, j = np.concatenate(rows), np.concatenate(cols)
        matrix = sparse.csr_array((np.ones(len(i)), (i, j)), shape=(self.n_cells, self.n_cells))
        matrix.sort_indices()
        return matrix

    def polygons_lonlat(self, index: npt.ArrayLike | None = None) -> npt.NDArray[np.object_]:
        """Cell squares as WGS84 polygons (corners projected exactly), for maps."""
        row, col = self.rows_cols()
        if index is not None:
            row, col = row[np.asarray(index, np.int64)], col[np.asarray(index, np.int64)]
        x = self.x0 + col * self.cell_size
        y = self.y0 + row * self.cell_size
        s = self.cell_size
        corners_x = np.stack([x, x + s, x + s, x, x], axis=1)
        corners_y = np.stack([y, y, y + s, y + s, y], axis=1)
        lon, lat = to_lonlat(corners_x.ravel(), corners_y.ravel())
        coords = np.stack([lon, lat], axis=1).reshape(len(x), 5, 2)
        shapes: npt.NDArray[np.object_] = shapely.polygons(coords)
        return shapes

    # -- export ---------------------------------------------------------------
    def centres_table(self) -> pl.DataFrame:
        """One row per active cell: id, row, col, easting, northing, longitude, latitude of its centre."""
        x, y = self.centres()
        lon, lat = to_lonlat(x, y)
        row, col = self.rows_cols()
        return pl.DataFrame(
            {
                "cell": np.arange(self.n_cells),
                "cell_id": self.cell_ids(),
                "row": row,
                "col": col,
                "easting": x,
                "northing": y,
                "longitude": np.round(lon, 6),
                "latitude": np.round(lat, 6),
            }
        )

    def to_geojson(
        self, properties: Mapping[str, npt.ArrayLike] | None = None, index: npt.ArrayLike | None = None
    ) -> dict[str, Any]:
        """A GeoJSON FeatureCollection (WGS84, RFC 7946) of the cells, with per-cell properties.

        ``index`` selects cells (default: all active cells); each array in ``properties`` has one
        value per active cell.
        """
        chosen = np.arange(self.n_cells) if index is None else np.asarray(index, np.int64)
        shapes = shapely.set_precision(self.polygons_lonlat(chosen), 1e-6)
        geometries = shapely.to_geojson(shapes)
        ids = self.cell_ids(chosen)
        columns = {name: np.asarray(values)[chosen].tolist() for name, values in (properties or {}).items()}
        features = []
        for k, (cell, text) in enumerate(zip(chosen.tolist(), geometries.tolist(), strict=True)):
            props: dict[str, Any] = {"cell": cell, "cell_id": ids[k]}
            props.update({name: values[k] for name, values in columns.items()})
            features.append({"type": "Feature", "geometry": _geometry(text), "properties": props})
        return {"type": "FeatureCollection", "features": features, "properties": self.info()}

    def info(self) -> dict[str, Any]:
        """What an analyst needs to rebuild the grid: CRS, origin, cell size, shape, rule."""
        return {
            "crs": BNG,
            "x0": self.x0,
            "y0": self.y0,
            "cell_size": self.cell_size,
            "columns": self.nx,
            "rows": self.ny,
            "cells": self.n_cells,
            "area_km2": round(self.area_km2, 2),
            "rule": self.rule,
            "description": self.description,
        }


def _geometry(text: str) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(text)
    return parsed


def _frame(xmin: float, ymin: float, xmax: float, ymax: float, cell_size: float) -> tuple[float, float, int, int]:
    """Origin snapped to multiples of the cell size, and the columns and rows covering the box."""
    x0 = math.floor(xmin / cell_size) * cell_size
    y0 = math.floor(ymin / cell_size) * cell_size
    nx = max(1, math.floor((xmax - x0) / cell_size) + 1)
    ny = max(1, math.floor((ymax - y0) / cell_size) + 1)
    return x0, y0, nx, ny


def grid_from_boundaries(
    polygons: Sequence[shapely.Geometry] | npt.NDArray[np.object_], cell_size: float = DEFAULT_CELL_SIZE
) -> Grid:
    """A grid masked to WGS84 polygons (a force's LSOAs): cells whose centre is inside, or that the edge crosses."""
    shapes = np.asarray(polygons, dtype=object)
    if len(shapes) == 0:
        raise ValueError("no boundaries given: load the force's LSOA boundaries or use grid_from_points")
    projected = shapely.transform(shapes, lambda xy: np.column_stack(to_bng(xy[:, 0], xy[:, 1])))
    area = shapely.union_all(projected)
    xmin, ymin, xmax, ymax = shapely.bounds(area)
    x0, y0, nx, ny = _frame(xmin, ymin, xmax, ymax, cell_size)
    cx = x0 + (np.arange(nx) + 0.5) * cell_size
    cy = y0 + (np.arange(ny) + 0.5) * cell_size
    gx, gy = np.meshgrid(cx, cy)
    shapely.prepare(area)
    mask = shapely.contains_xy(area, gx.ravel(), gy.ravel()).reshape(ny, nx)
    edge = shapely.segmentize(shapely.boundary(area), cell_size / 4)
    ex, ey = shapely.get_coordinates(edge).T
    col = np.floor((ex - x0) / cell_size).astype(np.int64).clip(0, nx - 1)
    row = np.floor((ey - y0) / cell_size).astype(np.int64).clip(0, ny - 1)
    mask[row, col] = True
    return Grid(
        x0,
        y0,
        cell_size,
        mask,
        rule="boundaries",
        description=(
            f"{cell_size:g} m cells whose centre is in the area's {len(shapes):,} LSOA boundaries "
            "or that its edge crosses"
        ),
    )


def grid_from_points(
    easting: npt.ArrayLike,
    northing: npt.ArrayLike,
    cell_size: float = DEFAULT_CELL_SIZE,
    buffer_m: float = DEFAULT_BUFFER_M,
) -> Grid:
    """A grid masked to cells whose centre is within ``buffer_m`` of the centre of a cell holding a point."""
    x = np.asarray(easting, float)
    y = np.asarray(northing, float)
    ok = np.isfinite(x) & np.isfinite(y)
    if not ok.any():
        raise ValueError("no located points to build a grid from")
    if buffer_m < 0:
        raise ValueError(f"buffer_m must be zero or more metres, not {buffer_m}")
    x, y = x[ok], y[ok]
    pad = buffer_m + cell_size
    x0, y0, nx, ny = _frame(x.min() - pad, y.min() - pad, x.max() + pad, y.max() + pad, cell_size)
    occupied = np.zeros((ny, nx), dtype=bool)
    occupied[((y - y0) // cell_size).astype(np.int64), ((x - x0) // cell_size).astype(np.int64)] = True
    distance = ndimage.distance_transform_edt(~occupied) * cell_size
    mask = np.asarray(distance <= buffer_m + 1e-9)
    return Grid(
        x0,
        y0,
        cell_size,
        mask,
        rule="events",
        description=(
            f"{cell_size:g} m cells whose centre is within {buffer_m:g} m of the centre of a cell "
            f"holding one of {len(np.unique(np.column_stack([x, y]), axis=0)):,} distinct map points"
        ),
    )

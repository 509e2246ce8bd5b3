"""Events and grids from the crime store, for hotspot analysis.

``load_events`` reads a force's street-level records for a period (all crime
except anti-social behaviour, or one crime type) and projects them to British
National Grid; records without coordinates are counted, not guessed.
``force_grid`` builds the force's grid: masked to its LSOA boundaries where
they are loaded, otherwise to the cells near the map points where it published
records in its own LSOAs (see :mod:`crimeplan.analytics.grids`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import shapely

from crimeplan.analytics import vocabulary
from crimeplan.analytics.grids import (
    DEFAULT_BUFFER_M,
    DEFAULT_CELL_SIZE,
    Grid,
    grid_from_boundaries,
    grid_from_points,
    to_bng,
)
from crimeplan.analytics.hotspots.events import FloatArray, month_start_days
from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.store import Store
from crimeplan.analytics.vocabulary import ALL_CRIME, ANTI_SOCIAL_BEHAVIOUR, crime_type_from

if TYPE_CHECKING:
    import polars as pl

    from crimeplan.analytics.hotspots.learned import CellContext
else:
    pl = lazy_module("polars")


@dataclass(frozen=True, eq=False)
class Events:
    """Located events: easting and northing (metres, EPSG:27700), month, and time in days (month start)."""

    easting: FloatArray
    northing: FloatArray
    months: npt.NDArray[np.str_]
    without_location: int = 0
    #: A weight per event (its crime type's harm in CCHI days) for harm-weighted forecasts, else None.
    weight: FloatArray | None = None

    @property
    def days(self) -> FloatArray:
        return month_start_days(self.months) if len(self.months) else np.zeros(0)

    def __len__(self) -> int:
        return len(self.easting)

    @property
    def X(self) -> FloatArray:  # noqa: N802  (scikit-learn's name for the data matrix)
        """The ``(n, 3)`` array predictors take: easting, northing, days."""
        return np.column_stack([self.easting, self.northing, self.days])

    def in_months(self, months: Collection[str]) -> Events:
        keep = np.isin(self.months, np.asarray(sorted(months), dtype=self.months.dtype))
        weight = None if self.weight is None else self.weight[keep]
        return Events(self.easting[keep], self.northing[keep], self.months[keep], weight=weight)

    def month_counts(self) -> dict[str, int]:
        values, counts = np.unique(self.months, return_counts=True)
        return dict(zip(values.tolist(), counts.tolist(), strict=True))


def crime_type_name(value: str | None) -> str | None:
    """The police.uk name for a slug or name; ``None`` for ``all`` (all crime except anti-social behaviour)."""
    if value is None or value.strip().lower() == ALL_CRIME:
        return None
    return crime_type_from(value)


def slug_or_all(name: str | None) -> str:
    """The slug of a police.uk crime type name, or ``all`` (all crime) for ``None``."""
    return ALL_CRIME if name is None else vocabulary.crime_type_slug(name)


def _fetch(store: Store, name: str, **params: Any) -> dict[str, npt.NDArray[Any]]:
    """A named query's columns, under the store's query time limit."""
    return store.named_columns(name, **params)


def _floats(column: npt.NDArray[Any]) -> FloatArray:
    """A numeric column with SQL NULLs (DuckDB gives a masked array) as NaN."""
    return np.asarray(np.ma.filled(np.ma.asarray(column, dtype=float), np.nan), dtype=float)


def load_events(store: Store, force: str, crime_type: str | None, first: str, last: str) -> Events:
    """A force's records from ``first`` to ``last``; ``crime_type`` a police.uk name, or None for all crime."""
    columns = _fetch(store, "hotspot_events", force=force, from_month=first, to_month=last, crime_type=crime_type)
    lon = _floats(columns["longitude"])
    lat = _floats(columns["latitude"])
    located = np.isfinite(lon) & np.isfinite(lat)
    x, y = to_bng(lon[located], lat[located])
    months = np.asarray(columns["month"], dtype=str)[located]
    return Events(x, y, months, without_location=int((~located).sum()))


def force_lsoas(store: Store, force: str) -> list[str]:
    return [str(code) for code in _fetch(store, "force_lsoas", force=force)["lsoa_code"]]


def force_grid(
    store: Store, force: str, cell_size: float = DEFAULT_CELL_SIZE, buffer_m: float = DEFAULT_BUFFER_M
) -> Grid:
    """The force's grid: LSOA boundaries where loaded, else cells near its map points (documented rule)."""
    codes = force_lsoas(store, force)
    if not codes:
        raise ValueError(
            f"the loaded geography does not say which LSOAs are in {force}'s area: load the LSOA to police "
            "force area lookups (crimeplan geography load) first"
        )
    boundaries = store.read_reference("lsoa_boundaries")
    if boundaries is not None:
        mine = boundaries.filter(pl.col("lsoa_code").is_in(codes))
        if mine.height:
            return grid_from_boundaries(shapely.from_wkb(mine.get_column("geometry").to_numpy()), cell_size)
    points = _fetch(store, "force_map_points", force=force)
    if len(points["longitude"]) == 0:
        raise ValueError(f"no located street-level records of {force} in its own LSOAs are in the store")
    x, y = to_bng(_floats(points["longitude"]), _floats(points["latitude"]))
    return grid_from_points(x, y, cell_size, buffer_m)


@dataclass(frozen=True, eq=False)
class TypedEvents:
    """Located events of every crime type (ASB included) with the crime type of each."""

    events: Events
    crime_types: npt.NDArray[np.str_]

    def of(self, crime_type: str | None, harm: Callable[[str], float | None] | None = None) -> Events:
        """The events of one police.uk crime type, or all crime but anti-social behaviour for ``None``.

        With ``harm`` (a crime type's CCHI days, e.g. ``HarmWeights.weight``) each event carries its
        type's harm as its weight (anti-social behaviour, which has none, weighs 0).
        """
        keep = self.crime_types != ANTI_SOCIAL_BEHAVIOUR if crime_type is None else self.crime_types == crime_type
        e = self.events
        weight = None
        if harm is not None:
            days = {t: float(harm(t) or 0.0) for t in np.unique(self.crime_types[keep]).tolist()}
            weight = np.asarray([days[t] for t in self.crime_types[keep]], dtype=np.float64)
        return Events(e.easting[keep], e.northing[keep], e.months[keep], e.without_location, weight)


def load_typed_events(store: Store, force: str, first: str, last: str) -> TypedEvents:
    """A force's located records of every crime type from ``first`` to ``last``, with their types."""
    columns = _fetch(store, "hotspot_typed_events", force=force, from_month=first, to_month=last)
    lon, lat = _floats(columns["longitude"]), _floats(columns["latitude"])
    located = np.isfinite(lon) & np.isfinite(lat)
    x, y = to_bng(lon[located], lat[located])
    months = np.asarray(columns["month"], dtype=str)[located]
    types = np.asarray(columns["crime_type"], dtype=str)[located]
    return TypedEvents(Events(x, y, months, without_location=int((~located).sum())), types)


def active_cells(grid: Grid, events: Events) -> npt.NDArray[np.bool_]:
    """Cells holding at least one of ``events`` (the store's non-ASB records of every month: the active area)."""
    return grid.counts(events.easting, events.northing) > 0


def cell_context(store: Store, grid: Grid, typed: TypedEvents) -> CellContext:
    """Per-cell LSOA deprivation (IMD 2019 rank) and population, and typed events, for the learned ranking.

    Each cell takes the LSOA whose population-weighted centroid is nearest its centre; where the
    reference table lacks IMD or population the value is NaN (the trees handle missing values).
    """
    from scipy.spatial import cKDTree

    from crimeplan.analytics.hotspots.learned import CellContext

    static = np.full((grid.n_cells, 2), np.nan)
    lsoa = store.read_reference("lsoa")
    if lsoa is not None and {"latitude", "longitude", "imd_rank", "population"} <= set(lsoa.columns):
        lsoa = lsoa.filter(pl.col("latitude").is_not_null() & pl.col("longitude").is_not_null())
        if lsoa.height:
            x, y = to_bng(lsoa.get_column("longitude").to_numpy(), lsoa.get_column("latitude").to_numpy())
            cx, cy = grid.centres()
            _, nearest = cKDTree(np.column_stack([x, y])).query(np.column_stack([cx, cy]))
            for k, column in enumerate(("imd_rank", "population")):
                static[:, k] = _floats(lsoa.get_column(column).to_numpy())[nearest]
    names = tuple(sorted(vocabulary.CRIME_TYPES))
    code = {name: k for k, name in enumerate(names)}
    codes = np.asarray([code.get(t, -1) for t in typed.crime_types], dtype=np.float64)
    e = typed.events
    keep = codes >= 0
    matrix = np.column_stack([e.easting, e.northing, e.days, codes])[keep] if len(e) else np.zeros((0, 4))
    return CellContext(static, ("lsoa_imd_rank", "lsoa_population"), matrix, names)

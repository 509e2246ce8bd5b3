"""Where to act: collision sites ranked by Empirical Bayes expected KSI and by cost; Gi* on a grid.

**Sites without a road network.** A collision at a junction (``junction_detail`` or, in older
records, ``junction_detail_historic`` other than "not at junction") belongs to a junction site:
the pair of roads (class and number of the first and second road) and the 100 m square it lies
in. Other collisions belong to a link site: the first road (class and number) and the 500 m
stretch of it, measured along the road's main direction (the first principal axis of that road's
collisions in British National Grid metres). Unnumbered roads have no identity in STATS19, so
their collisions are grouped by 500 m grid square.

**Empirical Bayes** (Hauer 1997; Hauer et al. 2002). Within each reference group (junction or
link, by road class) the KSI casualties per site over the period, x, have mean m and variance
s². A negative binomial prior fitted by the method of moments has dispersion k = m² / (s² − m)
(no extra variation when s² ≤ m); the weight of the prior is w = 1 / (1 + m / k) and the
expected KSI is EB = w·m + (1 − w)·x. A site with one bad year is pulled towards its group's
mean, so it is not ranked above a site that is bad every year (regression to the mean). The
reference population is sites with at least one reported injury collision: sites with none are
not in STATS19, so m is the mean over sites that had any collision.

**Cost**: DfT's average value of prevention per reported casualty, by severity (``VALUES``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crimeplan.analytics.lazy import lazy_module

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

import numpy as np
import numpy.typing as npt

#: DfT average value of prevention per reported casualty, GB, 2016 prices and values (RAS60001).
VALUES = {"year": 2016, "source": "DfT RAS60001 (2016 prices)", 1: 1_841_315, 2: 206_912, 3: 15_951}
SEGMENT_M = 500.0
JUNCTION_SQUARE_M = 100.0
_NOT_JUNCTION = (0, -1, 99)
ROAD_CLASSES = {1: "M", 2: "A(M)", 3: "A", 4: "B", 5: "C", 6: "U"}


def _road(cls: pl.Expr, number: pl.Expr) -> pl.Expr:
    letter = cls.replace_strict(ROAD_CLASSES, default="?", return_dtype=pl.String)
    return pl.when(number.fill_null(0) > 0).then(pl.format("{}{}", letter, number)).otherwise(pl.lit(None))


def _along(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Position of points along their first principal axis, in metres from the first point."""
    if len(x) < 2:
        return np.zeros(len(x))
    points = np.column_stack([x - x.mean(), y - y.mean()])
    _, _, axes = np.linalg.svd(points, full_matrices=False)
    along = np.asarray(points @ axes[0], dtype=np.float64)
    return np.asarray(along - along.min(), dtype=np.float64)


def assign_sites(collisions: pl.DataFrame) -> pl.DataFrame:
    """Add ``site``, ``site_type`` (junction/link) and ``road`` to located collisions."""
    located = collisions.filter(
        pl.col("location_easting_osgr").is_not_null() & pl.col("location_northing_osgr").is_not_null()
    )
    junction_code = pl.coalesce(pl.col("junction_detail"), pl.col("junction_detail_historic"))
    located = located.with_columns(
        road=_road(pl.col("first_road_class"), pl.col("first_road_number")),
        second=_road(pl.col("second_road_class"), pl.col("second_road_number")),
        site_type=pl.when(junction_code.is_in(_NOT_JUNCTION) | junction_code.is_null())
        .then(pl.lit("link"))
        .otherwise(pl.lit("junction")),
        x=pl.col("location_easting_osgr").cast(pl.Float64),
        y=pl.col("location_northing_osgr").cast(pl.Float64),
    )
    along = np.zeros(located.height)
    roads = located.get_column("road").to_numpy()
    x, y = located.get_column("x").to_numpy(), located.get_column("y").to_numpy()
    for road in {r for r in roads if r is not None}:
        index = np.flatnonzero(roads == road)
        along[index] = _along(x[index], y[index])
    located = located.with_columns(along=pl.Series(along))
    square = pl.format(
        "{}/{}", (pl.col("x") // JUNCTION_SQUARE_M).cast(pl.Int64), (pl.col("y") // JUNCTION_SQUARE_M).cast(pl.Int64)
    )
    grid = pl.format("{}/{}", (pl.col("x") // SEGMENT_M).cast(pl.Int64), (pl.col("y") // SEGMENT_M).cast(pl.Int64))
    segment = (pl.col("along") // SEGMENT_M).cast(pl.Int64)
    site = (
        pl.when(pl.col("site_type") == "junction")
        .then(
            pl.format(
                "junction {} / {} at {}",
                pl.col("road").fill_null("unnumbered"),
                pl.col("second").fill_null("unnumbered"),
                square,
            )
        )
        .when(pl.col("road").is_not_null())
        .then(pl.format("{} km {}–{}", pl.col("road"), segment * 0.5, segment * 0.5 + 0.5))
        .otherwise(pl.format("unnumbered roads in square {}", grid))
    )
    group = pl.format(
        "{} {}",
        pl.col("site_type"),
        pl.col("first_road_class").replace_strict(ROAD_CLASSES, default="?", return_dtype=pl.String),
    )
    return located.with_columns(site=site, group=group)


def eb_weights(counts: np.ndarray) -> tuple[float, float, float]:
    """Mean, method-of-moments NB dispersion k (inf when no overdispersion) and the prior weight w."""
    m = float(counts.mean()) if len(counts) else 0.0
    s2 = float(counts.var(ddof=1)) if len(counts) > 1 else 0.0
    if m <= 0 or s2 <= m:
        return m, float("inf"), 1.0
    k = m * m / (s2 - m)
    return m, k, 1.0 / (1.0 + m / k)


@dataclass(frozen=True)
class Site:
    site: str
    site_type: str
    group: str
    road: str | None
    collisions: int
    fatal: int
    serious: int
    slight: int
    ksi: int
    eb_ksi: float
    group_mean: float
    weight: float
    cost: int
    years: int
    latitude: float
    longitude: float

    @property
    def why(self) -> str:
        return (
            f"{self.ksi} KSI in {self.collisions} collisions over {self.years} year(s); "
            f"expected {self.eb_ksi:.2f} after shrinking towards the {self.group} mean of {self.group_mean:.2f}"
        )

    def as_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "why": self.why}


def rank_sites(collisions: pl.DataFrame, casualties_by_collision: pl.DataFrame) -> list[Site]:
    """Sites ranked by EB expected KSI, then cost.

    ``casualties_by_collision`` has ``collision_index, fatal, serious, slight``.
    """
    sites = (
        assign_sites(collisions)
        .join(casualties_by_collision, on="collision_index", how="left")
        .with_columns(pl.col("fatal", "serious", "slight").fill_null(0))
    )
    years = max(sites.get_column("year").n_unique(), 1) if sites.height else 1
    per_site = (
        sites.group_by("site", "site_type", "group")
        .agg(
            road=pl.col("road").first(),
            collisions=pl.len(),
            fatal=pl.col("fatal").sum(),
            serious=pl.col("serious").sum(),
            slight=pl.col("slight").sum(),
            latitude=pl.col("latitude").mean(),
            longitude=pl.col("longitude").mean(),
        )
        .with_columns(ksi=pl.col("fatal") + pl.col("serious"))
    )
    out = []
    for (group,), part in per_site.partition_by("group", as_dict=True).items():
        m, _, w = eb_weights(part.get_column("ksi").to_numpy().astype(float))
        for row in part.iter_rows(named=True):
            cost = row["fatal"] * VALUES[1] + row["serious"] * VALUES[2] + row["slight"] * VALUES[3]
            eb = w * m + (1 - w) * row["ksi"]
            out.append(
                Site(
                    row["site"],
                    row["site_type"],
                    str(group),
                    row["road"],
                    row["collisions"],
                    row["fatal"],
                    row["serious"],
                    row["slight"],
                    row["ksi"],
                    round(eb, 3),
                    round(m, 3),
                    round(w, 3),
                    int(cost),
                    years,
                    float(row["latitude"] or 0),
                    float(row["longitude"] or 0),
                )
            )
    return sorted(out, key=lambda s: (-s.eb_ksi, -s.cost, s.site))


def grid_hotspots(collisions: pl.DataFrame, cell_size: float = 500.0, *, seed: int = 0) -> list[dict[str, Any]]:
    """Gi* (``crimeplan.analytics.stats.local.gi_star``) of collision counts on a grid around the located collisions."""
    from crimeplan.analytics.grids import grid_from_points, to_lonlat
    from crimeplan.analytics.stats.local import gi_star

    located = collisions.filter(pl.col("location_easting_osgr").is_not_null())
    x = located.get_column("location_easting_osgr").cast(pl.Float64).to_numpy()
    y = located.get_column("location_northing_osgr").cast(pl.Float64).to_numpy()
    grid = grid_from_points(x, y, cell_size=cell_size, buffer_m=cell_size)
    counts = np.bincount(grid.locate(x, y)[grid.locate(x, y) >= 0], minlength=grid.n_cells).astype(float)
    result = gi_star(counts, grid.neighbours(), permutations=199, seed=seed)
    rows, cols = grid.rows_cols()
    lon, lat = to_lonlat(grid.x0 + (cols + 0.5) * cell_size, grid.y0 + (rows + 0.5) * cell_size)
    return [
        {"cell": int(i), "collisions": int(counts[i]), "z": round(float(result.z[i]), 2), "p": float(result.p_sim[i]),
         "label": str(result.labels[i]), "latitude": round(float(lat[i]), 5), "longitude": round(float(lon[i]), 5)}
        for i in range(grid.n_cells) if counts[i] > 0 or result.labels[i] != "not significant"
    ]  # fmt: skip

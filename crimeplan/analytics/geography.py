"""Reference geography: LSOA -> ward -> local authority -> CSP -> police force area.

``load(paths, store)`` reads ONS files (see ``readers.ons``), merges them with
what the store already holds and writes three reference tables:

* ``lsoa``: one row per 2011 LSOA with its ward, local authority district
  (LAD), Community Safety Partnership (CSP), police force area (PFA), centroid,
  population and IMD 2019 rank and decile;
* ``forces``: data.police.uk force slugs with their PFA code;
* ``lsoa_boundaries``: LSOA polygons as WKB (WGS84).

``Attributor`` attaches ward, LAD and CSP to crime rows: through the published
LSOA code where it is in the reference, else by point-in-polygon where
boundaries are loaded. The ``attribution`` column says which, or why neither.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import shapely

from crimeplan.analytics.forces import all_forces, match_pfa
from crimeplan.analytics.lazy import POLARS_ENGINE, lazy_module
from crimeplan.analytics.readers.ons import Contribution, read_geography_file
from crimeplan.analytics.schemas import REFERENCE_SCHEMAS
from crimeplan.analytics.store import Store

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

_POLARS_TYPES = {"VARCHAR": "String", "BIGINT": "Int64", "DOUBLE": "Float64", "BLOB": "Binary"}


def _schema(table: str) -> dict[str, type[pl.DataType]]:
    return {c: getattr(pl, _POLARS_TYPES[t]) for c, t in REFERENCE_SCHEMAS[table].items()}


@dataclass
class GeographyReport:
    """What a load read and what the reference now holds."""

    files: list[tuple[str, str, int]] = field(default_factory=list)  # (path, role, rows)
    lsoas: int = 0
    boundaries: int = 0
    forces_matched: int = 0
    missing: dict[str, int] = field(default_factory=dict)  # column -> LSOAs without it


def _empty(schema: dict[str, type[pl.DataType]]) -> pl.DataFrame:
    return pl.DataFrame(schema=schema)


def _upsert(base: pl.DataFrame, new: pl.DataFrame, key: str) -> pl.DataFrame:
    """Rows of ``new`` added or, where the key exists, their non-null values win.

    A population estimate replaces an existing one only if it is not older.
    """
    new = new.unique(subset=key, keep="last")
    joined = base.join(new, on=key, how="full", coalesce=True, suffix="__new", maintain_order="left_right")
    updates = {c: pl.coalesce(pl.col(f"{c}__new"), pl.col(c)) for c in new.columns if c != key}
    if "population" in updates and "population_year" in updates:
        keep_old = pl.col("population").is_not_null() & (
            pl.col("population_year").fill_null(0) > pl.col("population_year__new").fill_null(0)
        )
        for column in ("population", "population_year"):
            updates[column] = pl.when(keep_old).then(pl.col(column)).otherwise(updates[column])
    return joined.with_columns(**updates).select(base.columns)


def _update_by(base: pl.DataFrame, new: pl.DataFrame, key: str) -> pl.DataFrame:
    """Overwrite columns of existing rows that share ``key``; add no rows."""
    new = new.unique(subset=key, keep="last")
    joined = base.join(new, on=key, how="left", suffix="__new", maintain_order="left")
    return joined.with_columns(
        [
            pl.coalesce(pl.col(f"{c}__new"), pl.col(c)).alias(c)
            for c in new.columns
            if c != key and f"{c}__new" in joined.columns
        ]
    ).select(base.columns)


def merge(
    lsoa: pl.DataFrame, boundaries: pl.DataFrame, contributions: Iterable[Contribution]
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Merge contributions into the LSOA table and the boundary table."""
    ordered = sorted(
        contributions, key=lambda c: ["lsoa_code", "boundary", "lad_code", "csp_code", "pfa_code"].index(c.key)
    )
    for c in ordered:
        if c.key == "lsoa_code" and c.adds_rows:
            lsoa = _upsert(lsoa, c.frame, "lsoa_code")
        elif c.key == "boundary":
            names = c.frame.select("lsoa_code", "lsoa_name")
            lsoa = _upsert(lsoa, names, "lsoa_code")
            boundaries = _upsert(boundaries, c.frame.select("lsoa_code", "geometry"), "lsoa_code")
        else:
            lsoa = _update_by(lsoa, c.frame, c.key)
    return _fill_centroids(lsoa, boundaries).sort("lsoa_code"), boundaries.sort("lsoa_code")


def _fill_centroids(lsoa: pl.DataFrame, boundaries: pl.DataFrame) -> pl.DataFrame:
    lacking = lsoa.filter(pl.col("latitude").is_null()).select("lsoa_code")
    shapes = boundaries.join(lacking, on="lsoa_code")
    if shapes.is_empty():
        return lsoa
    points = shapely.point_on_surface(shapely.from_wkb(shapes.get_column("geometry").to_numpy()))
    centres = pl.DataFrame(
        {
            "lsoa_code": shapes.get_column("lsoa_code"),
            "latitude": shapely.get_y(points),
            "longitude": shapely.get_x(points),
        }
    )
    return _update_by(lsoa, centres, "lsoa_code")


def forces_table(lsoa: pl.DataFrame, names: dict[str, str]) -> pl.DataFrame:
    """police.uk forces with the PFA code whose name matches, where one is known."""
    known = dict(names)
    for code, name in lsoa.select("pfa_code", "pfa_name").unique().drop_nulls().iter_rows():
        known[code] = name
    rows = [(f.slug, f.name, match_pfa(f, known)) for f in all_forces().values()]
    return pl.DataFrame(rows, schema=_schema("forces"), orient="row")


def load(paths: Iterable[str | Path], store: Store) -> GeographyReport:
    """Read geography files, merge them into the store's reference tables and write them."""
    contributions = [read_geography_file(p) for p in paths]
    lsoa = store.read_reference("lsoa")
    boundaries = store.read_reference("lsoa_boundaries")
    lsoa, boundaries = merge(
        lsoa if lsoa is not None else _empty(_schema("lsoa")),
        boundaries if boundaries is not None else _empty(_schema("lsoa_boundaries")),
        contributions,
    )
    pfa_names = {code: name for c in contributions if c.key == "pfa_code" for code, name in c.frame.iter_rows()}
    forces = forces_table(lsoa, pfa_names)
    previous = store.read_reference("forces")
    if previous is not None:
        forces = _upsert(forces, previous.filter(pl.col("pfa_code").is_not_null()), "slug")
    store.write_reference("lsoa", lsoa)
    store.write_reference("lsoa_boundaries", boundaries)
    store.write_reference("forces", forces)
    return GeographyReport(
        files=[(c.source, c.role, c.frame.height) for c in contributions],
        lsoas=lsoa.height,
        boundaries=boundaries.height,
        forces_matched=forces.filter(pl.col("pfa_code").is_not_null()).height,
        missing={c: lsoa.get_column(c).null_count() for c in REFERENCE_SCHEMAS["lsoa"] if c != "lsoa_code"},
    )


# -- attribution -------------------------------------------------------------------
ATTRIBUTION = {
    "lsoa": "the published LSOA code is in the loaded geography",
    "point": "no LSOA code was published; the point lies in a loaded LSOA boundary",
    "no_location": "neither an LSOA code nor coordinates were published",
    "outside_geography": "the LSOA code or point is outside the loaded geography",
    "no_boundaries": "only coordinates were published and no LSOA boundaries are loaded",
}


class Attributor:
    """Attaches ward, LAD and CSP codes to rows with ``lsoa_code``/``longitude``/``latitude``."""

    def __init__(self, lsoa: pl.DataFrame | None, boundaries: pl.DataFrame | None):
        self.lookup = (
            lsoa.select("lsoa_code", "ward_code", "lad_code", "csp_code")
            if lsoa is not None
            else pl.DataFrame(schema={k: pl.String for k in ("lsoa_code", "ward_code", "lad_code", "csp_code")})
        )
        self.has_boundaries = boundaries is not None and boundaries.height > 0
        self._codes = np.array([], dtype=object)
        self._tree: shapely.STRtree | None = None
        if boundaries is not None and self.has_boundaries:
            self._codes = boundaries.get_column("lsoa_code").to_numpy()
            self._tree = shapely.STRtree(shapely.from_wkb(boundaries.get_column("geometry").to_numpy()))
        digest = hashlib.sha256()
        digest.update(self.lookup.hash_rows().to_numpy().tobytes())
        digest.update(self._codes.astype(str).tobytes())
        self.version = digest.hexdigest()[:16]

    @classmethod
    def from_store(cls, store: Store) -> Attributor:
        return cls(store.read_reference("lsoa"), store.read_reference("lsoa_boundaries"))

    def locate(self, longitude: np.ndarray, latitude: np.ndarray) -> np.ndarray:
        """LSOA code containing each point (``None`` where none does)."""
        found = np.full(len(longitude), None, dtype=object)
        if self._tree is None or len(longitude) == 0:
            return found
        points = shapely.points(longitude, latitude)
        point_idx, tree_idx = self._tree.query(points, predicate="within")
        first = np.unique(point_idx, return_index=True)[1]
        found[point_idx[first]] = self._codes[tree_idx[first]]
        return found

    def attribute(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Add ``ward_code``, ``lad_code``, ``csp_code`` and ``attribution``; fill ``lsoa_code`` from points."""
        if "lsoa_code" not in frame.columns:
            frame = frame.with_columns(lsoa_code=pl.lit(None, pl.String))
        has_point = pl.col("longitude").is_not_null() & pl.col("latitude").is_not_null()
        published = pl.col("lsoa_code").is_not_null()
        located = pl.lit(None, pl.String)
        if self._tree is not None:
            needs = frame.select((~published & has_point).arg_true()).to_series().to_numpy()
            if len(needs):
                codes = self.locate(
                    frame.get_column("longitude").to_numpy()[needs],
                    frame.get_column("latitude").to_numpy()[needs],
                )
                filled = np.full(frame.height, None, dtype=object)
                filled[needs] = codes
                located = pl.lit(pl.Series(filled.tolist(), dtype=pl.String))
        attribution = (
            pl.when(pl.col("csp_code").is_not_null() & published)
            .then(pl.lit("lsoa"))
            .when(pl.col("csp_code").is_not_null())
            .then(pl.lit("point"))
            .when(~published & ~has_point)
            .then(pl.lit("no_location"))
            .when(~published & pl.lit(not self.has_boundaries))
            .then(pl.lit("no_boundaries"))
            .otherwise(pl.lit("outside_geography"))
        )
        return (
            frame.lazy()
            .with_columns(pl.coalesce(pl.col("lsoa_code"), located).alias("_lsoa"))
            .join(self.lookup.lazy().rename({"lsoa_code": "_lsoa"}), on="_lsoa", how="left")
            .with_columns(attribution.alias("attribution"))
            .with_columns(pl.col("_lsoa").alias("lsoa_code"))
            .drop("_lsoa")
            .collect(engine=POLARS_ENGINE)
        )

"""Reading the crime store and the import records for pages and the API."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import shapely

from crimeplan.analytics.forces import all_forces
from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.months import check_month
from crimeplan.analytics.store import Partition
from crimeplan.analytics.trends import rate_per_1000
from crimeplan.analytics.vocabulary import Kind, crime_type_from
from crimeplan.core import store as store_layer
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.maps import legend
from crimeplan.core.store import get_store, per_version
from crimeplan.crimedata.models import ImportRun, RejectedRow

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

GROUPINGS = {
    "month": "counts_by_month",
    "category": "counts_by_category",
    "csp": "counts_by_csp",
    "lsoa": "counts_by_lsoa",
}


@dataclass(frozen=True)
class PartitionRow:
    """One stored force-month, with the import run that produced it when it is known."""

    partition: Partition
    run: ImportRun | None

    @property
    def matches_run(self) -> bool:
        return self.run is not None and self.run.sha256 == self.partition.metadata.get("sha256")

    def _meta(self, key: str) -> int | None:
        value = self.partition.metadata.get(key)
        return int(value) if value is not None and value.isdigit() else None

    @property
    def rows_read(self) -> int | None:
        return self.run.rows_read if self.run else self._meta("rows_read")

    @property
    def rows_rejected(self) -> int | None:
        return self.run.rows_rejected if self.run else self._meta("rows_rejected")

    @property
    def unattributed(self) -> int | None:
        return self._meta("unattributed")


def stored_partitions(kind: Kind | None = None, force: str | None = None) -> list[PartitionRow]:
    """What the store holds now (read from the files), matched to the current import runs."""
    parts = get_store().partitions(kind, force)
    runs = {
        (r.kind, r.force, r.month): r for r in ImportRun.objects.filter(is_current=True).select_related("started_by")
    }
    return [PartitionRow(p, runs.get((p.kind.value, p.force, p.month))) for p in parts]


def forces_loaded(kind: Kind = Kind.STREET) -> dict[str, list[str]]:
    """Force slug -> sorted months held in the store for that kind."""
    return store_layer.forces_loaded(kind)


def recent_runs(limit: int = 50) -> list[ImportRun]:
    return list(ImportRun.objects.select_related("started_by")[:limit])


def run_rejections(run: ImportRun, *, rule: str | None = None) -> Any:
    rows = RejectedRow.objects.filter(run=run)
    return rows.filter(rule=rule) if rule else rows


@dataclass(frozen=True)
class MapSelection:
    """What a map of one force shows: its months and one crime type (or all)."""

    force: str
    first: str
    last: str
    crime_type: str | None


def resolve_period(force: str, first: str | None, last: str | None, crime_type: str | None = None) -> MapSelection:
    """Check a force, months and crime type given by a person; default to the months held."""
    if force not in all_forces():
        raise ApplicationError(
            f"Unknown force {force!r}: use a data.police.uk force id such as lancashire.", field="force"
        )
    months = forces_loaded().get(force, [])
    try:
        first = check_month(first) if first else (months[0] if months else None)
        last = check_month(last) if last else (months[-1] if months else None)
        crime = crime_type_from(crime_type) if crime_type else None
    except ValueError as exc:
        raise ApplicationError(str(exc)) from exc
    if first is None or last is None:
        raise ApplicationError(f"No street-level crime is loaded for {force}; import some months first.", field="force")
    if first > last:
        raise ApplicationError(f"The period starts ({first}) after it ends ({last}).", field="from")
    return MapSelection(force, first, last, crime)


def crime_counts(period: MapSelection, group_by: str) -> list[dict[str, Any]]:
    """Street-level record counts for a force and period, grouped one way."""
    if group_by not in GROUPINGS:
        raise ApplicationError(f"group_by must be one of {', '.join(GROUPINGS)}.", field="group_by")
    result = get_store().named(
        GROUPINGS[group_by],
        force=period.force,
        from_month=period.first,
        to_month=period.last,
        crime_type=period.crime_type,
    )
    return result.as_dicts()


@per_version(maxsize=2)
def _simplified_boundaries(path: str) -> dict[str, dict[str, Any]]:
    """LSOA code -> GeoJSON geometry, simplified to about 10 m for the web (cached per store version)."""
    frame = pl.read_parquet(path)
    shapes = shapely.set_precision(
        shapely.simplify(shapely.from_wkb(frame.get_column("geometry").to_numpy()), 0.0001), 0.00001
    )
    texts = shapely.to_geojson(shapes)
    return {code: json.loads(text) for code, text in zip(frame.get_column("lsoa_code").to_list(), texts, strict=True)}


def lsoa_features(rows: list[dict[str, Any]], properties: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of LSOAs: each row needs ``code``; every key becomes a property.

    Rows whose LSOA has no loaded boundary are counted in ``properties["not_mapped_lsoas"]``.
    """
    store = get_store()
    path = store.reference_path("lsoa_boundaries")
    if not path.exists():
        raise ApplicationError("No LSOA boundaries are loaded: run crimeplan geography load with a boundary file.")
    shapes = _simplified_boundaries(str(path))
    features = [
        {"type": "Feature", "geometry": shapes[row["code"]], "properties": row} for row in rows if row["code"] in shapes
    ]
    return {
        "type": "FeatureCollection",
        "features": features,
        "properties": {**properties, "not_mapped_lsoas": len(rows) - len(features)},
    }


def _rate(count: float, population: int | None) -> float | None:
    rate = rate_per_1000(count, population)
    return None if rate is None else round(rate, 1)


def lsoa_rows(period: MapSelection) -> list[dict[str, Any]]:
    """The figures the crime map shows, one row per LSOA: name, ward, council, records and rate."""
    params = {
        "force": period.force,
        "from_month": period.first,
        "to_month": period.last,
        "crime_type": period.crime_type,
    }
    places = store_layer.places_in_force(period.force)
    rows = []
    for r in get_store().named("lsoa_counts_in_force", **params).as_dicts():
        lsoa = places.get(r["key"])
        ward = places.get(lsoa.parent_code or "") if lsoa else None
        rows.append(
            {
                "code": r["key"],
                "name": r["label"],
                "ward": ward.name if ward else "",
                "council": (ward.parent_name or "") if ward else "",
                "count": r["count"],
                "population": r["population"],
                "rate_per_1000": _rate(r["count"], r["population"]),
            }
        )
    return rows


def map_records(period: MapSelection) -> int:
    """Every record of the selection, with a place or not: the total the map's table adds up to."""
    return sum(r["count"] for r in crime_counts(period, "month"))


def map_legend(rows: list[dict[str, Any]], period: MapSelection) -> dict[str, object]:
    what = period.crime_type or "all records"
    return legend(
        [int(r["count"]) for r in rows],
        title=f"Records per LSOA, {what}, {period.first} to {period.last}",
        unit="police-recorded crimes and anti-social behaviour incidents",
    )


def lsoa_map(period: MapSelection) -> dict[str, Any]:
    """GeoJSON of the force area's LSOAs (and any other LSOA with records) with counts, rates and the legend."""
    rows = lsoa_rows(period)
    total = map_records(period)
    collection = lsoa_features(
        rows,
        {
            "force": period.force,
            "from": period.first,
            "to": period.last,
            "crime_type": period.crime_type,
            "legend": map_legend(rows, period),
        },
    )
    mapped = sum(f["properties"]["count"] for f in collection["features"])
    collection["properties"].update({"records": total, "mapped": mapped, "not_mapped": total - mapped})
    return collection


@per_version(maxsize=16)
def _dissolved(path: str, groups: tuple[tuple[str, str, tuple[str, ...]], ...]) -> tuple[dict[str, Any], ...]:
    frame = pl.read_parquet(path)
    shapes = dict(
        zip(
            frame.get_column("lsoa_code").to_list(),
            shapely.from_wkb(frame.get_column("geometry").to_numpy()),
            strict=True,
        )
    )
    features = []
    for code, name, lsoas in groups:
        parts = [shapes[c] for c in lsoas if c in shapes]
        if not parts:
            continue
        outline = shapely.set_precision(shapely.simplify(shapely.union_all(parts), 0.0002), 0.00001)
        point = shapely.point_on_surface(outline)
        features.append(
            {
                "type": "Feature",
                "geometry": json.loads(shapely.to_geojson(outline)),
                "properties": {"code": code, "name": name, "label_at": [round(point.y, 5), round(point.x, 5)]},
            }
        )
    return tuple(features)


def area_outlines(groups: list[tuple[str, str, list[str]]]) -> dict[str, Any]:
    """GeoJSON outlines of areas (code, name, their LSOAs) dissolved from the loaded LSOA boundaries.

    Each feature carries ``name`` and ``label_at`` (a point inside it, latitude first) so a map can name
    the councils and wards it shows even when no base map can be reached.
    """
    path = get_store().reference_path("lsoa_boundaries")
    if not path.exists():
        raise ApplicationError("No LSOA boundaries are loaded: run crimeplan geography load with a boundary file.")
    frozen = tuple((code, name, tuple(sorted(lsoas))) for code, name, lsoas in groups)
    return {"type": "FeatureCollection", "features": list(_dissolved(str(path), frozen))}

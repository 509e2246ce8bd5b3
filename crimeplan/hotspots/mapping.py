"""A forecast as GeoJSON and as a table: ranked cells, coverage bands, the Gi* overlay."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import numpy as np
import shapely

from crimeplan.analytics import metrics
from crimeplan.analytics.geography import Attributor
from crimeplan.analytics.grids import to_bng, to_lonlat
from crimeplan.analytics.trends import Place
from crimeplan.core.store import places_in_force
from crimeplan.hotspots.selectors import Forecast, get_store

#: Bands of the ranking drawn on the map: (upper coverage, label).
BANDS: tuple[tuple[float, str], ...] = (
    (0.01, "top 1%"),
    (0.02, "top 1–2%"),
    (0.05, "top 2–5%"),
    (0.10, "top 5–10%"),
    (0.20, "top 10–20%"),
)


def ranked(fc: Forecast, coverage: float) -> np.ndarray:
    """The cells flagged at ``coverage``, highest risk first (the metrics tie rule)."""
    return metrics.top_cells(fc.risk, coverage)


def band_labels(fc: Forecast, count: int) -> list[str]:
    """The band of each of the first ``count`` ranked cells."""
    limits = [(metrics.n_selected(fc.grid.n_cells, c), label) for c, label in BANDS]
    return [next((label for k, label in limits if rank < k), "below the top 20%") for rank in range(count)]


def _overlay(fc: Forecast) -> dict[str, Any]:
    features = []
    for label in ("hot", "cold"):
        cells = np.flatnonzero(fc.gi.labels == label)
        if len(cells):
            shape = shapely.set_precision(shapely.union_all(fc.grid.polygons_lonlat(cells)), 1e-6)
            geometry = json.loads(shapely.to_geojson(shape))
            features.append(
                {"type": "Feature", "geometry": geometry, "properties": {"gi_star": label, "cells": len(cells)}}
            )
    return {"type": "FeatureCollection", "features": features, "properties": fc.gi.summary}


def geojson(fc: Forecast, coverage: float) -> dict[str, Any]:
    """The flagged cells with their rank, band, risk, training events and Gi* class; the overlay alongside."""
    cells = ranked(fc, coverage)
    collection = fc.grid.to_geojson(
        {
            "risk": np.round(fc.risk, 6),
            "training_events": fc.training_counts.astype(int),
            "gi_star": fc.gi.labels,
            "gi_z": np.round(fc.gi.z, 3),
            "gi_p": np.round(fc.gi.p_sim, 4),
        },
        index=cells,
    )
    for rank, (feature, band) in enumerate(zip(collection["features"], band_labels(fc, len(cells)), strict=True), 1):
        feature["properties"].update({"rank": rank, "band": band})
    collection["properties"] = {
        "force": fc.force,
        "crime_type": fc.crime_type_slug,
        "month": fc.month,
        "method": fc.method,
        "training_months": [fc.train_first, fc.train_last],
        "training_events": int(fc.training_counts.sum()),
        "coverage": coverage,
        "cells_flagged": len(cells),
        "grid": fc.grid.info(),
    }
    collection["gi_star"] = _overlay(fc)
    return collection


def cell_streets(fc: Forecast, cells: np.ndarray) -> list[str]:
    """The street most of each cell's training records were mapped to by police.uk ("" where none)."""
    rows = (
        get_store()
        .named(
            "hotspot_locations",
            force=fc.force,
            from_month=fc.train_first,
            to_month=fc.train_last,
            crime_type=fc.crime_type,
        )
        .rows
    )
    if not rows:
        return ["" for _ in cells]
    lon, lat, location = zip(*rows, strict=True)
    x, y = to_bng(lon, lat)
    found = fc.grid.locate(x, y)
    wanted = {int(c): Counter[str]() for c in cells.tolist()}
    for cell, name in zip(found.tolist(), location, strict=True):
        if cell in wanted:
            wanted[cell][name.removeprefix("On or near ").strip()] += 1
    return [wanted[int(c)].most_common(1)[0][0] if wanted[int(c)] else "" for c in cells.tolist()]


def place_name(street: str, lsoa_code: str | None, places: dict[str, Place]) -> str:
    """A cell named for people: "Fishergate, City Centre ward, Preston (LSOA Preston 013B)"."""
    lsoa = places.get(lsoa_code or "")
    ward = places.get(lsoa.parent_code or "") if lsoa else None
    parts = [street, f"{ward.name} ward" if ward else "", (ward.parent_name or "") if ward else ""]
    where = ", ".join(p for p in parts if p)
    return f"{where} (LSOA {lsoa.name})" if lsoa and where else (lsoa.name if lsoa else where or "outside the LSOAs")


def top_table(fc: Forecast, count: int = 20) -> list[dict[str, Any]]:
    """The ``count`` highest-risk cells named by street, ward and LSOA (the grid id kept as a detail)."""
    cells = ranked(fc, 1.0)[:count]
    x, y = fc.grid.centres()
    lon, lat = to_lonlat(x[cells], y[cells])
    store = get_store()
    codes = Attributor.from_store(store).locate(lon, lat)
    reference = store.read_reference("lsoa")
    names = dict(zip(reference["lsoa_code"], reference["lsoa_name"], strict=True)) if reference is not None else {}
    places = places_in_force(fc.force)
    streets = cell_streets(fc, cells)
    ids = fc.grid.cell_ids(cells)
    bands = band_labels(fc, len(cells))
    return [
        {
            "rank": rank,
            "place": place_name(streets[rank - 1], code, places),
            "cell_id": ids[rank - 1],
            "lsoa": names.get(code, code) if code else "",
            "latitude": round(float(lat[rank - 1]), 5),
            "longitude": round(float(lon[rank - 1]), 5),
            "risk": float(fc.risk[cell]),
            "training_events": int(fc.training_counts[cell]),
            "gi_star": str(fc.gi.labels[cell]),
            "band": bands[rank - 1],
        }
        for rank, (cell, code) in enumerate(zip(cells.tolist(), codes.tolist(), strict=True), 1)
    ]


def forecast_scores(fc: Forecast) -> list[metrics.Score]:
    """How the forecast did on its month, when the store holds that month."""
    if fc.actual is None or not fc.actual.sum() > 0:
        return []
    return metrics.scores(fc.risk, fc.actual, (0.01, 0.05, 0.10))

"""API: hotspot forecasts as GeoJSON cells with risk."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from crimeplan.analytics.vocabulary import ALL_CRIME
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.permissions import api_requires
from crimeplan.hotspots import mapping, selectors

router = Router(tags=["hotspots"])


class HotspotQuery(Schema):
    force: str = Field(..., description="police.uk force id, e.g. lancashire")
    crime_type: str = Field(ALL_CRIME, description="police.uk slug or name (e.g. burglary), or 'all' (no ASB)")
    month: str | None = Field(
        None, pattern=r"^\d{4}-\d{2}$", description="month to forecast, YYYY-MM (default: the latest possible)"
    )
    coverage: float = Field(0.05, gt=0, le=1, description="share of the area's cells to return, highest risk first")


@router.get(
    "/hotspots",
    auth=api_requires("hotspots.view_hotspots"),
    url_name="hotspots",
    summary="Hotspot forecast: GeoJSON grid cells with risk",
)
def hotspots(request: HttpRequest, query: Query[HotspotQuery]) -> dict[str, Any]:
    """The highest-risk cells (WGS84 squares of the British National Grid) for a force, crime type and month.

    Each feature has ``cell_id`` (cell size and south-west corner in EPSG:27700), ``rank``, ``band``, ``risk``,
    ``training_events`` and the Gi* class of the training counts (``gi_star``, ``gi_z``, ``gi_p``); the top-level
    ``gi_star`` member holds the Gi* hot and cold spot areas. The method is the one the latest saved evaluation
    chose (naive counts if none).
    """
    selectors.check_force(query.force)
    month = query.month
    if month is None:
        months = selectors.forecastable_months(query.force, selectors.training_window(query.force, query.crime_type))
        if not months:
            raise ApplicationError(
                f"No month can be forecast for {query.force}: the store needs "
                f"{selectors.DEFAULT_TRAIN_MONTHS} consecutive months of its street-level crime.",
                field="month",
            )
        month = months[-1]
    fc = selectors.forecast(force=query.force, crime_type=query.crime_type, month=month)
    return mapping.geojson(fc, query.coverage)

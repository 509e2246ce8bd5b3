"""API: a force-year's road casualty summary (public: STATS19 is open data)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from crimeplan.analytics import road_safety
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.permissions import public
from crimeplan.core.store import get_store

router = Router(tags=["roads"])


class SummaryQuery(Schema):
    force: str = Field(..., description="police.uk force id, e.g. west-yorkshire")
    year: int = Field(..., ge=1979, le=2100)


@router.get("/roads/summary", url_name="roads_summary", summary="Road casualties and KSI (raw and adjusted)")
@public
def summary(request: HttpRequest, query: Query[SummaryQuery]) -> dict[str, Any]:
    """Public. Collisions, casualties, fatal, serious, slight, ``ksi`` (fatal + serious) and ``ksi_adjusted``
    (fatal + the sum of DfT's casualty-level adjusted-serious probability over non-fatal casualties)."""
    rows = road_safety.summaries(get_store(), query.force)
    found = next((r for r in rows if r.year == query.year), None)
    if found is None:
        raise ApplicationError(f"No STATS19 collisions are stored for {query.force} in {query.year}.", field="year")
    return found.as_dict()

"""Representativeness: members and voters against the census, and under-heard LSOAs (map, table, CSV)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from crimeplan.analytics.representativeness import SMALL_NUMBER, UNDER_HEARD_LEVEL, UNDER_HEARD_RATIO
from crimeplan.core.downloads import CSV, attachment
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.maps import legend, tiles
from crimeplan.core.permissions import requires
from crimeplan.crimedata.selectors import lsoa_features
from crimeplan.engagement.pact import selectors
from crimeplan.engagement.pact.models import Neighbourhood
from crimeplan.engagement.pact.permissions import VIEW_REPRESENTATIVENESS

HEADER = ["lsoa_code", "lsoa_name", "residents", "members", "members_per_1000", "expected_members",
          "p_value", "under_heard"]  # fmt: skip


@requires(VIEW_REPRESENTATIVENESS)
def representativeness(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Neighbourhood, slug=slug)
    figures = selectors.representativeness(place)
    context = {
        "neighbourhood": place,
        "figures": figures,
        "flagged": [a for a in figures.areas if a.under_heard],
        "ratio_percent": round(100 * UNDER_HEARD_RATIO),
        "level_percent": round(100 * UNDER_HEARD_LEVEL),
        "legend": _legend(figures.areas),
        "tiles": tiles(),
        "outlines_code": figures.areas[0].code if figures.areas else "",
        "small_number": SMALL_NUMBER,
    }
    return render(request, "pact/representativeness.html", context)


def _whole_rate(rate: float | None) -> int:
    return 0 if rate is None else round(rate)  # whole numbers: the legend's classes are whole numbers


def _legend(areas: Sequence[Any]) -> dict[str, object]:
    return legend(
        [_whole_rate(a.rate_per_1000) for a in areas],
        title="Verified members per 1,000 residents, by LSOA",
        unit="members per 1,000 residents, to the nearest whole number",
    )


@requires(VIEW_REPRESENTATIVENESS)
def representativeness_csv(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Neighbourhood, slug=slug)
    response = attachment("", f"pact-{place.slug}-members-by-lsoa.csv", CSV)
    writer = csv.writer(response)
    writer.writerow(HEADER)
    for a in selectors.representativeness(place).areas:
        rate = "" if a.rate_per_1000 is None else round(a.rate_per_1000, 2)
        writer.writerow([a.code, a.name, a.residents, a.members, rate, round(a.expected, 2), round(a.p_value, 4),
                         "yes" if a.under_heard else "no"])  # fmt: skip
    return response


@requires(VIEW_REPRESENTATIVENESS)
def representativeness_geojson(request: HttpRequest, slug: str) -> JsonResponse:
    """The neighbourhood's LSOAs shaded by members per 1,000 residents; under-heard ones say so in their name."""
    place = get_object_or_404(Neighbourhood, slug=slug)
    figures = selectors.representativeness(place)
    rows = [
        {
            "code": a.code,
            "name": f"{a.name}: {a.members} members, {0 if a.rate_per_1000 is None else round(a.rate_per_1000, 1)} "
            f"per 1,000{' (under-heard)' if a.under_heard else ''}",
            "count": _whole_rate(a.rate_per_1000),
            "under_heard": a.under_heard,
        }
        for a in figures.areas
    ]
    members = {a.code: a.members for a in figures.areas}
    try:
        collection = lsoa_features(rows, {"measure": "members per 1,000 residents", "legend": _legend(figures.areas)})
    except ApplicationError as exc:
        return JsonResponse({"detail": exc.message}, status=400)
    mapped = sum(members[f["properties"]["code"]] for f in collection["features"])
    total = sum(members.values())
    collection["properties"].update({"records": total, "mapped": mapped, "not_mapped": total - mapped})
    return JsonResponse(collection)

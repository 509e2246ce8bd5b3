"""Where a member is and what they hear about: an LSOA (picked, or nearest a map point) and areas of interest.

No postcode lookup is loaded in crimeplan, so a postcode is kept as given and the neighbourhood comes from
an LSOA the member picks or from a point on the map (the LSOA whose centroid is nearest, within 3 km).
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from django.core.exceptions import ValidationError

from crimeplan.geography import selectors as geography

NEAREST_WITHIN_M = 3000
MAX_RADIUS_M = 10_000


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def nearest_lsoa(latitude: float, longitude: float) -> tuple[str, str]:
    """(LSOA code, ward code) of the LSOA whose centroid is nearest the point."""
    best: tuple[float, str, str] | None = None
    for code, ward, lat, lon in geography.lsoa_centroids():
        d = distance_m(latitude, longitude, lat, lon)
        if best is None or d < best[0]:
            best = (d, code, ward)
    if best is None or best[0] > NEAREST_WITHIN_M:
        raise ValidationError(
            "That point is outside the areas crimeplan covers: choose a point nearer home.", code="outside"
        )
    return best[1], best[2]


def resolve_home(
    *, lsoa_code: str = "", postcode: str = "", latitude: float | None = None, longitude: float | None = None
) -> tuple[str, str]:
    """(LSOA code, ward code) from a picked LSOA, a postcode (when a postcode lookup is loaded) or a map point."""
    if lsoa_code:
        ward = geography.ward_code_of(lsoa_code)
        if ward is None:
            raise ValidationError(f"{lsoa_code} is not an LSOA crimeplan knows: check the code.", code="unknown_lsoa")
        return lsoa_code, ward
    if postcode and geography.postcodes_loaded():
        found = geography.find_postcode(postcode)
        if found is None or found[1] is None:
            raise ValidationError(
                f"{postcode} is not in the loaded postcode lookup: choose your neighbourhood from the list or mark "
                "your home on the map.",
                code="unknown_postcode",
            )
        return resolve_home(lsoa_code=found[1].code)
    if latitude is not None and longitude is not None:
        return nearest_lsoa(latitude, longitude)
    raise ValidationError(
        "Enter your postcode, choose your neighbourhood from the list or mark your home on the map.", code="no_place"
    )


def lsoas_within(latitude: float, longitude: float, radius_m: float) -> list[str]:
    """LSOAs whose centroid lies within ``radius_m`` of the point."""
    return [
        code
        for code, _ward, lat, lon in geography.lsoa_centroids()
        if distance_m(latitude, longitude, lat, lon) <= radius_m
    ]


def lsoas_in_polygon(geojson: dict[str, object]) -> list[str]:
    """LSOAs whose centroid lies inside a GeoJSON Polygon or MultiPolygon (a Feature or a geometry)."""
    from shapely.geometry import Point, shape

    geometry = geojson.get("geometry", geojson) if geojson.get("type") == "Feature" else geojson
    try:
        area = shape(geometry)
    except (ValueError, TypeError, AttributeError, KeyError) as error:
        raise ValidationError(f"The drawn area is not a GeoJSON polygon: {error}", code="bad_geojson") from error
    if area.geom_type not in {"Polygon", "MultiPolygon"} or area.is_empty:
        raise ValidationError("The drawn area must be a polygon.", code="bad_geojson")
    return [code for code, _ward, lat, lon in geography.lsoa_centroids() if area.contains(Point(lon, lat))]


def centroid_of(lsoa_code: str) -> tuple[float, float] | None:
    for code, _ward, lat, lon in geography.lsoa_centroids():
        if code == lsoa_code:
            return lat, lon
    return None


def interest_rows(
    *, home_lsoa: str, wards: Iterable[str], point: tuple[float, float] | None, radius_m: int | None
) -> list[tuple[str, str, str]]:
    """(LSOA code, reason, ward code) for a member's home, the wards they chose and their radius."""
    rows = [(home_lsoa, "home", "")]
    for ward in wards:
        codes = geography.lsoa_codes_in(ward=ward)
        if not codes:
            raise ValidationError(f"{ward} is not a ward crimeplan knows.", code="unknown_ward")
        rows += [(code, "ward", ward) for code in codes]
    if radius_m:
        if radius_m > MAX_RADIUS_M:
            raise ValidationError("Choose a distance of 10 km or less.", code="radius_too_big")
        centre = point or centroid_of(home_lsoa)
        if centre is not None:
            rows += [(code, "radius", "") for code in lsoas_within(centre[0], centre[1], radius_m)]
    seen: set[tuple[str, str]] = set()
    unique = []
    for code, reason, ward in rows:
        if (code, reason) not in seen:
            seen.add((code, reason))
            unique.append((code, reason, ward))
    return unique

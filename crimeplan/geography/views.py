"""Finding a place: search by name or postcode, or by the browser's location, leading to the area pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from crimeplan.core.permissions import public
from crimeplan.geography import selectors

#: Longest query read (a place name or a postcode is far shorter).
MAX_QUERY = 100


@public
def search(request: HttpRequest) -> HttpResponse:
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY]
    postcodes = selectors.postcodes_loaded()
    context: dict[str, object] = {"query": query, "postcodes_loaded": postcodes, "results": [], "postcode": None}
    if query:
        as_postcode = selectors.find_postcode(query)
        if as_postcode is not None:
            context["postcode"], context["postcode_place"] = as_postcode
        context["results"] = selectors.find_places(query)
    return render(request, "geography/search.html", context)


@public
def locate(request: HttpRequest) -> HttpResponse:
    """The LSOA at a point the browser gave (``lat``, ``lon``): its area page, or a page saying why not."""
    try:
        latitude, longitude = float(request.GET.get("lat", "")), float(request.GET.get("lon", ""))
    except ValueError:
        latitude = longitude = float("nan")
    problem = ""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        problem = "Your browser did not give a location crimeplan can use. Search by place name instead."
    else:
        place = selectors.lsoa_at(latitude, longitude)
        if place is not None:
            return redirect("performance:area", code=place.code)
        problem = "Your location is outside the areas crimeplan holds figures for. Search by place name instead."
    context = {"query": "", "postcodes_loaded": selectors.postcodes_loaded(), "results": [], "problem": problem}
    return render(request, "geography/search.html", context, status=200)

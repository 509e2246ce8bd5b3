"""The hotspot map page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from crimeplan.analytics.hotspots.defaults import PEERS
from crimeplan.analytics.vocabulary import ALL_CRIME
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.permissions import requires
from crimeplan.crimedata.selectors import forces_loaded
from crimeplan.hotspots import mapping, selectors
from crimeplan.hotspots.forms import HotspotForm


def _form(request: HttpRequest) -> tuple[HotspotForm, bool]:
    forces = list(forces_loaded())
    data = request.GET.copy()
    force = data.get("force") or (
        settings.DEFAULT_FORCE if settings.DEFAULT_FORCE in forces else next(iter(forces), "")
    )
    data.setdefault("force", force)
    data.setdefault("crime_type", ALL_CRIME)
    window = selectors.training_window(force, str(data.get("crime_type") or ALL_CRIME))
    months = selectors.forecastable_months(force, window) if force in forces else []
    if months:
        data.setdefault("month", months[-1])
    form = HotspotForm(data, forces=forces, months=months, window=window)
    return form, bool(forces) and form.is_valid()


@requires("hotspots.view_hotspots")
def hotspot_map(request: HttpRequest) -> HttpResponse:
    form, valid = _form(request)
    context: dict[str, object] = {
        "form": form,
        "problem": "" if forces_loaded() else "No street-level crime is loaded yet.",
    }
    if valid:
        data = form.cleaned_data
        try:
            fc = selectors.forecast(force=data["force"], crime_type=data["crime_type"], month=data["month"])
        except ApplicationError as exc:
            context["problem"] = exc.message
        else:
            methods = list(dict.fromkeys([fc.method, *PEERS]))
            context.update(
                {
                    "fc": fc,
                    "accuracy": selectors.accuracy(fc.evaluation, methods) if fc.evaluation else [],
                    "reliability": selectors.reliability(fc.evaluation, fc.method),
                    "top": mapping.top_table(fc),
                    "scores": mapping.forecast_scores(fc),
                    "bands": mapping.BANDS[:3],
                    "query": urlencode({"force": fc.force, "crime_type": fc.crime_type_slug, "month": fc.month}),
                }
            )
    elif forces_loaded() and not form.data.get("month"):
        context["problem"] = (
            "No month can be forecast yet: the store needs a year of consecutive months for this force."
        )
    return render(request, "hotspots/map.html", context)

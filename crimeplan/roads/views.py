"""Road safety pages: trends and comparisons, the ranked sites and map, and partners' actions."""

from __future__ import annotations

import csv
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from crimeplan.core.charts import bar_chart
from crimeplan.core.downloads import CSV, attachment
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import public, requires
from crimeplan.roads import selectors, services
from crimeplan.roads.forms import ActionForm, ForceYearForm
from crimeplan.roads.permissions import MANAGE_ACTIONS


def _choice(request: HttpRequest) -> tuple[ForceYearForm, str | None, int | None]:
    loaded = selectors.forces_loaded()
    force = request.GET.get("force") or selectors.default_force()
    data = {"force": force, "year": request.GET.get("year") or (loaded.get(force or "", [0])[-1] if force else "")}
    form = ForceYearForm(data, loaded=loaded)
    if not loaded or not form.is_valid():
        return form, None, None
    return form, form.cleaned_data["force"], form.cleaned_data["year"]


def _name(force: str | None) -> str:
    from crimeplan.analytics.forces import all_forces

    known = all_forces().get(force or "")
    return known.place if known else (force or "").replace("-", " ").title()


@public
def overview(request: HttpRequest) -> HttpResponse:
    form, force, year = _choice(request)
    context: dict[str, Any] = {"form": form, "force": force, "year": year, "force_name": _name(force)}
    if force and year:
        context.update(selectors.overview(force, year))
        for item in context["breakdowns"].values():
            item["chart"] = bar_chart(
                [(row["value"], row["casualties"]) for row in item["rows"][:12]],
                title=f"Casualties by {item['label'].lower()}, {year}",
                description=f"Bar chart of casualties by {item['label'].lower()}; the table below gives the figures.",
            )
        context["sites"] = selectors.ranked_sites(force, limit=20)
        context["actions"] = selectors.actions(request.user, force)[:20]
    return render(request, "roads/overview.html", context)


@public
def sites_csv(request: HttpRequest) -> HttpResponse:
    _, force, _ = _choice(request)
    if not force:
        raise Http404("no STATS19 data loaded")
    response = attachment("", f"road-sites-{force}.csv", CSV)
    writer = csv.writer(response)
    columns = ["site", "site_type", "group", "road", "collisions", "fatal", "serious", "slight", "ksi", "eb_ksi",
               "group_mean", "weight", "cost", "years", "latitude", "longitude", "why"]  # fmt: skip
    writer.writerow(columns)
    for site in selectors.ranked_sites(force, limit=None):
        row = site.as_dict()
        writer.writerow([row[c] for c in columns])
    return response


@public
def breakdown_csv(request: HttpRequest) -> HttpResponse:
    _, force, year = _choice(request)
    if not force or not year:
        raise Http404("no STATS19 data loaded")
    data = selectors.overview(force, year)
    response = attachment("", f"road-casualties-{force}-{year}.csv", CSV)
    writer = csv.writer(response)
    writer.writerow(["breakdown", "value", "casualties", "ksi", "ksi_adjusted"])
    for item in data["breakdowns"].values():
        for row in item["rows"]:
            writer.writerow([item["label"], row["value"], row["casualties"], row["ksi"], row["ksi_adjusted"]])
    for level, rows in data["areas"].items():
        for row in rows:
            writer.writerow([level.upper(), row["name"], row["casualties"], row["ksi"], ""])
    return response


@public
def map_data(request: HttpRequest) -> HttpResponse:
    from django.http import JsonResponse

    _, force, _ = _choice(request)
    if not force:
        raise Http404("no STATS19 data loaded")
    sites = [s.as_dict() for s in selectors.ranked_sites(force, limit=50)]
    return JsonResponse({"sites": sites, "cells": selectors.hotspots(force)})


@public
def action_list(request: HttpRequest) -> HttpResponse:
    return render(request, "roads/actions.html", {"actions": selectors.actions(request.user)})


@public
def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = selectors.get_action(request.user, pk)
    if action is None:
        raise Http404("no such action")
    return render(request, "roads/action.html", {"action": action, "evaluation": selectors.evaluate(action)})


@requires(MANAGE_ACTIONS)
def action_add(request: HttpRequest) -> HttpResponse:
    form = ActionForm(request.POST or None, initial={"force": selectors.default_force() or ""})
    if request.method == "POST" and form.is_valid():
        ok, action = attempt(form, lambda: services.record_action(user=request.user, **form.cleaned_data))
        if ok and action is not None:
            return redirect("roads:action", pk=action.pk)
    return render(request, "roads/action_form.html", {"form": form})

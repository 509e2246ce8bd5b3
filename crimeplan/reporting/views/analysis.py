"""The reporting-gap map and table (with CSV), and campaigns with their measured effect."""

from __future__ import annotations

import csv
import io

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from crimeplan.core.downloads import attachment
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import requires
from crimeplan.crimedata.selectors import lsoa_features
from crimeplan.geography.selectors import lsoa_areas
from crimeplan.reporting import campaigns as campaign_effects
from crimeplan.reporting import gap as gap_figures
from crimeplan.reporting.forms import CampaignForm
from crimeplan.reporting.models import Campaign
from crimeplan.reporting.permissions import VIEW_GAP
from crimeplan.reporting.services.campaigns import add_campaign

PERIODS = {"90": 90, "182": 182, "365": 365}


def _figures(request: HttpRequest) -> dict[str, object]:
    days = PERIODS.get(request.GET.get("days", ""), 365)
    force = settings.DEFAULT_FORCE
    return {**gap_figures.gaps(force=force, days=days), "days": days, "days_text": str(days), "periods": PERIODS}


@requires(VIEW_GAP)
def gap(request: HttpRequest) -> HttpResponse:
    figures = _figures(request)
    tables = [("local authority", figures["local_authorities"]), ("Community Safety Partnership", figures["csps"])]
    flagged = [g for g in figures["local_authorities"] if g.flagged and g.strand != "all"]  # type: ignore[attr-defined]
    return render(request, "reporting/gap.html", {**figures, "tables": tables, "flagged_strands": flagged})


@requires(VIEW_GAP)
def gap_csv(request: HttpRequest) -> HttpResponse:
    figures = _figures(request)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(gap_figures.HEADER)
    writer.writerows(gap_figures.csv_rows(figures["local_authorities"], "local authority"))  # type: ignore[arg-type]
    writer.writerows(gap_figures.csv_rows(figures["csps"], "csp"))  # type: ignore[arg-type]
    return attachment(out.getvalue(), "hate-reporting-gap.csv", "text/csv")


@requires(VIEW_GAP)
def campaigns(request: HttpRequest) -> HttpResponse:
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = form.save(commit=False)
        if attempt(form, lambda: add_campaign(user=request.user, campaign=campaign))[0]:  # type: ignore[arg-type]
            return redirect("reporting:campaigns")
    effects = [campaign_effects.effect(c) for c in Campaign.objects.all()[:20]]
    return render(request, "reporting/campaigns.html", {"effects": effects, "form": form})


@requires(VIEW_GAP)
def gap_geojson(request: HttpRequest) -> JsonResponse:
    """Each LSOA shaded by its local authority's coverage (per cent of the expected number)."""
    figures = _figures(request)
    by_la = {g.code: g for g in figures["local_authorities"] if g.strand == "all"}  # type: ignore[attr-defined]
    rows = []
    for code, _name, la in lsoa_areas(settings.DEFAULT_FORCE):
        found = by_la.get(la)
        if found is not None:
            share = round(100 * found.coverage, 1) if found.coverage is not None else 0
            rows.append({"code": code, "name": f"{found.name}: {share}% of expected", "count": share})
    try:
        return JsonResponse(lsoa_features(rows, {"measure": "coverage, per cent of expected"}))
    except ApplicationError as exc:
        return JsonResponse({"detail": exc.message}, status=400)

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
from crimeplan.core.maps import legend, tiles
from crimeplan.core.permissions import requires
from crimeplan.core.store import places_in_force
from crimeplan.core.tables import place_totals
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


def _map_rows(figures: dict[str, object]) -> list[dict[str, object]]:
    """Each LSOA with its local authority's coverage, in whole per cent of the expected number (the legend's unit)."""
    by_la = {g.code: g for g in figures["local_authorities"] if g.strand == "all"}  # type: ignore[attr-defined]
    places = places_in_force(settings.DEFAULT_FORCE)
    rows: list[dict[str, object]] = []
    for code, name, la in lsoa_areas(settings.DEFAULT_FORCE):
        found = by_la.get(la)
        if found is None:
            continue
        lsoa = places.get(code)
        ward = places.get(lsoa.parent_code or "") if lsoa else None
        share = round(100 * found.coverage) if found.coverage is not None else 0
        rows.append(
            {"code": code, "name": name, "ward": ward.name if ward else "", "council": found.name, "count": share}
        )
    return rows


def _map_legend(rows: list[dict[str, object]]) -> dict[str, object]:
    return legend(
        [int(str(r["count"])) for r in rows],
        title="Hate crime reports as a percentage of the expected number, by local authority",
        unit="per cent of the number the police would record at the national rate",
    )


@requires(VIEW_GAP)
def gap(request: HttpRequest) -> HttpResponse:
    figures = _figures(request)
    tables = []
    for level, key in (("local authority", "local_authorities"), ("Community Safety Partnership", "csps")):
        rows = [g for g in figures[key] if g.strand == "all"]  # type: ignore[attr-defined]
        placed = [g.observed for g in rows]
        tables.append((level, rows, place_totals(placed, int(str(figures["strand_reports"])))))
    flagged = [g for g in figures["local_authorities"] if g.flagged and g.strand != "all"]  # type: ignore[attr-defined]
    map_rows = _map_rows(figures)
    context = {
        **figures,
        "tables": tables,
        "flagged_strands": flagged,
        "map_rows": map_rows,
        "legend": _map_legend(map_rows),
        "tiles": tiles(),
        "map_force": settings.DEFAULT_FORCE,
    }
    return render(request, "reporting/gap.html", context)


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
    rows = _map_rows(figures)
    try:
        return JsonResponse(
            lsoa_features(rows, {"measure": "coverage, per cent of expected", "legend": _map_legend(rows)})
        )
    except ApplicationError as exc:
        return JsonResponse({"detail": exc.message}, status=400)

"""Pages: the Data page (imports and their reconciliation), a run's rejected rows, the crime map."""

from __future__ import annotations

import csv
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from crimeplan.analytics.readers.rules import RULES
from crimeplan.analytics.vocabulary import Kind
from crimeplan.audit.events import DataExported
from crimeplan.audit.services import record_event
from crimeplan.core.downloads import CSV, attachment
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.maps import tiles
from crimeplan.core.permissions import requires
from crimeplan.core.tables import place_totals
from crimeplan.crimedata import selectors
from crimeplan.crimedata.forms import MapFilterForm
from crimeplan.crimedata.models import ImportRun

REJECTS_PER_PAGE = 100


@requires("crimedata.view_data_pages")
def imports(request: HttpRequest) -> HttpResponse:
    rows = selectors.stored_partitions()
    forces: dict[str, dict[str, int]] = {}
    for row in rows:
        totals = forces.setdefault(
            f"{row.partition.force} · {row.partition.kind.value}",
            {"months": 0, "stored": 0, "rejected": 0, "unattributed": 0},
        )
        totals["months"] += 1
        totals["stored"] += row.partition.rows
        totals["rejected"] += row.rows_rejected or 0
        totals["unattributed"] += row.unattributed or 0
    return render(
        request,
        "crimedata/imports.html",
        {"rows": rows, "forces": forces, "recent": selectors.recent_runs(30)},
    )


@requires("crimedata.view_data_pages")
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk)
    rule = request.GET.get("rule") or None
    rejected = selectors.run_rejections(run, rule=rule)
    page = Paginator(rejected, REJECTS_PER_PAGE).get_page(request.GET.get("page"))
    rules = {code: cls.summary for code, cls in RULES.items()}
    return render(
        request,
        "crimedata/run_detail.html",
        {"run": run, "page": page, "rule": rule, "rules": rules, "by_rule": sorted(run.rejected_by_rule.items())},
    )


@requires("crimedata.view_data_pages")
def run_rejections_csv(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(ImportRun, pk=pk)
    response = attachment("", f"rejected-{run.file_name}.csv", CSV)
    writer = csv.writer(response)
    writer.writerow(["file", "line", "rule", "value", "message"])
    rows = selectors.run_rejections(run).values_list("line", "rule", "value", "message")
    count = 0
    for line, rule, value, message in rows.iterator():
        writer.writerow([run.file_name, line, rule, value, message])
        count += 1
    record_event(
        DataExported(what=f"rejected rows of import run {run.pk}", format="csv", rows=count), request=request, obj=run
    )
    return response


def _map_form(request: HttpRequest) -> tuple[MapFilterForm, selectors.MapSelection | None, str]:
    loaded = selectors.forces_loaded(Kind.STREET)
    data = request.GET.copy()
    force = data.get("force") or (
        settings.DEFAULT_FORCE if settings.DEFAULT_FORCE in loaded else next(iter(loaded), "")
    )
    months = loaded.get(force, [])
    defaults = {
        "force": force,
        "from_month": months[-3] if len(months) >= 3 else (months[0] if months else ""),
        "to_month": months[-1] if months else "",
    }
    for key, value in defaults.items():
        data.setdefault(key, value)
    form = MapFilterForm(data, loaded=loaded)
    if not loaded or not form.is_valid():
        return form, None, "" if loaded else "No street-level crime is loaded yet."
    try:
        period = selectors.resolve_period(
            form.cleaned_data["force"],
            form.cleaned_data["from_month"],
            form.cleaned_data["to_month"],
            form.cleaned_data["crime_type"] or None,
        )
    except ApplicationError as exc:
        return form, None, exc.message
    return form, period, ""


@requires("crimedata.view_crime_map")
def crime_map(request: HttpRequest) -> HttpResponse:
    form, period, problem = _map_form(request)
    context: dict[str, object] = {"form": form, "period": period, "problem": problem}
    if period is not None:
        top = [row for row in selectors.crime_counts(period, "lsoa") if row["key"]][:20]
        query = urlencode(
            {
                "force": period.force,
                "from_month": period.first,
                "to_month": period.last,
                "crime_type": form.cleaned_data["crime_type"],
            }
        )
        rows = selectors.lsoa_rows(period)
        context.update(
            {
                "top": top,
                "query": query,
                "map_rows": rows,
                "legend": selectors.map_legend(rows, period),
                "map_totals": place_totals((int(r["count"]) for r in rows), selectors.map_records(period)),
                "tiles": tiles(),
            }
        )
    return render(request, "crimedata/map.html", context)


@requires("crimedata.view_crime_map")
def crime_map_geojson(request: HttpRequest) -> JsonResponse:
    form, period, problem = _map_form(request)
    if period is None:
        errors = {k: [str(e) for e in v] for k, v in form.errors.items()}
        return JsonResponse({"detail": problem or "Check the filters.", "errors": errors}, status=400)
    try:
        return JsonResponse(selectors.lsoa_map(period))
    except ApplicationError as exc:
        return JsonResponse({"detail": exc.message}, status=400)

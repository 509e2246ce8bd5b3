"""Pages: the plan dashboard, a priority, entering figures, areas, crime types, the quarterly report."""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from crimeplan.accounts.models import User
from crimeplan.analytics.periods import quarter, quarter_code
from crimeplan.analytics.vocabulary import CRIME_TYPES, RECORDED_CRIME_TYPES
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.forms import attempt
from crimeplan.core.maps import tiles
from crimeplan.core.pdf import pdf_response, render_pdf
from crimeplan.core.permissions import public, requires
from crimeplan.core.store import (
    SHARED_TIMEOUT_S,
    areas_in_force,
    force_area,
    fragment_cached,
    fragment_key,
    lineage,
    months_held,
    places_in_force,
)
from crimeplan.core.tables import place_totals
from crimeplan.performance import report, report_cache, selectors, versions
from crimeplan.performance.forms import FigureForm, PeriodForm
from crimeplan.performance.models import Measure
from crimeplan.performance.selectors import areas
from crimeplan.performance.services import enter_figure

SLUGS = {slug: name for name, slug in CRIME_TYPES.items()}


def _quarters(force: str) -> list[tuple[str, str]]:
    held = set(months_held(force))
    codes = sorted({quarter_code(m) for m in held}, reverse=True)
    complete = [quarter(c) for c in codes if all(m in held for m in quarter(c).months)]
    return [(p.code, p.label) for p in complete]


@public
def dashboard(request: HttpRequest) -> HttpResponse:
    force = settings.DEFAULT_FORCE
    choices = _quarters(force)
    code = request.GET.get("period") or (choices[0][0] if choices else None)
    try:
        period = selectors.reporting_period(force, code)
        page = fragment_key("dashboard", force, period.code, versions.current())
        board, overall = None, None
        if not fragment_cached("dashboard", page):
            board, overall = selectors.dashboard(force, period), report.overall(force, period)
    except ApplicationError as exc:
        return render(request, "performance/unavailable.html", {"problem": exc.message}, status=exc.status)
    form = PeriodForm(initial={"period": period.code}, choices=choices)
    context = {
        "board": board,
        "form": form,
        "overall": overall,
        "page": page,
        "timeout": SHARED_TIMEOUT_S,
        "roll_up_rule": selectors.ROLL_UP_RULE,
    }
    return render(request, "performance/dashboard.html", context)


@public
def priority_detail(request: HttpRequest, number: int) -> HttpResponse:
    force = settings.DEFAULT_FORCE
    period = selectors.reporting_period(force, request.GET.get("period"))
    board = selectors.dashboard(force, period)
    card = next((c for c in board.cards if c.priority.number == number), None)
    if card is None:
        raise Http404("No such priority in the plan")
    sections = [report.section(result) for result in card.results]
    context = {"board": board, "card": card, "sections": sections, "roll_up_rule": selectors.ROLL_UP_RULE}
    return render(request, "performance/priority.html", context)


@requires("performance.enter_figures")
def measure_figures(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(Measure.objects.select_related("priority"), pk=pk)
    if measure.source != "entered":
        raise Http404("Figures are entered only for measures police.uk cannot give")
    form = FigureForm(request.POST or None, measure=measure)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(form, lambda: enter_figure(user=cast(User, request.user), measure=measure, **form.cleaned_data))
        if ok:
            return redirect("performance:figures", pk=measure.pk)
    figures = measure.figures.select_related("entered_by").order_by("-first_month")
    return render(request, "performance/figures.html", {"measure": measure, "form": form, "figures": figures})


@public
def report_view(request: HttpRequest, period: str, fmt: str) -> HttpResponse:
    force = settings.DEFAULT_FORCE
    reporting_period = selectors.reporting_period(force, period)
    if fmt == "pdf":
        filename = f"plan-performance-{reporting_period.code}.pdf"

        def make() -> bytes:
            return render_pdf("performance/report.html", report.build(force, reporting_period))

        if request.user.is_authenticated:
            return pdf_response(make(), filename)
        return pdf_response(report_cache.cached_pdf(force, reporting_period.code, make), filename)
    return render(request, "performance/report.html", report.build(force, reporting_period))


@public
def area_index(request: HttpRequest) -> HttpResponse:
    force = settings.DEFAULT_FORCE
    found = areas_in_force(force)
    grouped = {level: [a for a in found if a.level == level] for level in ("csp", "lad")}
    return render(request, "performance/area_index.html", {"force": force_area(force), "grouped": grouped})


@public
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = areas.resolve_area(code)
    period = areas.page_period(area.force, request.GET.get("period"))
    page = fragment_key("area_page", code, period.code)
    context: dict[str, object] = {
        "area": area,
        "page": page,
        "timeout": SHARED_TIMEOUT_S,
        "lineage": list(reversed(lineage(area))),
        "tiles": tiles(),
    }
    if not fragment_cached("area_page", page):
        view = areas.area_view(area, period)
        places = places_in_force(area.force)
        children = [p for p in places.values() if p.parent_code == area.code and p.level in ("lad", "ward")]
        map_rows = areas.map_rows(area, period, list(RECORDED_CRIME_TYPES))
        context.update(
            {
                "view": view,
                "children": sorted(children, key=lambda p: p.name),
                "map_rows": map_rows,
                "legend": areas.map_legend(map_rows, period),
                "map_totals": place_totals((int(str(r["count"])) for r in map_rows), view.total),
                "plain": areas.plain_summary(view),
                **areas.view_charts(view),
            }
        )
    return render(request, "performance/area.html", context)


@public
def area_geojson(request: HttpRequest, code: str) -> JsonResponse:
    try:
        area = areas.resolve_area(code)
        return JsonResponse(
            areas.area_map(area, areas.page_period(area.force, request.GET.get("period")), list(RECORDED_CRIME_TYPES))
        )
    except ApplicationError as exc:
        return JsonResponse({"detail": exc.message}, status=400)


@public
def area_outlines(request: HttpRequest, code: str) -> JsonResponse:
    """Council and ward outlines with their names around an area, so its map orients without a base map."""
    try:
        return JsonResponse(areas.area_outlines(areas.resolve_area(code)))
    except ApplicationError as exc:
        return JsonResponse({"detail": exc.message}, status=400)


@public
def crime_type_index(request: HttpRequest) -> HttpResponse:
    types = [(name, slug, name in RECORDED_CRIME_TYPES) for name, slug in CRIME_TYPES.items()]
    return render(request, "performance/crime_type_index.html", {"types": types})


@public
def crime_type_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in SLUGS:
        raise Http404("No such police.uk crime type")
    crime_type = SLUGS[slug]
    force = force_area(settings.DEFAULT_FORCE)
    period = areas.page_period(force.force, request.GET.get("period"))
    view = areas.area_view(force, period, [crime_type])
    by_csp = areas.type_by_area(force, "csp", period, crime_type)
    row = view.rows[0] if view.rows else None
    totals = place_totals((r.count for _, r in by_csp), row.count if row else 0)
    context = {
        "view": view,
        "crime_type": crime_type,
        "slug": slug,
        "by_csp": by_csp,
        "place_totals": totals,
        "force_row": row,
        "plain": areas.plain_summary(view),
        **areas.view_charts(view),
    }
    return render(request, "performance/crime_type.html", context)

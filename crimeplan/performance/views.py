"""Pages: the plan dashboard, a priority, entering figures, areas, crime types, the quarterly report."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from crimeplan.analytics import trends
from crimeplan.analytics.vocabulary import CRIME_TYPES
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.forms import attempt
from crimeplan.core.pdf import pdf_response, render_pdf
from crimeplan.core.permissions import public, requires
from crimeplan.crimedata.store import get_store
from crimeplan.performance import areas, report, selectors
from crimeplan.performance.forms import FigureForm, PeriodForm
from crimeplan.performance.models import Measure
from crimeplan.performance.periods import quarter
from crimeplan.performance.services import enter_figure

SLUGS = {slug: name for name, slug in CRIME_TYPES.items()}


def _quarters(force: str) -> list[tuple[str, str]]:
    held = set(trends.months_held(get_store(), force))
    codes = sorted({f"{m[:4]}Q{(int(m[5:]) - 1) // 3 + 1}" for m in held}, reverse=True)
    complete = [quarter(c) for c in codes if all(m in held for m in quarter(c).months)]
    return [(p.code, p.label) for p in complete]


@public
def dashboard(request: HttpRequest) -> HttpResponse:
    force = settings.DEFAULT_FORCE
    choices = _quarters(force)
    code = request.GET.get("period") or (choices[0][0] if choices else None)
    try:
        period = selectors.reporting_period(force, code)
        board = selectors.dashboard(force, period)
    except ApplicationError as exc:
        return render(request, "performance/unavailable.html", {"problem": exc.message}, status=exc.status)
    form = PeriodForm(initial={"period": period.code}, choices=choices)
    return render(
        request, "performance/dashboard.html", {"board": board, "form": form, "overall": report.overall(force, period)}
    )


@public
def priority_detail(request: HttpRequest, number: int) -> HttpResponse:
    force = settings.DEFAULT_FORCE
    period = selectors.reporting_period(force, request.GET.get("period"))
    board = selectors.dashboard(force, period)
    card = next((c for c in board.cards if c.priority.number == number), None)
    if card is None:
        raise Http404("No such priority in the plan")
    sections = [report.section(result) for result in card.results]
    return render(request, "performance/priority.html", {"board": board, "card": card, "sections": sections})


@requires("performance.enter_figures")
def measure_figures(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(Measure.objects.select_related("priority"), pk=pk)
    if measure.source != "entered":
        raise Http404("Figures are entered only for measures police.uk cannot give")
    form = FigureForm(request.POST or None, measure=measure)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(form, lambda: enter_figure(user=request.user, measure=measure, **form.cleaned_data))
        if ok:
            return redirect("performance:figures", pk=measure.pk)
    figures = measure.figures.select_related("entered_by").order_by("-first_month")
    return render(request, "performance/figures.html", {"measure": measure, "form": form, "figures": figures})


@public
def report_view(request: HttpRequest, period: str, fmt: str) -> HttpResponse:
    force = settings.DEFAULT_FORCE
    context = report.build(force, selectors.reporting_period(force, period))
    if fmt == "pdf":
        return pdf_response(
            render_pdf("performance/report.html", context), f"plan-performance-{context['period'].code}.pdf"
        )
    return render(request, "performance/report.html", context)


@public
def area_index(request: HttpRequest) -> HttpResponse:
    force = settings.DEFAULT_FORCE
    found = trends.areas_in_force(get_store(), force)
    grouped = {level: [a for a in found if a.level == level] for level in ("csp", "lad")}
    return render(
        request, "performance/area_index.html", {"force": trends.force_area(get_store(), force), "grouped": grouped}
    )


@public
def area_detail(request: HttpRequest, code: str) -> HttpResponse:
    area = areas.resolve_area(code)
    view = areas.area_view(area, areas.page_period(area.force, request.GET.get("period")))
    wards = (
        [a for a in trends.areas_in_force(get_store(), area.force) if a.level == "ward"] if area.level == "lad" else []
    )
    return render(request, "performance/area.html", {"view": view, "wards": wards, **areas.view_charts(view)})


@public
def area_geojson(request: HttpRequest, code: str) -> JsonResponse:
    try:
        area = areas.resolve_area(code)
        return JsonResponse(
            areas.area_map(area, areas.page_period(area.force, request.GET.get("period")), areas.ALL_CRIME)
        )
    except ApplicationError as exc:
        return JsonResponse({"detail": exc.message}, status=400)


@public
def crime_type_detail(request: HttpRequest, slug: str) -> HttpResponse:
    if slug not in SLUGS:
        raise Http404("No such police.uk crime type")
    crime_type = SLUGS[slug]
    force = trends.force_area(get_store(), settings.DEFAULT_FORCE)
    period = areas.page_period(force.force, request.GET.get("period"))
    view = areas.area_view(force, period, [crime_type])
    by_csp = areas.type_by_area(force, "csp", period, crime_type)
    context = {"view": view, "crime_type": crime_type, "slug": slug, "by_csp": by_csp, **areas.view_charts(view)}
    return render(request, "performance/crime_type.html", context)

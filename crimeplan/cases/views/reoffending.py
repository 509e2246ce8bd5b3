"""Cohorts, proven offences (entered or imported) and the Reducing Reoffending Board report."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.cases.charts import reoffending_chart
from crimeplan.cases.events import BoardReportViewed
from crimeplan.cases.forms.reoffending import BoardForm, ImportForm, MemberForm, OffenceForm
from crimeplan.cases.models import Cohort, OffenceImport, Programme
from crimeplan.cases.permissions import Action, require, require_cohort
from crimeplan.cases.selectors.board import board_report
from crimeplan.cases.selectors.cases import visible_case
from crimeplan.cases.selectors.cohorts import cohorts_for, read_cohort
from crimeplan.cases.services import reoffending as services
from crimeplan.cases.views.common import posted
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.forms import attempt
from crimeplan.core.pdf import pdf_response, render_pdf
from crimeplan.core.permissions import requires, signed_in

MAX_UPLOAD = 5 * 1024 * 1024


@signed_in
def cohorts(request: HttpRequest) -> HttpResponse:
    return render(request, "cases/cohorts.html", {"cohorts": cohorts_for(request.user)})


@signed_in
def cohort(request: HttpRequest, pk: int) -> HttpResponse:
    detail = read_cohort(request.user, pk, as_of=timezone.localdate(), request=request)
    return render(request, "cases/cohort.html", {"d": detail, "cohort": detail.cohort})


def _cohort(request: HttpRequest, pk: int) -> Cohort:
    found = get_object_or_404(Cohort, pk=pk)
    require_cohort(request.user, found)
    return found


@signed_in
def add_member(request: HttpRequest, pk: int) -> HttpResponse:
    group = _cohort(request, pk)
    categories = list(services.ogrs3_model().categories)
    form = MemberForm(posted(request), categories=categories)

    def handle() -> None:
        data = dict(form.cleaned_data)
        case = visible_case(request.user, data.pop("case_reference"))
        services.add_member(cohort=group, by=request.user, case=case, **data)

    if request.method == "POST" and attempt(form, handle)[0]:
        messages.success(request, "Member added")
        return redirect("cases:cohort", pk=group.pk)
    context = {"cohort": group, "form": form, "title": "Add a member", "ogrs3": True}
    return render(request, "cases/cohort_form.html", context)


@signed_in
def add_offence(request: HttpRequest, pk: int) -> HttpResponse:
    group = _cohort(request, pk)
    members = list(group.members.values_list("pk", "reference"))
    form = OffenceForm(posted(request), members=members)

    def handle() -> None:
        data = dict(form.cleaned_data)
        member = group.members.get(pk=int(data.pop("member")))
        services.record_offence(member=member, by=request.user, **data)

    if request.method == "POST" and attempt(form, handle)[0]:
        messages.success(request, "Proven offence recorded")
        return redirect("cases:cohort", pk=group.pk)
    return render(
        request, "cases/cohort_form.html", {"cohort": group, "form": form, "title": "Record a proven offence"}
    )


@signed_in
def import_offences(request: HttpRequest, pk: int) -> HttpResponse:
    group = _cohort(request, pk)
    form = ImportForm(posted(request), request.FILES or None)
    made: dict[str, OffenceImport] = {}

    def handle() -> None:
        upload = form.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise ApplicationError("The file must be smaller than 5 MB: split it into parts", field="file")
        made["run"] = services.import_offences(cohort=group, by=request.user, file_name=upload.name, data=upload.read())

    if request.method == "POST" and attempt(form, handle)[0]:
        return redirect("cases:offence_import", pk=made["run"].pk)
    context = {"cohort": group, "form": form, "title": "Import proven offences", "upload": True}
    return render(request, "cases/cohort_form.html", context)


@signed_in
def offence_import(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(OffenceImport.objects.select_related("cohort"), pk=pk)
    require_cohort(request.user, run.cohort)
    return render(request, "cases/offence_import.html", {"run": run, "rejections": run.rejections.all()})


def _board(request: HttpRequest) -> tuple[BoardForm, Any]:
    require(request.user, Action.BOARD_REPORT)
    data = request.GET.copy()
    if "programme" not in data:
        default = Programme.objects.filter(is_active=True, cohorts__isnull=False).order_by("pk").first()
        data["programme"] = str(default.pk) if default else ""
    form = BoardForm(data)
    if not form.is_valid():
        return form, None
    return form, board_report(programme=form.cleaned_data["programme"], as_of=form.as_of_date())


def _charts(report: Any) -> list[tuple[Any, Any]]:
    sections = [report.overall, *report.projects]
    return [
        (s, reoffending_chart(s.reoffending, title=f"Proven reoffending against OGRS3, {s.title}", key=str(i)))
        for i, s in enumerate(sections)
    ]


@requires("cases.view_board_report")
def board(request: HttpRequest) -> HttpResponse:
    form, report = _board(request)
    if report is not None:
        record_event(
            BoardReportViewed(programme=report.programme.slug, format="page"), request=request, purpose="Board"
        )
    context = {"form": form, "report": report, "sections": _charts(report) if report else []}
    return render(request, "cases/board.html", context)


@requires("cases.view_board_report")
def board_pdf(request: HttpRequest) -> HttpResponse:
    form, report = _board(request)
    if report is None:
        return render(request, "cases/board.html", {"form": form, "report": None, "sections": []}, status=400)
    record_event(BoardReportViewed(programme=report.programme.slug, format="pdf"), request=request, purpose="Board")
    pdf = render_pdf("cases/board_pdf.html", {"report": report, "sections": _charts(report)})
    return pdf_response(pdf, f"board-report-{report.programme.slug}-{report.as_of.isoformat()}.pdf")

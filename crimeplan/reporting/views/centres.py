"""Third-party reporting centres: the public list, the register, a centre's dashboard and its reports."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from crimeplan.core.forms import attempt
from crimeplan.core.permissions import public, requires, signed_in
from crimeplan.reporting.constants import Via
from crimeplan.reporting.forms import CentreForm, CentreReportForm, StaffForm
from crimeplan.reporting.models import Centre
from crimeplan.reporting.selectors import centre_dashboard, centre_of
from crimeplan.reporting.services.centres import add_trained_staff, register_centre
from crimeplan.reporting.services.reports import ReportDetails, make_report


@public
def centre_list(request: HttpRequest) -> HttpResponse:
    centres = Centre.objects.filter(is_active=True).select_related("organisation").prefetch_related("strands")
    return render(request, "reporting/centres.html", {"centres": centres})


@requires("reporting.manage_centres")
def new_centre(request: HttpRequest) -> HttpResponse:
    form = CentreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, centre = attempt(
            form,  # type: ignore[arg-type]
            lambda: register_centre(
                user=request.user, centre=form.save(commit=False), strands=form.cleaned_data["strands"]
            ),
        )
        if ok and centre is not None:
            messages.success(request, f"{centre} registered")
            return redirect("reporting:centre", pk=centre.pk)
    return render(request, "reporting/form_page.html", {"form": form, "title": "Register a reporting centre"})


@signed_in
def centre(request: HttpRequest, pk: int) -> HttpResponse:
    """A centre's dashboard: its own staff and the centres' managers may see it."""
    found = get_object_or_404(Centre.objects.select_related("organisation"), pk=pk)
    managing = request.user.has_perm("reporting.manage_centres")
    if not managing and centre_of(request.user) != found:
        raise Http404("No such centre")
    form = StaffForm(request.POST or None)
    if managing and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if attempt(form, lambda: add_trained_staff(user=request.user, centre=found, **data))[0]:
            messages.success(request, "Trained member of staff added")
            return redirect("reporting:centre", pk=pk)
    context = {"centre": found, "figures": centre_dashboard(found), "form": form, "managing": managing}
    return render(request, "reporting/centre.html", context)


@signed_in
def centre_report(request: HttpRequest) -> HttpResponse:
    """A centre's member of staff reports on someone's behalf, recording that the person agreed."""
    found = centre_of(request.user)
    if found is None:
        raise PermissionDenied("Only staff of a registered reporting centre can report for someone here.")
    form = CentreReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        details: ReportDetails = form.details()
        ok, report = attempt(
            form, lambda: make_report(user=request.user, details=details, via=Via.CENTRE, centre=found)
        )
        if ok and report is not None:
            messages.success(
                request, f"Report made. The person's tracking code is {report.tracking_code}: give it to them."
            )
            return redirect("reporting:report", pk=report.pk)
    return render(request, "reporting/form_page.html", {"form": form, "title": f"Report for someone at {found}"})

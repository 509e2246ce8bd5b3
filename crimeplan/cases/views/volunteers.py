"""Volunteers of the agency and the hours they log."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.cases.events import VolunteersListed
from crimeplan.cases.forms.volunteers import HoursForm, VolunteerForm
from crimeplan.cases.permissions import Action, organisation_of, require
from crimeplan.cases.selectors.cases import visible_case
from crimeplan.cases.selectors.volunteers import volunteer_for, volunteers_of
from crimeplan.cases.services import volunteers
from crimeplan.cases.views.common import posted
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import signed_in


@signed_in
def volunteer_list(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request.user)
    found = volunteers_of(request.user)
    today = timezone.localdate()
    rows = [(v, volunteers.dbs_current(v, today)) for v in found]
    record_event(VolunteersListed(rows=len(rows)), request=request, purpose="Volunteers of the agency")
    return render(request, "cases/volunteers.html", {"rows": rows, "organisation": organisation})


@signed_in
def new_volunteer(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.REFER)
    organisation = organisation_of(request.user)
    assert organisation is not None  # REFER needs an organisation
    form = VolunteerForm(posted(request))

    def handle() -> None:
        volunteers.add_volunteer(by=request.user, organisation=organisation, **form.cleaned_data)

    if request.method == "POST" and attempt(form, handle)[0]:
        messages.success(request, "Volunteer added")
        return redirect("cases:volunteers")
    return render(
        request,
        "cases/simple_form.html",
        {"form": form, "title": "Add a volunteer", "back": reverse("cases:volunteers")},
    )


@signed_in
def log_hours(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = volunteer_for(request.user, pk)
    form = HoursForm(posted(request))

    def handle() -> None:
        data = dict(form.cleaned_data)
        reference = data.pop("case_reference")
        case = visible_case(request.user, reference)
        volunteers.log_hours(volunteer=volunteer, by=request.user, case=case, **data)

    if request.method == "POST" and attempt(form, handle)[0]:
        messages.success(request, f"Hours logged for {volunteer}")
        return redirect("cases:volunteers")
    return render(
        request,
        "cases/simple_form.html",
        {"form": form, "title": f"Log hours for {volunteer}", "back": reverse("cases:volunteers")},
    )

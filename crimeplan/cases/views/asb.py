"""ASB complaints and the case reviews they raise."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.cases.events import AsbIncidentsListed
from crimeplan.cases.forms.asb import AsbIncidentForm
from crimeplan.cases.models import AsbPolicy
from crimeplan.cases.permissions import Action, require
from crimeplan.cases.selectors.asb import asb_incidents_for, asb_reviews_for
from crimeplan.cases.services import asb
from crimeplan.cases.views.common import posted
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import signed_in


@signed_in
def asb_incidents(request: HttpRequest) -> HttpResponse:
    incidents, reviews = asb_incidents_for(request.user), asb_reviews_for(request.user)
    record_event(
        AsbIncidentsListed(rows=len(incidents)), request=request, purpose="ASB complaints recorded by the agency"
    )
    context = {
        "incidents": incidents,
        "reviews": reviews,
        "policy": AsbPolicy.current(),
        "today": timezone.localdate(),
    }
    return render(request, "cases/asb.html", context)


@signed_in
def new_asb_incident(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.REFER)
    form = AsbIncidentForm(posted(request), initial={"reported_on": timezone.localdate()})
    made = {}

    def handle() -> None:
        data = form.cleaned_data
        made["result"] = asb.record_incident(
            by=request.user,
            victim=form.person_details(),
            address=data["incident_address"],
            postcode=data["incident_postcode"],
            occurred_on=data["occurred_on"],
            reported_on=data["reported_on"],
            description=data["description"],
            reference=data["reference"],
        )

    if request.method == "POST" and attempt(form, handle)[0]:
        _, review = made["result"]
        if review is not None:
            messages.success(request, f"Incident recorded. The threshold is met: case review {review.case} raised")
            return redirect("cases:detail", reference=review.case.reference)
        messages.success(request, "Incident recorded")
        return redirect("cases:asb")
    return render(
        request,
        "cases/simple_form.html",
        {"form": form, "title": "Record an ASB complaint", "back": reverse("cases:asb")},
    )

"""Sharing agreements, the service directory, volunteers and ASB incidents."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.cases.constants import ProgrammeKind
from crimeplan.cases.events import AsbIncidentsListed, VolunteersListed
from crimeplan.cases.forms.other import AgreementForm, AsbIncidentForm, HoursForm, VolunteerForm
from crimeplan.cases.models import AsbIncident, AsbPolicy, Case, InformationSharingAgreement, Service, Volunteer
from crimeplan.cases.permissions import Action, can, case_access, organisation_of, require, visible_cases
from crimeplan.cases.services import asb, sharing, volunteers
from crimeplan.cases.views.common import posted
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import signed_in


def _agreements(request: HttpRequest) -> QuerySet[InformationSharingAgreement]:
    everything = InformationSharingAgreement.objects.prefetch_related("parties", "programmes")
    if can(request.user, Action.RECORD_AGREEMENT):
        return everything
    return everything.filter(parties=organisation_of(request.user))


@signed_in
def agreements(request: HttpRequest) -> HttpResponse:
    context = {
        "agreements": _agreements(request),
        "today": timezone.localdate(),
        "can_record": can(request.user, Action.RECORD_AGREEMENT),
    }
    return render(request, "cases/agreements.html", context)


@signed_in
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(_agreements(request), pk=pk)
    return render(request, "cases/agreement.html", {"agreement": found, "today": timezone.localdate()})


@signed_in
def new_agreement(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.RECORD_AGREEMENT)
    form = AgreementForm(posted(request))
    made = {}

    def handle() -> None:
        made["agreement"] = sharing.record_agreement(by=request.user, **form.cleaned_data)

    if request.method == "POST" and attempt(form, handle)[0]:
        messages.success(request, "Agreement recorded")
        return redirect("cases:agreement", pk=made["agreement"].pk)
    return render(
        request,
        "cases/simple_form.html",
        {"form": form, "title": "Record a sharing agreement", "back": reverse("cases:agreements")},
    )


@signed_in
def directory(request: HttpRequest) -> HttpResponse:
    services = Service.objects.filter(is_active=True).select_related("project").prefetch_related("domains")
    return render(request, "cases/services.html", {"services": services})


@signed_in
def volunteer_list(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request.user)
    found = (
        Volunteer.objects.filter(organisation=organisation)
        .annotate(
            hours_total=Sum("hours__hours"), open_matches=Count("matches", filter=Q(matches__ended_on__isnull=True))
        )
        .prefetch_related("domains")
    )
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
    volunteer = get_object_or_404(Volunteer, pk=pk, organisation=organisation_of(request.user))
    form = HoursForm(posted(request))

    def handle() -> None:
        data = dict(form.cleaned_data)
        reference = data.pop("case_reference")
        case = Case.objects.filter(reference=reference).first() if reference else None
        if reference and (case is None or not case_access(request.user, case).can_view):
            raise ValidationError(
                {
                    "case_reference": ValidationError(
                        "Enter the reference of a case your organisation can see", code="unknown_case"
                    )
                }
            )
        volunteers.log_hours(volunteer=volunteer, by=request.user, case=case, **data)

    if request.method == "POST" and attempt(form, handle)[0]:
        messages.success(request, f"Hours logged for {volunteer}")
        return redirect("cases:volunteers")
    return render(
        request,
        "cases/simple_form.html",
        {"form": form, "title": f"Log hours for {volunteer}", "back": reverse("cases:volunteers")},
    )


@signed_in
def asb_incidents(request: HttpRequest) -> HttpResponse:
    organisation = organisation_of(request.user)
    incidents = list(
        AsbIncident.objects.filter(recorded_by_organisation=organisation).select_related("review__case")[:100]
    )
    reviews = (
        visible_cases(request.user)
        .filter(programme__kind=ProgrammeKind.ASB_REVIEW)
        .select_related("asb_review", "person")
        .order_by("-created_at")[:50]
    )
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

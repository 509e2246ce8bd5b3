"""Finding a person (data protection), exporting their record, and correcting it."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.cases.events import PeopleSearched, PersonViewed
from crimeplan.cases.forms.people import ExportForm, PersonSearchForm, RectifyForm
from crimeplan.cases.models import Person
from crimeplan.cases.permissions import Action, can, can_rectify, require
from crimeplan.cases.selectors.subject_access import export_subject_access
from crimeplan.cases.services.people import RECTIFIABLE, rectify
from crimeplan.cases.views.common import attempt, posted
from crimeplan.core.downloads import JSON, attachment
from crimeplan.core.pdf import pdf_response, render_pdf
from crimeplan.core.permissions import signed_in


@signed_in
def people(request: HttpRequest) -> HttpResponse:
    """Data protection officers find a person to answer a request about them."""
    require(request.user, Action.SUBJECT_ACCESS)
    form = PersonSearchForm(request.GET or None)
    found = []
    if form.is_valid():
        words = form.cleaned_data["query"].split()[:3]
        query = Person.objects.all()
        for word in words:
            query = query.filter(Q(given_name__icontains=word) | Q(family_name__icontains=word))
        found = list(query.prefetch_related("cases")[:50])
        record_event(PeopleSearched(rows=len(found)), request=request, purpose="Data protection: find a person")
    return render(request, "cases/people.html", {"form": form, "found": found})


def _person_for(request: HttpRequest, pk: int) -> Person:
    person = get_object_or_404(Person, pk=pk)
    if not can_rectify(request.user, person):
        raise PermissionDenied("Only a data protection officer or an agency that owns one of their cases can do this")
    return person


@signed_in
def person(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for(request, pk)
    form = ExportForm()
    record_event(PersonViewed(), request=request, obj=person, purpose="Data protection: the person's record")
    context = {"person": person, "form": form, "can_export": can(request.user, Action.SUBJECT_ACCESS)}
    return render(request, "cases/person.html", context)


@signed_in
def export(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.SUBJECT_ACCESS)
    person = get_object_or_404(Person, pk=pk)
    form = ExportForm(posted(request))
    if request.method != "POST" or not form.is_valid():
        return render(
            request,
            "cases/person.html",
            {"person": person, "form": form, "can_export": True},
            status=400 if request.method == "POST" else 200,
        )
    fmt = form.cleaned_data["format"]
    data = export_subject_access(person=person, by=request.user, purpose=form.cleaned_data["purpose"], fmt=fmt)
    stamp = timezone.localdate().isoformat()
    if fmt == "json":
        body = json.dumps(data, indent=2, ensure_ascii=False)
        return attachment(body, f"subject-access-{person.pk}-{stamp}.json", JSON)
    pdf = render_pdf("cases/subject_access_pdf.html", {"data": data, "purpose": form.cleaned_data["purpose"]})
    return pdf_response(pdf, f"subject-access-{person.pk}-{stamp}.pdf")


@signed_in
def rectify_person(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person_for(request, pk)
    initial = {name: getattr(person, name) for name in RECTIFIABLE}
    form = RectifyForm(posted(request), initial=initial)

    def handle() -> None:
        changes = {name: form.cleaned_data.get(name) for name in RECTIFIABLE}
        changes = {k: (v if v is not None or k == "date_of_birth" else "") for k, v in changes.items()}
        rectify(person=person, by=request.user, changes=changes, reason=form.cleaned_data["reason"])

    if request.method == "POST" and attempt(form, handle):
        messages.success(request, "Record corrected")
        return redirect("cases:person", pk=person.pk)
    return render(request, "cases/rectify.html", {"person": person, "form": form})

"""Finding a person (data protection), exporting their record, and correcting it."""

from __future__ import annotations

import json

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.cases.events import PeopleSearched
from crimeplan.cases.forms.people import ExportForm, PersonSearchForm, RectifyForm
from crimeplan.cases.models import Person
from crimeplan.cases.permissions import Action, can, can_rectify, require
from crimeplan.cases.selectors.people import candidate_duplicates, person_for
from crimeplan.cases.selectors.subject_access import export_subject_access
from crimeplan.cases.services.people import RECTIFIABLE, rectify
from crimeplan.cases.views.common import posted
from crimeplan.core.downloads import JSON, attachment
from crimeplan.core.forms import attempt
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
    duplicates = candidate_duplicates(request.user, request=request)
    return render(request, "cases/people.html", {"form": form, "found": found, "duplicates": duplicates})


def _page(request: HttpRequest, person: Person, form: ExportForm, status: int = 200) -> HttpResponse:
    context = {
        "person": person,
        "form": form,
        "can_export": can(request.user, Action.SUBJECT_ACCESS),
        "can_rectify": can_rectify(request.user, person),
    }
    return render(request, "cases/person.html", context, status=status)


@signed_in
def person(request: HttpRequest, pk: int) -> HttpResponse:
    """404 (as for a number that does not exist) unless the user may export or correct the record."""
    found = person_for(request.user, pk, purpose="Data protection: the person's record", request=request)
    return _page(request, found, ExportForm())


@signed_in
def export(request: HttpRequest, pk: int) -> HttpResponse:
    """404 if the record cannot be seen; 403 if it can but the user may not export it."""
    person = person_for(request.user, pk, purpose="Data protection: subject access export page", request=request)
    require(request.user, Action.SUBJECT_ACCESS)
    form = ExportForm(posted(request))
    if request.method != "POST" or not form.is_valid():
        return _page(request, person, form, status=400 if request.method == "POST" else 200)
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
    """Only a data protection officer, or the record's agency with ``cases.rectify_person``; 404 for anyone else."""
    person = person_for(request.user, pk, purpose="Data protection: correcting the record", request=request)
    initial = {name: getattr(person, name) for name in RECTIFIABLE}
    form = RectifyForm(posted(request), initial=initial)

    def handle() -> None:
        changes = {name: form.cleaned_data.get(name) for name in RECTIFIABLE}
        changes = {k: (v if v is not None or k == "date_of_birth" else "") for k, v in changes.items()}
        rectify(person=person, by=request.user, changes=changes, reason=form.cleaned_data["reason"])

    if request.method == "POST" and attempt(form, handle)[0]:
        messages.success(request, "Record corrected")
        return redirect("cases:person", pk=person.pk)
    return render(request, "cases/rectify.html", {"person": person, "form": form})

"""Information-sharing agreements."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from crimeplan.cases.forms.sharing import AgreementForm
from crimeplan.cases.permissions import Action, can, require
from crimeplan.cases.selectors.agreements import agreements_for
from crimeplan.cases.services import sharing
from crimeplan.cases.views.common import posted
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import signed_in


@signed_in
def agreements(request: HttpRequest) -> HttpResponse:
    context = {
        "agreements": agreements_for(request.user),
        "today": timezone.localdate(),
        "can_record": can(request.user, Action.RECORD_AGREEMENT),
    }
    return render(request, "cases/agreements.html", context)


@signed_in
def agreement(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(agreements_for(request.user), pk=pk)
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

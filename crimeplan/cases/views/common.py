"""The pattern every case form page follows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from crimeplan.cases.models import Case
from crimeplan.cases.permissions import Action, CaseAccess
from crimeplan.cases.selectors.cases import case_for
from crimeplan.core.forms import attempt

FormMaker = Callable[[Case, CaseAccess, Any], forms.Form]
Handler = Callable[[Case, forms.Form], Any]


def posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def case_form(
    request: HttpRequest,
    reference: str,
    *,
    action: Action,
    make_form: FormMaker,
    handle: Handler,
    title: str,
    success: str,
    intro: str = "",
    button: str = "Save",
) -> HttpResponse:
    """GET shows the form for the case; a valid POST calls the service and goes back to the case."""
    case, access = case_for(request.user, reference, action, request=request)
    form = make_form(case, access, posted(request))
    if request.method == "POST" and attempt(form, lambda: handle(case, form))[0]:
        messages.success(request, success)
        return redirect("cases:detail", reference=case.reference)
    context = {"case": case, "access": access, "form": form, "title": title, "intro": intro, "button": button}
    return render(request, "cases/case_form.html", context)

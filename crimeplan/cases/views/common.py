"""The pattern every case form page follows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from crimeplan.cases.forms.common import apply_errors
from crimeplan.cases.models import Case
from crimeplan.cases.permissions import Action, CaseAccess
from crimeplan.cases.selectors.cases import case_for
from crimeplan.core.exceptions import ApplicationError

FormMaker = Callable[[Case, CaseAccess, Any], forms.Form]
Handler = Callable[[Case, forms.Form], Any]


def posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def attempt(form: forms.Form, handle: Callable[[], Any]) -> bool:
    """Run a service for a valid form; put its errors on the form. True when it succeeded."""
    if not form.is_valid():
        return False
    try:
        handle()
    except (ValidationError, ApplicationError) as exc:
        apply_errors(form, exc)
        return False
    return True


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
    if request.method == "POST" and attempt(form, lambda: handle(case, form)):
        messages.success(request, success)
        return redirect("cases:detail", reference=case.reference)
    context = {"case": case, "access": access, "form": form, "title": title, "intro": intro, "button": button}
    return render(request, "cases/case_form.html", context)

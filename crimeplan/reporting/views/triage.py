"""Staff triage: the queue, one report with its actions, and the referral package for the police."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from crimeplan.audit.services import record_event
from crimeplan.core.downloads import attachment
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import has_permissions, signed_in
from crimeplan.reporting import referrals
from crimeplan.reporting.constants import NCHI_PROMPTS, IncidentKind, Status
from crimeplan.reporting.events import HateReportExported
from crimeplan.reporting.forms import AreaForm, MessageForm, PoliceForm, StatusForm, SupportForm
from crimeplan.reporting.permissions import TRIAGE
from crimeplan.reporting.selectors import likely_duplicates, queue, report_for, risk_flags
from crimeplan.reporting.services.triage import (
    change_status,
    pass_to_police,
    refer_to_support,
    send_message,
    set_area,
)


@signed_in
def report_queue(request: HttpRequest) -> HttpResponse:
    """Scoped by the selectors: the lead sees every report, a centre its own, a victim service its referrals."""
    status = request.GET.get("status", "")
    rows = queue(request.user, status=status if status in Status.values else "", request=request)
    return render(request, "reporting/queue.html", {"rows": rows, "statuses": Status.choices, "status": status})


ACTIONS: dict[str, tuple[type[forms.Form], Callable[..., Any], str]] = {
    "status": (StatusForm, lambda user, report, d: change_status(user=user, report=report, **d), "Status changed"),
    "area": (AreaForm, lambda user, report, d: set_area(user=user, report=report, **d), "Area set"),
    "message": (MessageForm, lambda user, report, d: send_message(user=user, report=report, **d), "Message sent"),
    "police": (PoliceForm, lambda user, report, d: pass_to_police(user=user, report=report, **d), "Passed to police"),
    "support": (
        SupportForm,
        lambda user, report, d: refer_to_support(user=user, report=report, service_reference=d["service"]),
        "Referred to support",
    ),
}


@signed_in
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_for(request.user, pk, purpose="Triage and follow-up", request=request)
    action = request.POST.get("action", "")
    initial = {"area": {"local_authority_code": report.local_authority_code}}
    forms_ = {
        name: form(request.POST if action == name else None, prefix=name, initial=initial.get(name))
        for name, (form, _, _) in ACTIONS.items()
    }
    if action in ACTIONS and has_permissions(request.user, (TRIAGE,)):
        form, run, done = forms_[action], ACTIONS[action][1], ACTIONS[action][2]
        if form.is_valid() and attempt(form, lambda: run(request.user, report, form.cleaned_data))[0]:
            messages.success(request, done)
            return redirect("reporting:report", pk=report.pk)
    context = {
        "report": report,
        "flags": risk_flags(report),
        "duplicates": likely_duplicates(report),
        "nchi": NCHI_PROMPTS if report.incident_kind != IncidentKind.CRIME else (),
        "updates": report.updates.all(),
        "forms": forms_,
        "can_triage": has_permissions(request.user, (TRIAGE,)),
    }
    return render(request, "reporting/report.html", context)


@signed_in
def police_package(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The referral package for the police, as CSV or JSON (only with the reporter's consent)."""
    report = report_for(request.user, pk, purpose="Referral package for the police", request=request)
    if not has_permissions(request.user, (TRIAGE,)) or not report.consent_police or fmt not in ("csv", "json"):
        messages.error(request, "Only a report the reporter agreed to pass to the police can be packaged.")
        return redirect("reporting:report", pk=report.pk)
    record_event(
        HateReportExported(report=report.pk, format=fmt), request=request, obj=report, purpose="Police referral"
    )
    if fmt == "csv":
        return attachment(referrals.as_csv(report), f"hate-report-{report.pk}.csv", "text/csv")
    body = json.dumps(referrals.package(report), indent=2)
    return attachment(body, f"hate-report-{report.pk}.json", "application/json")

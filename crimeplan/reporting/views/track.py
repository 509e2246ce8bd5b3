"""Following a report with its tracking code: status, messages, add information, withdraw consent.

The code is posted (never put in the address), and once it matches, the report's id is kept in the
session for this visit. A wrong code and a withdrawn report get the same answer; wrong codes are
rate-limited per client.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from crimeplan.core import ratelimit
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import public
from crimeplan.reporting.constants import UPDATE_MAX, WRONG_CODES_PER_MINUTE
from crimeplan.reporting.forms import AttachmentForm
from crimeplan.reporting.models import Report
from crimeplan.reporting.selectors import public_updates, report_by_code
from crimeplan.reporting.services.centres import attach_file
from crimeplan.reporting.services.reports import add_information, withdraw_consent

TRACKED = "hate_report_tracked"
NOT_FOUND = "We could not find a report with that code. Check the code and try again."
TOO_MANY = "You have tried too many codes. Wait a minute, then try again."


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Tracking code",
        max_length=40,
        help_text="12 letters and numbers, for example ABCD-EFGH-JKMN",
        error_messages={"required": "Enter your tracking code"},
    )


class AddForm(forms.Form):
    text = forms.CharField(
        label="Add information",
        max_length=UPDATE_MAX,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Anything new, or something you forgot.",
        error_messages={"required": "Enter what you want to add"},
    )


class WithdrawForm(forms.Form):
    what = forms.ChoiceField(
        label="What do you want to withdraw?",
        widget=forms.RadioSelect,
        choices=[
            ("police", "My consent to pass this to the police"),
            ("support", "My consent to be referred to support"),
            ("report", "The whole report: delete it and stop this code working"),
        ],
        error_messages={"required": "Select what you want to withdraw"},
    )


def _find(request: HttpRequest, form: CodeForm) -> Report | None:
    who = ratelimit.client_address(request)
    if ratelimit.exceeded("hate-track", who, times=WRONG_CODES_PER_MINUTE):
        form.add_error("code", TOO_MANY)
        return None
    report = report_by_code(form.cleaned_data["code"])
    if report is None:
        within = ratelimit.hit("hate-track", who, times=WRONG_CODES_PER_MINUTE, per_s=60)
        form.add_error("code", NOT_FOUND if within else TOO_MANY)
    return report


@public
@never_cache
def track(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        report = _find(request, form)
        if report is not None:
            request.session[TRACKED] = report.pk
            return redirect("reporting:tracked")
    response = render(request, "reporting/track.html", {"form": form})
    if form.errors and any(TOO_MANY in e for e in form.errors.get("code", [])):
        response.status_code = 429
    return response


def _tracked(request: HttpRequest) -> Report | None:
    pk = request.session.get(TRACKED)
    return Report.objects.filter(pk=pk, withdrawn_at__isnull=True).first() if pk else None


@public
@never_cache
def tracked(request: HttpRequest) -> HttpResponse:
    report = _tracked(request)
    if report is None:
        return redirect("reporting:track")
    add = AddForm(request.POST if request.POST.get("action") == "add" else None, prefix="add")
    withdraw = WithdrawForm(request.POST if request.POST.get("action") == "withdraw" else None, prefix="withdraw")
    if (
        add.is_bound
        and add.is_valid()
        and attempt(add, lambda: add_information(report=report, text=add.cleaned_data["text"]))[0]
    ):
        messages.success(request, "We have added your information to your report.")
        return redirect("reporting:tracked")
    upload = AttachmentForm(
        request.POST if request.POST.get("action") == "attach" else None,
        request.FILES if request.POST.get("action") == "attach" else None,
        prefix="attach",
    )
    if upload.is_bound and upload.is_valid():
        file = upload.cleaned_data["file"]
        if attempt(upload, lambda: attach_file(report=report, upload=file, content_type=file.checked_type))[0]:
            messages.success(request, "We have added your file to your report.")
            return redirect("reporting:tracked")
    if withdraw.is_bound and withdraw.is_valid():
        what = withdraw.cleaned_data["what"]
        if attempt(withdraw, lambda: withdraw_consent(report=report, what=what))[0]:
            return _withdrawn(request, what)
    context = {"report": report, "updates": public_updates(report), "add": add, "withdraw": withdraw, "upload": upload}
    return render(request, "reporting/tracked.html", context)


def _withdrawn(request: HttpRequest, what: str) -> HttpResponse:
    if what == "report":
        request.session.pop(TRACKED, None)
        messages.success(request, "Your report has been withdrawn. Its tracking code no longer works.")
        return redirect("reporting:track")
    messages.success(request, "You have withdrawn that consent.")
    return redirect("reporting:tracked")

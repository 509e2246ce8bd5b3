"""Staff pages (under /engagement/): compose, approve and send alerts, follow their delivery, members, inbox."""

from __future__ import annotations

import csv

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from crimeplan.core.forms import attempt
from crimeplan.core.permissions import requires
from crimeplan.engagement.constants import ALERT_TEMPLATES, SMS_LENGTH, AlertStatus
from crimeplan.engagement.forms import AlertForm, TriageForm
from crimeplan.engagement.models import Alert
from crimeplan.engagement.permissions import APPROVE_ALERTS, COMPOSE_ALERTS, MANAGE_MEMBERS
from crimeplan.engagement.selectors import alerts as alert_selectors
from crimeplan.engagement.selectors import members as member_selectors
from crimeplan.engagement.services import alerts, replies, sending, suggestions, targeting
from crimeplan.geography import selectors as geography


@requires(COMPOSE_ALERTS)
def alert_list(request: HttpRequest) -> HttpResponse:
    context = {"alerts": alert_selectors.alerts()[:200], "templates": ALERT_TEMPLATES}
    return render(request, "engagement/alert_list.html", context)


@requires(COMPOSE_ALERTS)
def alert_new(request: HttpRequest) -> HttpResponse:
    initial = AlertForm.template_initial(request.GET.get("template", ""))
    form = AlertForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, alert = attempt(
            form,
            lambda: alerts.create_alert(
                user=request.user,
                provider=data["provider"],
                subject=data["subject"],
                body=data["body"],
                sms_body=data["sms_body"],
                topics=data["topics"],
                priority=data["priority"],
                scheduled_for=data["scheduled_for"],
                **data["target"],
            ),
        )
        if ok and alert is not None:
            return redirect("engagement:alert", pk=alert.pk)
    return render(request, "engagement/alert_form.html", {"form": form})


@requires(COMPOSE_ALERTS)
def alert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(alert_selectors.alerts(), pk=pk)
    sms = sending.sms_text(alert) + " Reply STOP to opt out."
    names = geography.area_names([alert.target_code]) if alert.target_code else {}
    context = {
        "alert": alert,
        "progress": alert_selectors.progress(alert),
        "log": alert_selectors.delivery_log(alert),
        "sms": sms,
        "sms_length": len(sms),
        "sms_parts": sending.sms_parts(sms),
        "sms_limit": SMS_LENGTH,
        "area_name": names.get(alert.target_code, alert.target_code or alert.get_target_kind_display()),
        "reached": targeting.channels_reached(alert).count()
        if alert.status in ("draft", "awaiting_approval")
        else None,
        "can_approve": request.user.has_perm(APPROVE_ALERTS) and alert.created_by_id != request.user.pk,
    }
    return render(request, "engagement/alert_detail.html", context)


@requires(COMPOSE_ALERTS)
def alert_progress(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(Alert, pk=pk)
    return render(request, "engagement/_progress.html", {"alert": alert, "progress": alert_selectors.progress(alert)})


@requires(COMPOSE_ALERTS)
def alert_log_csv(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(Alert, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="alert-{alert.pk}-deliveries.csv"'
    out = csv.writer(response)
    out.writerow(["delivery", "member", "channel", "state", "not_before", "sent_at", "delivered_at", "failure_reason"])
    for d in alert_selectors.delivery_log(alert, limit=None).iterator():
        out.writerow([d.pk, d.member_id, d.channel, d.state, d.not_before or "", d.sent_at or "", d.delivered_at or "",
                      d.failure_reason])  # fmt: skip
    return response


def _act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    alert = get_object_or_404(Alert, pk=pk)
    try:
        if action == "send":
            targeted = sending.queue_alert(alert=alert, user=request.user)
            messages.success(request, f"Queued to {targeted} members.")
        elif action == "approve":
            alerts.approve_alert(alert=alert, user=request.user)
            messages.success(request, "Approved: it can now be sent.")
        else:
            alerts.cancel_alert(alert=alert, user=request.user)
            messages.success(request, "Cancelled.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("engagement:alert", pk=pk)


@require_POST
@requires(COMPOSE_ALERTS)
def alert_send(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "send")


@require_POST
@requires(COMPOSE_ALERTS)
def alert_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _act(request, pk, "cancel")


@requires(APPROVE_ALERTS)
def alert_approve(request: HttpRequest, pk: int) -> HttpResponse:
    alert = get_object_or_404(alert_selectors.alerts(), pk=pk)
    if request.method == "POST":
        return _act(request, pk, "approve")
    sms = sending.sms_text(alert)
    waiting = alert.status == AlertStatus.AWAITING_APPROVAL
    return render(request, "engagement/alert_approve.html", {"alert": alert, "sms": sms, "waiting": waiting})


@requires(COMPOSE_ALERTS)
def suggestion_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        try:
            alert = suggestions.draft_from_suggestion(user=request.user, ward=request.POST.get("ward", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("engagement:alert", pk=alert.pk)
    return render(request, "engagement/suggestions.html", {"suggestions": suggestions.suggestions()})


@requires(MANAGE_MEMBERS)
def member_list(request: HttpRequest) -> HttpResponse:
    context = {
        "members": alert_selectors.members_list(request=request),
        "by_channel": member_selectors.members_by_channel(),
    }
    return render(request, "engagement/member_list.html", context)


@requires(MANAGE_MEMBERS)
def member_csv(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="members.csv"'
    out = csv.writer(response)
    out.writerow(["member", "email", "phone", "postcode", "lsoa_code", "ward_code", "kind", "source", "example"])
    for m in alert_selectors.members_export(request=request).iterator():
        out.writerow([m.pk, m.email or "", m.phone or "", m.postcode, m.lsoa_code, m.ward_code, m.kind, m.source,
                      "yes" if m.is_example else ""])  # fmt: skip
    return response


@requires(MANAGE_MEMBERS)
def inbox(request: HttpRequest) -> HttpResponse:
    return render(request, "engagement/inbox.html", {"replies": alert_selectors.inbox(request=request)})


@requires(MANAGE_MEMBERS)
def reply_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reply = alert_selectors.reply_for_staff(request=request, pk=pk)
    if reply is None:
        return render(request, "404.html", status=404)
    form = TriageForm(request.POST or None, initial={"kind": reply.kind})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, _ = attempt(
            form,
            lambda: replies.triage_reply(reply=reply, user=request.user, kind=data["kind"], pass_on=data["pass_on"]),
        )
        if ok:
            messages.success(request, "Saved.")
            return redirect("engagement:inbox")
    return render(request, "engagement/reply_detail.html", {"reply": reply, "form": form})

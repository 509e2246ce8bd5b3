"""Public pages (under /alerts/): sign up, confirm, the member's own page, unsubscribe, reply."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt

from crimeplan.audit.services import record_event
from crimeplan.core import ratelimit
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import public
from crimeplan.engagement.constants import CONSENT_WORDING, CURRENT_WORDING, Channel
from crimeplan.engagement.events import MemberDataRead
from crimeplan.engagement.forms import DetailsForm, PreferencesForm, ReplyForm, SignUpForm, SmsCodeForm
from crimeplan.engagement.models import Alert, Member, Subscription
from crimeplan.engagement.selectors import members as member_selectors
from crimeplan.engagement.services import members, replies
from crimeplan.geography import selectors as geography

SMS_SESSION_KEY = "engagement_sms_member"


def _member_or_404(token: str) -> Member:
    member = member_selectors.member_for_token(token)
    if member is None:
        raise Http404("No such link")
    return member


@public
def signup(request: HttpRequest) -> HttpResponse:
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def sign_up() -> Member:
            ratelimit.limit(
                "alerts-signup",
                ratelimit.client_address(request),
                times=10,
                per_s=3600,
                message="Too many sign-ups from here: try again in an hour.",
            )
            return members.sign_up(
                email=data["email"],
                phone=data["phone"],
                postcode=data["postcode"],
                lsoa_code=data["lsoa_code"],
                latitude=data["latitude"],
                longitude=data["longitude"],
                kind=data["kind"],
                prefs=form.preferences(),
            )

        ok, member = attempt(form, sign_up)
        if ok and member is not None:
            if member.subscriptions.filter(channel="sms", confirmed_at__isnull=True).exists():
                request.session[SMS_SESSION_KEY] = member.pk
            return redirect("engagement:signup_done")
    wording = CONSENT_WORDING[CURRENT_WORDING].format(provider="each organisation you tick below")
    return render(request, "engagement/signup.html", {"form": form, "wording": wording})


@public
def lsoa_points(request: HttpRequest) -> JsonResponse:
    """[code, name, latitude, longitude] of each loaded LSOA, for the sign-up map."""
    names = dict(geography.lsoas_for_choice())
    rows = [[code, names.get(code, code), lat, lon] for code, _ward, lat, lon in geography.lsoa_centroids()]
    return JsonResponse({"lsoas": rows})


def _resend(member_id: int, sub: Subscription | None) -> None:
    ratelimit.limit(
        "alerts-sms-resend",
        str(member_id),
        times=3,
        per_s=3600,
        message="We have sent three codes this hour: wait an hour and ask again.",
    )
    if sub is not None:
        members.send_confirmation(sub)


@public
def signup_done(request: HttpRequest) -> HttpResponse:
    member_id = request.session.get(SMS_SESSION_KEY)
    member = Member.objects.active().filter(pk=member_id).first() if member_id else None
    if member is not None and request.method == "POST" and "resend" in request.POST:
        # A bound form with no fields: attempt() runs a service only for a valid (bound) form.
        resend = forms.Form({})
        sub = member.subscriptions.filter(channel="sms", confirmed_at__isnull=True).first()
        ok, _ = attempt(resend, lambda: _resend(member.pk, sub))
        context = {"form": SmsCodeForm(), "asks_code": True, "resent": ok, "resend_errors": resend.non_field_errors()}
        return render(request, "engagement/signup_done.html", context)
    form = SmsCodeForm(request.POST or None)
    if member is not None and request.method == "POST" and form.is_valid():
        code = form.cleaned_data["code"]

        def confirm() -> None:
            ratelimit.limit(
                "alerts-sms-code",
                str(member.pk),
                times=5,
                per_s=3600,
                message="Too many tries: ask for a new code in an hour.",
                field="code",
            )
            members.confirm_sms(member=member, code=code)

        ok, _ = attempt(form, confirm)
        if ok:
            request.session.pop(SMS_SESSION_KEY, None)
            return render(request, "engagement/confirmed.html", {"channel": "text message"})
    return render(request, "engagement/signup_done.html", {"form": form, "asks_code": member is not None})


@public
def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    sub = Subscription.objects.filter(confirm_token=token, channel="email", member__erased_at__isnull=True).first()
    if sub is None:
        raise Http404("No such link")
    if request.method == "POST":
        members.confirm_email(token=token)
        return render(request, "engagement/confirmed.html", {"channel": "email"})
    return render(request, "engagement/confirm_email.html", {"confirmed": sub.confirmed_at is not None})


def _initial(member: Member) -> dict[str, object]:
    subs = {s.channel: s for s in member.subscriptions.all()}
    initial: dict[str, object] = {
        "topics": list(member.topics.values_list("topic", flat=True)),
        "providers": list(member.consents.filter(withdrawn_at__isnull=True).values_list("provider", flat=True)),
        "channels": [c for c, s in subs.items() if s.unsubscribed_at is None],
        "wards": sorted(set(member.areas.filter(reason="ward").values_list("ward_code", flat=True))),
        "radius_m": member.areas.filter(reason="radius").values_list("radius_m", flat=True).first(),
        "priority_threshold": member.priority_threshold,
    }
    for channel, sub in subs.items():
        initial[f"{channel}_quiet_start"], initial[f"{channel}_quiet_end"] = sub.quiet_start, sub.quiet_end
    return initial


@public
def manage(request: HttpRequest, token: str) -> HttpResponse:
    member = _member_or_404(token)
    form = PreferencesForm(request.POST or None, initial=_initial(member))
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(form, lambda: members.update_preferences(member=member, prefs=form.preferences()))
        if ok:
            return redirect("engagement:manage", token=token)
    record_event(MemberDataRead(what="their own page", members=1), request=request, obj=member)
    context = {
        "form": form,
        "member": member,
        "subscriptions": member.subscriptions.order_by("channel"),
        "consents": member.consents.order_by("-given_at"),
    }
    return render(request, "engagement/manage.html", context)


@public
def details(request: HttpRequest, token: str) -> HttpResponse:
    member = _member_or_404(token)
    initial = {"email": member.email or "", "phone": member.phone or "", "postcode": member.postcode}
    form = DetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(form, lambda: members.update_details(member=member, **form.cleaned_data))
        if ok:
            return redirect("engagement:manage", token=token)
    record_event(MemberDataRead(what="their own details", members=1), request=request, obj=member)
    return render(request, "engagement/details.html", {"form": form, "member": member})


@public
def erase(request: HttpRequest, token: str) -> HttpResponse:
    member = _member_or_404(token)
    if request.method == "POST":
        members.erase_member(member=member)
        return render(request, "engagement/erased.html")
    return render(request, "engagement/erase.html", {"member": member})


@csrf_exempt  # RFC 8058 one-click unsubscribe: mail providers POST without our form
@public
def unsubscribe(request: HttpRequest, token: str, channel: str) -> HttpResponse:
    if channel not in Channel.values:
        raise Http404("No such channel")
    member = _member_or_404(token)
    if request.method == "POST":
        members.unsubscribe(member=member, channel=channel, how="one-click link")
        return render(request, "engagement/unsubscribed.html", {"channel": Channel(channel).label, "token": token})
    return render(request, "engagement/unsubscribe.html", {"channel": Channel(channel).label})


@public
def reply(request: HttpRequest, alert_id: int, token: str) -> HttpResponse:
    alert = get_object_or_404(Alert, pk=alert_id)
    member = _member_or_404(token)
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data

        def send() -> object:
            ratelimit.limit(
                "alerts-reply", str(member.pk), times=20, per_s=3600, message="Too many replies: try again in an hour."
            )
            return replies.receive_reply(
                alert=alert, member=member, text=data["text"], consent_to_share=data["consent_to_share"]
            )

        ok, _ = attempt(form, send)
        if ok:
            return render(request, "engagement/reply_sent.html", {"alert": alert})
    return render(request, "engagement/reply.html", {"form": form, "alert": alert})

"""Signing in and out, the second factor (an authentication app), and resetting a password by email."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.forms.utils import ErrorDict
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from crimeplan.accounts.forms import ResetForm, SetPasswordForm, SignInForm, TokenForm
from crimeplan.accounts.middleware import signed_out_message
from crimeplan.core.permissions import signed_in

LOCKED_OUT = (
    "You have entered a wrong password too many times. For your security this account cannot sign in from "
    "here for {minutes} minutes. Wait, then try again, or reset your password."
)


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "signed_out": signed_out_message(self.request)}


class SignOutView(auth_views.LogoutView):
    pass


def locked_out(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    """What django-axes shows when a username is locked out from an address: the sign-in page, with why."""
    form = SignInForm(request, data=request.POST or None)  # type: ignore[no-untyped-call]
    form._errors, form.cleaned_data = ErrorDict(), {}  # type: ignore[attr-defined]  # not cleaned: that would try the password again
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    form.add_error(None, LOCKED_OUT.format(minutes=minutes))
    return render(request, "accounts/sign_in.html", {"form": form, "next": request.POST.get("next", "")}, status=429)


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return str(settings.LOGIN_REDIRECT_URL)


def _qr_data_uri(device: TOTPDevice) -> str:
    qr = segno.make(device.config_url, error="m")
    return str(qr.svg_data_uri(scale=5, dark="#0b0c0c", light="#ffffff", encode_minimal=False))


@signed_in
def two_factor(request: HttpRequest) -> HttpResponse:
    """Enter the code from an authentication app; enrol one first if the account has none."""
    user = request.user
    device = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    enrolling = device is None
    if enrolling:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="Authentication app", confirmed=False
        )
    form = TokenForm(request.POST or None, device=device)
    if request.method == "POST" and form.is_valid():
        if enrolling:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
        otp_login(request, device)
        return redirect(_next(request))
    context: dict[str, Any] = {"form": form, "enrolling": enrolling, "next": _next(request)}
    if enrolling:
        context |= {"qr": _qr_data_uri(device), "secret": base64.b32encode(device.bin_key).decode()}
    return render(request, "accounts/two_factor.html", context)


class ResetView(auth_views.PasswordResetView):
    form_class = ResetForm
    template_name = "accounts/reset.html"
    email_template_name = "accounts/reset_email.txt"
    subject_template_name = "accounts/reset_subject.txt"
    success_url = reverse_lazy("accounts:reset_sent")


class ResetSentView(auth_views.PasswordResetDoneView):
    template_name = "accounts/reset_sent.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = SetPasswordForm
    template_name = "accounts/reset_confirm.html"
    success_url = reverse_lazy("accounts:reset_done")


class ResetDoneView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/reset_done.html"

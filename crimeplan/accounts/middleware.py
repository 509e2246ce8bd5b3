"""Sessions that end, and the second sign-in step for staff and partners.

- :class:`SessionLifetimeMiddleware` signs an account out after ``SESSION_IDLE_SECONDS`` without a
  request, and ``SESSION_LIFETIME_SECONDS`` after signing in however busy; the sign-in page says why.
- :class:`TwoFactorMiddleware`: when ``TWO_FACTOR_REQUIRED`` (production), an account with any staff or
  partner role that signed in with its password only reaches nothing but the accounts pages until it
  enters a code from its authentication app (enrolling first if it has none).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from crimeplan.accounts.roles import has_any_role

SIGNED_IN_AT = "crimeplan:signed_in_at"
LAST_SEEN = "crimeplan:last_seen"
SIGNED_OUT_BECAUSE = "crimeplan:signed_out_because"
REASONS = {
    "idle": "You were signed out because you had not used the service for {minutes} minutes. Sign in again.",
    "lifetime": "You were signed out because you signed in more than {hours} hours ago. Sign in again.",
}
#: Paths a half-signed-in account may use: signing in and out, the second factor, resetting a password.
OPEN_PATHS = ("/accounts/", "/static/")


class SessionLifetimeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            self._check(request, time.time())
        return self.get_response(request)

    def _check(self, request: HttpRequest, now: float) -> None:
        session = request.session
        started = session.setdefault(SIGNED_IN_AT, now)
        last = session.get(LAST_SEEN, now)
        reason = None
        if now - started > settings.SESSION_LIFETIME_SECONDS:
            reason = "lifetime"
        elif now - last > settings.SESSION_IDLE_SECONDS:
            reason = "idle"
        if reason is not None:
            logout(request)
            request.session[SIGNED_OUT_BECAUSE] = reason
        elif now - last >= 60 or LAST_SEEN not in session:  # write the session at most once a minute
            session[LAST_SEEN] = now


def signed_out_message(request: HttpRequest) -> str:
    """Why the last session ended (once), for the sign-in page."""
    reason = request.session.pop(SIGNED_OUT_BECAUSE, None)
    if reason not in REASONS:
        return ""
    return REASONS[reason].format(
        minutes=settings.SESSION_IDLE_SECONDS // 60, hours=settings.SESSION_LIFETIME_SECONDS // 3600
    )


def needs_second_factor(request: HttpRequest) -> bool:
    user = request.user
    return bool(
        settings.TWO_FACTOR_REQUIRED
        and user.is_authenticated
        and not user.is_verified()  # type: ignore[attr-defined]  # django-otp's middleware adds it
        and has_any_role(user)
    )


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(OPEN_PATHS) and needs_second_factor(request):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": "Finish signing in: enter the code from your authentication app."}, status=401
                )
            return redirect(f"{reverse('accounts:two_factor')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

"""Applicants' access to their own applications: a secret link emailed to them, remembered in their session.

Only the SHA-256 of a link's token is stored. Opening a valid link puts the application in the
visitor's session; pages for an application check the session and refuse anything else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.http import Http404, HttpRequest
from django.utils import timezone

from crimeplan.grants.models import Application

SESSION_KEY = "grants_applications"
TOKEN_DAYS = 28


def new_token() -> tuple[str, str]:
    """A fresh token and the hash that is stored."""
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def application_for_token(token: str) -> Application | None:
    """The application the link opens, unless the link is unknown or older than ``TOKEN_DAYS``."""
    found = Application.objects.filter(token_hash=token_hash(token)).select_related("round__fund").first()
    if found is None or timezone.now() - found.token_issued_at > dt.timedelta(days=TOKEN_DAYS):
        return None
    return found


def remember(request: HttpRequest, application: Application) -> None:
    held = [pk for pk in request.session.get(SESSION_KEY, []) if pk != application.pk]
    request.session[SESSION_KEY] = [application.pk, *held][:20]
    request.session.cycle_key()


def own_application_ids(request: HttpRequest) -> list[int]:
    return list(request.session.get(SESSION_KEY, []))


def own_application(request: HttpRequest, pk: int) -> Application:
    """The visitor's own application, or 404 (not 403, so others' application numbers are not revealed)."""
    if pk not in own_application_ids(request):
        raise Http404("No application of yours has this number. Open the link in your email to return to it.")
    return Application.objects.select_related("round__fund").get(pk=pk)

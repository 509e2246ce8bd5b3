"""The one place a page's or an API route's access rule is declared and checked.

Every view is wrapped by exactly one of :func:`public`, :func:`signed_in` or :func:`requires`, which
records its rule on the view (``view.access_rule``) so a test can walk every URL pattern and refuse a
page that has none. Named permissions are Django permissions (``"app_label.codename"``), declared
in each app's ``Meta.permissions`` and granted to roles (groups); record-level scoping (which cases,
which reports) stays in the app's selectors, which take the acting user.

- anonymous visitor on a page that needs more → redirect to sign in;
- signed-in user without the permission → ``PermissionDenied`` (the 403 page).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

PUBLIC = "public"
SIGNED_IN = "signed_in"

V = TypeVar("V", bound=Callable[..., HttpResponse])


def rule_of(view: Callable[..., Any]) -> str | tuple[str, ...] | None:
    """The access rule declared on a view: ``PUBLIC``, ``SIGNED_IN``, a tuple of permissions, or None."""
    for candidate in (view, getattr(view, "view_class", None), getattr(view, "__wrapped__", None)):
        rule = getattr(candidate, "access_rule", None)
        if rule is not None:
            return rule  # type: ignore[no-any-return]
    return None


def has_permissions(user: Any, permissions: tuple[str, ...]) -> bool:
    """Whether a signed-in, active user holds every named permission (superusers hold all)."""
    return bool(user.is_authenticated and user.is_active and user.has_perms(permissions))


def check(user: Any, *permissions: str) -> None:
    """Raise ``PermissionDenied`` unless ``user`` holds every permission: for services and API routes."""
    if not has_permissions(user, permissions):
        raise PermissionDenied(f"You need the permission {', '.join(permissions)} to do this.")


def public(view: V) -> V:
    """Anyone may open this page, signed in or not."""
    view.access_rule = PUBLIC  # type: ignore[attr-defined]
    return view


def signed_in(view: V) -> V:
    """Any signed-in account may open this page; what it shows is scoped by the selectors."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    wrapper.access_rule = SIGNED_IN  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def requires(*permissions: str) -> Callable[[V], V]:
    """Only accounts holding every named permission may open this page."""
    if not permissions or any("." not in p for p in permissions):
        raise ValueError("requires() takes permissions named 'app_label.codename'")

    def decorate(view: V) -> V:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            check(request.user, *permissions)
            return view(request, *args, **kwargs)

        wrapper.access_rule = tuple(permissions)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate

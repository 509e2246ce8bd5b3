"""The one place a page's or an API route's access rule is declared and checked.

Every view is wrapped by exactly one of :func:`public`, :func:`signed_in` or :func:`requires`, which
records its rule on the view (``view.access_rule``) so a test can walk every URL pattern and refuse a
page that has none. Named permissions are Django permissions (``"app_label.codename"``), declared
in each app's ``Meta.permissions`` and granted to roles (groups); record-level scoping (which cases,
which reports) stays in the app's selectors, which take the acting user.

- anonymous visitor on a page that needs more → redirect to sign in;
- signed-in user without the permission → ``PermissionDenied`` (the 403 page).

API operations (django-ninja) declare their rule the same way: ``@public`` on the function for an open
route, or ``auth=api_signed_in`` / ``auth=api_requires("app.perm")`` on the route (or its router), which
answer 401 to the anonymous and 403 to an account without the permission. :func:`api_rule` reads an
operation's rule back, so the same walk test covers the API. The admin site keeps Django's own rule
(an active account with staff status, then model permissions); :data:`ADMIN` names it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from ninja.errors import AuthorizationError
from ninja.security import SessionAuth

PUBLIC = "public"
SIGNED_IN = "signed_in"
ADMIN = "admin"  # the admin site: Django checks staff status, then each model's permissions

V = TypeVar("V", bound=Callable[..., HttpResponseBase])
F = TypeVar("F", bound=Callable[..., Any])


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


def public(view: F) -> F:
    """Anyone may open this page (or call this API operation), signed in or not."""
    view.access_rule = PUBLIC  # type: ignore[attr-defined]
    return view


def signed_in(view: V) -> V:
    """Any signed-in account may open this page; what it shows is scoped by the selectors."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
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
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            check(request.user, *permissions)
            return view(request, *args, **kwargs)

        wrapper.access_rule = tuple(permissions)  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


class SignedInAuth(SessionAuth):
    """An API route for any signed-in session (401 otherwise)."""

    access_rule: str | tuple[str, ...] = SIGNED_IN


class RequiresAuth(SessionAuth):
    """An API route for signed-in accounts holding every named permission (401, then 403)."""

    def __init__(self, *permissions: str) -> None:
        if not permissions or any("." not in p for p in permissions):
            raise ValueError("api_requires() takes permissions named 'app_label.codename'")
        super().__init__()
        self.access_rule = tuple(permissions)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = super().authenticate(request, key)
        if user is not None and not has_permissions(user, self.access_rule):
            raise AuthorizationError(message=f"You need the permission {', '.join(self.access_rule)} to do this.")
        return user


api_signed_in = SignedInAuth()


def api_requires(*permissions: str) -> RequiresAuth:
    """The ``auth`` of an API route only accounts holding every named permission may call."""
    return RequiresAuth(*permissions)


def api_rule(operation: Any) -> str | tuple[str, ...] | None:
    """The access rule of a django-ninja operation: ``@public`` on its function, else its auth's rule."""
    declared = rule_of(operation.view_func)
    if declared is not None:
        return declared
    rules = {getattr(callback, "access_rule", None) for callback in operation.auth_callbacks}
    if not rules or None in rules:
        return None
    if len(rules) > 1:  # several ways in (an API key or a session): each must declare the same rule
        return None
    return rules.pop()

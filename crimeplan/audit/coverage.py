"""Pages that show personal data say so, and cannot show it without writing an audit event.

Wrap such a view with :func:`reads_personal_data` (apps do it where they list their URLs). The
wrapper counts the audit events written while the view runs; a successful response (2xx) that
wrote none is refused with :class:`UnauditedRead` — the page fails rather than show personal data
that nobody recorded. ``crimeplan/audit/tests/test_coverage.py`` walks every URL pattern, finds the
marked views and requests each one. Admin pages use :class:`crimeplan.audit.admin.AuditedAdminMixin`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from django.http import HttpRequest, HttpResponse

V = TypeVar("V", bound=Callable[..., HttpResponse])

_written: ContextVar[list[str] | None] = ContextVar("audit_events_written", default=None)


class UnauditedRead(Exception):
    """A view marked as showing personal data answered without writing an audit event."""


def note_written(event: str) -> None:
    """Called by ``record_event``: remember the event for the view being watched, if any."""
    written = _written.get()
    if written is not None:
        written.append(event)


@contextmanager
def watching() -> Iterator[list[str]]:
    """The names of the audit events written inside the block."""
    written: list[str] = []
    token = _written.set(written)
    try:
        yield written
    finally:
        _written.reset(token)


def reads_personal_data(view: V) -> V:
    """Mark ``view`` as showing personal data; refuse a successful response that wrote no audit event."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        with watching() as written:
            response = view(request, *args, **kwargs)
        if 200 <= response.status_code < 300 and not written:
            raise UnauditedRead(f"{view.__module__}.{view.__qualname__} showed personal data without an audit event")
        return response

    wrapper.reads_personal_data = True  # type: ignore[attr-defined]
    return wrapper  # type: ignore[return-value]


def is_marked(view: Callable[..., Any]) -> bool:
    """Whether a resolved view (function, class-based or admin) is marked as showing personal data."""
    return any(
        getattr(candidate, "reads_personal_data", False)
        for candidate in (view, getattr(view, "view_class", None), getattr(view, "__wrapped__", None))
    )


#: Models whose records hold personal data: if one is in the admin, its admin must use ``AuditedAdminMixin``.
PERSONAL_DATA_MODELS = frozenset(
    {
        "accounts.User",
        "audit.AuditEvent",
        "cases.AsbIncident",
        "cases.Case",
        "cases.Person",
        "cases.Volunteer",
        "engagement.Member",
        "engagement.Reply",
        "grants.Application",
        "ocg.ModernSlaveryRecord",
    }
)

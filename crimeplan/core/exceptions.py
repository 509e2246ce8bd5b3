"""The one root for errors a user can correct; pages and the API map it to a message."""

from __future__ import annotations

from typing import Any

from django.http import Http404


class ApplicationError(Exception):
    """Something the person asking can fix: the message says how."""

    def __init__(
        self, message: str, *, field: str | None = None, status: int = 400, extra: dict[str, Any] | None = None
    ):
        super().__init__(message)
        self.message = message
        self.field = field
        self.status = status
        self.extra = extra or {}


class Hidden(Http404):
    """A 404 with its own page: for a record the user may not know of, saying how to ask for access.

    The status stays 404 (the same answer whether or not the record exists); ``template`` and
    ``context`` make the page, rendered by ``core.middleware.ApplicationErrorMiddleware``.
    """

    template = "404.html"

    def __init__(self, message: str = "Not found") -> None:
        super().__init__(message)
        self.context: dict[str, Any] = {}

"""The one root for errors a user can correct; pages and the API map it to a message."""

from __future__ import annotations

from typing import Any


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

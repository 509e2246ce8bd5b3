"""One small rate limiter for public forms and emails: at most ``times`` hits per key in a fixed window.

Counts live in Django's ``ratelimit`` cache (``CACHES``): shared by every worker when the cache is (the database or
Redis cache in production), per process with the default local-memory cache.
"""

from __future__ import annotations

import hashlib

from django.core.cache import caches
from django.http import HttpRequest

from crimeplan.core.exceptions import ApplicationError


class RateLimited(ApplicationError):
    """Too many attempts: the message says when to try again (HTTP 429)."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message, field=field, status=429)


def _key(scope: str, who: str) -> str:
    digest = hashlib.sha256(who.strip().lower().encode()).hexdigest()[:32]  # never store the address itself
    return f"ratelimit:{scope}:{digest}"


def hit(scope: str, who: str, *, times: int, per_s: int) -> bool:
    """Count one attempt by ``who``; whether it is within ``times`` per ``per_s`` seconds."""
    key = _key(scope, who)
    cache = caches["ratelimit"]
    cache.add(key, 0, timeout=per_s)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, timeout=per_s)
        count = 1
    return count <= times


def exceeded(scope: str, who: str, *, times: int) -> bool:
    """Whether ``who`` has already used up ``times`` attempts in the current window (nothing is counted)."""
    return int(caches["ratelimit"].get(_key(scope, who), 0)) >= times


def limit(scope: str, who: str, *, times: int, per_s: int, message: str, field: str | None = None) -> None:
    """Raise :class:`RateLimited` with ``message`` once ``who`` has made more than ``times`` attempts."""
    if not hit(scope, who, times=times, per_s=per_s):
        raise RateLimited(message, field=field)


def client_address(request: HttpRequest) -> str:
    """The address the request came from (the proxy's, unless the server is told to trust a forwarded one)."""
    return str(request.META.get("REMOTE_ADDR") or "unknown")

"""A small fixed-window rate limiter on Django's cache, shared by every app.

``hit(key, limit, window)`` counts one event for ``key`` and answers whether it is still within
``limit`` events per ``window`` seconds; ``exceeded`` asks without counting. With one cache per
process (the default local-memory cache) each worker counts alone: set a shared cache (database or
Redis) in production so the limit holds across workers.
"""

from __future__ import annotations

from django.core.cache import cache

PREFIX = "ratelimit:"


def hit(key: str, limit: int, window: int) -> bool:
    """Count one event; True while the count in this window is at most ``limit``."""
    name = PREFIX + key
    cache.add(name, 0, timeout=window)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=window)
        count = 1
    return count <= limit


def exceeded(key: str, limit: int) -> bool:
    """Whether ``key`` has already used up its ``limit`` in the current window (nothing is counted)."""
    return int(cache.get(PREFIX + key, 0)) >= limit


def client_key(request: object, scope: str) -> str:
    """A limiter key for one client (its address) in one scope."""
    meta = getattr(request, "META", {})
    return f"{scope}:{meta.get('REMOTE_ADDR', 'unknown')}"

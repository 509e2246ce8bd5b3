"""Partner API keys for other apps: the service account a key stands for (see ADR 0006)."""

from __future__ import annotations

from typing import Any

from crimeplan.cases.services.apikeys import KEY_PREFIX, authenticate


def account_for_key(key: str) -> Any:
    """The active service account of a valid, unrevoked key, or None (its last use is noted)."""
    return authenticate(key)


def looks_like_key(token: str) -> bool:
    return token.startswith(KEY_PREFIX)

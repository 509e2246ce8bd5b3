"""The configured crime store (``CRIMEPLAN_DATA_DIR/store``), one per process and folder."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from django.conf import settings

from crimeplan.analytics.store import Store


@lru_cache(maxsize=8)
def _store(root: Path, timeout_s: float) -> Store:
    return Store(root, timeout_s=timeout_s)


def get_store() -> Store:
    """The store for the current settings (kept, so its DuckDB views are built once)."""
    return _store(Path(settings.STORE_DIR), float(settings.QUERY_TIMEOUT_S))

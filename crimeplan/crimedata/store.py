"""The configured crime store (``CRIMEPLAN_DATA_DIR/store``)."""

from __future__ import annotations

from django.conf import settings

from crimeplan.analytics.store import Store


def get_store() -> Store:
    return Store(settings.STORE_DIR, timeout_s=settings.QUERY_TIMEOUT_S)

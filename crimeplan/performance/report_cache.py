"""The quarterly report's PDF for anonymous readers, made once per quarter and state of the data.

The cache key is the force, the quarter, a fingerprint of the crime store (each Parquet file's path,
size and modification time) and a fingerprint of the plan (every row of the plan, priorities,
measures and entered figures). Loading a month, entering a figure or changing the plan changes the
key, so nothing needs to be invalidated by hand; old entries are dropped by the cache's own size
limit and after ``TIMEOUT_S``. To drop them all at once (after an upgrade that changes the report's
layout), clear the cache folder (``CRIMEPLAN_CACHE_DIR``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from django.core.cache import cache

from crimeplan.core.store import get_store
from crimeplan.performance.models import Measure, MeasureFigure, Plan, Priority

TIMEOUT_S = 7 * 24 * 3600


def store_fingerprint(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.parquet")):
        stat = path.stat()
        digest.update(f"{path.relative_to(root)}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


def plan_fingerprint() -> str:
    digest = hashlib.sha256()
    for model in (Plan, Priority, Measure, MeasureFigure):
        for row in model.objects.order_by("pk").values_list():
            digest.update(repr(row).encode())
    return digest.hexdigest()[:16]


def cached_pdf(force: str, quarter: str, make: Callable[[], bytes]) -> bytes:
    """The report's PDF from the cache, made by ``make()`` when the quarter or its data are new."""
    key = f"performance:report-pdf:{force}:{quarter}:{store_fingerprint(get_store().root)}:{plan_fingerprint()}"
    pdf: bytes | None = cache.get(key)
    if pdf is None:
        pdf = make()
        cache.set(key, pdf, TIMEOUT_S)
    return pdf

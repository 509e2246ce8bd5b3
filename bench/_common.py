"""Shared helpers for the benchmarks: timing, data folders, a Django set-up in a temp folder."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def shared_or_exit() -> Path:
    """The shared data pack; without it the benchmark says so and stops, and ``make bench`` goes on.

    The dashboard, grants and cases benchmarks need only the shipped ``data/``; ingest, aggregates and
    hotspots measure national-scale files and run when the shared pack is present.
    """
    if not SHARED.is_dir():
        print(f"Skipped: this benchmark reads the shared data pack at {SHARED}, which is not there.")
        sys.exit(0)
    return SHARED


def geography_files(shared: Path, *more: str) -> list[Path]:
    """The national LSOA, LAD and PFA lookups and PFA names, plus ``more`` (paths in the pack)."""
    ref = shared / "lsoa_reference"
    national = [
        ref / "lsoa11_ward19_lad19_lookup_EW.csv.gz",
        ref / "lad19_csp19_pfa19_lookup_EW.csv",
        ref / "pfa19_names_codes_UK.csv",
    ]
    return national + [shared / m for m in more]


def timed(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """Median wall-clock seconds of ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def django_in(folder: Path) -> None:
    """Configure crimeplan's settings with its data (SQLite, store) in ``folder`` and migrate."""
    os.environ["CRIMEPLAN_DATA_DIR"] = str(folder)
    os.environ.setdefault("CRIMEPLAN_SECRET_KEY", "benchmark-only")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crimeplan.settings")
    os.environ.pop("DATABASE_URL", None)
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def scratch(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=f"crimeplan-bench-{prefix}-"))

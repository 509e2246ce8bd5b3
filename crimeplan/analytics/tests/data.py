"""Paths of the real data the tests use, and an independent way to count its rows."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "data"
GEOGRAPHY_FILES = sorted(p for p in (DATA / "geography").iterdir() if p.suffix in (".csv", ".geojson"))
STREET_DIR = DATA / "crime" / "lancashire"
STREET_FILES = sorted(STREET_DIR.glob("*.csv.gz"))
SEARCH_FILE = DATA / "stop_search" / "lancashire" / "2019-06-lancashire-stop-and-search.csv.gz"
SHARED = ROOT.parent / "shared" / "data"


def csv_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a police.uk CSV read with the csv module: the independent hand count."""
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def raw_text(path: Path) -> str:
    """The decompressed text of a file."""
    return gzip.decompress(path.read_bytes()).decode("utf-8") if path.suffix == ".gz" else path.read_text("utf-8")


def needs_shared() -> Path:
    """The shared data pack beside the project, or skip the test saying why."""
    if not SHARED.is_dir():
        pytest.skip(f"the shared data pack is not at {SHARED}; the shipped data covers the core tests")
    return SHARED

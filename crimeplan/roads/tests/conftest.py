"""A store holding the shipped West Yorkshire 2024 STATS19 tables, built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from crimeplan.analytics.store import Store

STATS19 = Path(__file__).resolve().parents[3] / "data" / "stats19"
WY_FILES = [
    STATS19 / f"dft-road-casualty-statistics-{t}-2024-west-yorkshire.csv.gz"
    for t in ("collision", "casualty", "vehicle")
]


@pytest.fixture(scope="session")
def wy_template(tmp_path_factory: pytest.TempPathFactory, django_db_setup: Any, django_db_blocker: Any) -> Path:
    from django.test import override_settings

    from crimeplan.roads.services import import_stats19

    root = tmp_path_factory.mktemp("wy-store")
    with django_db_blocker.unblock(), override_settings(STORE_DIR=root):
        import_stats19(paths=WY_FILES)
    return root


@pytest.fixture
def wy_store(store: Store, wy_template: Path) -> Store:
    """The test's own store with West Yorkshire 2024 loaded (and the app pointed at it)."""
    shutil.copytree(wy_template, store.root, dirs_exist_ok=True)
    return store

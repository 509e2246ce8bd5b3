"""Pytest fixtures for the apps' tests (a plugin, loaded by the root conftest.py).

The app's store is pointed at real shipped data; the library's fixtures
(``crimeplan.analytics.tests.fixtures``) build the stores once per session.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from crimeplan.analytics.store import Store
from crimeplan.core.store import get_store


@pytest.fixture
def store(tmp_path: Path, settings: Any) -> Store:
    """An empty store of the test's own, used by the app's settings."""
    root = tmp_path / "store"
    root.mkdir()
    settings.STORE_DIR = root
    return get_store()


@pytest.fixture
def geo_store(store: Store, geography_template: Path) -> Store:
    """The test's own store, with the shipped reference geography loaded."""
    shutil.copytree(geography_template, store.root, dirs_exist_ok=True)
    return store


@pytest.fixture
def loaded_store(settings: Any, loaded_template: Path) -> Store:
    """The session's store with the shipped months (read-only)."""
    settings.STORE_DIR = loaded_template
    return get_store()


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    """Each test starts with no public-form or email attempts counted."""
    from django.core.cache import caches

    caches["ratelimit"].clear()


@pytest.fixture
def staff_user(django_user_model: Any) -> Any:
    """An office analyst: the staff roles that open the Data pages, maps, hotspots and plan figures."""
    from crimeplan.accounts.roles import DATA_MANAGER, OPCC_ANALYST, PERFORMANCE_LEAD, assign_roles, sync_roles

    user = django_user_model.objects.create_user(username="analyst", password="a-long-test-password")  # noqa: S106
    sync_roles()
    assign_roles(user, (OPCC_ANALYST, PERFORMANCE_LEAD, DATA_MANAGER))
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def staff_client(client: Any, staff_user: Any) -> Any:
    client.force_login(staff_user)
    return client


def crimeplan_command(data_dir: Path) -> tuple[Path, dict[str, str]]:
    """The installed ``crimeplan`` command and an environment that keeps its data in ``data_dir`` (SQLite)."""
    import os
    import sys

    env = {
        **os.environ,
        "CRIMEPLAN_DATA_DIR": str(data_dir),
        "CRIMEPLAN_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "crimeplan.settings",
    }
    env.pop("DATABASE_URL", None)
    return Path(sys.executable).parent / "crimeplan", env


@pytest.fixture
def entered_measure(plan: Any) -> Any:
    """A count staff enter by hand, in the road-safety priority (the plan's own measures are counted by modules)."""
    from crimeplan.performance.constants import Direction, Source

    return plan.priorities.get(number=7).measures.create(
        title="Road casualties reported by the partnership",
        source=Source.ENTERED,
        direction=Direction.REDUCE,
        is_count=True,
    )


def tagged_pdf_facts(data: bytes) -> dict[str, Any]:
    """What makes a PDF accessible, read with pikepdf: structure tree, marked content, language and title."""
    import io

    import pikepdf

    pdf = pikepdf.open(io.BytesIO(data))
    root = pdf.Root
    return {
        "tagged": "/StructTreeRoot" in root,
        "marked": bool(root.MarkInfo.Marked) if "/MarkInfo" in root else False,
        "lang": str(root.get("/Lang", "")),
        "title": str(pdf.docinfo.get("/Title", "")),
    }


@pytest.fixture
def places_db(db: Any, loaded_store: Store, loaded_template: Path) -> None:
    """The shipped Lancashire geography in the database too (what place search reads), with the loaded store."""
    import polars as pl

    from crimeplan.geography.services import sync_database

    reference = loaded_template / "reference"
    sync_database(pl.read_parquet(reference / "lsoa.parquet"), pl.read_parquet(reference / "forces.parquet"))

"""Pytest fixtures for the library: stores in temporary folders built from real shipped data.

A plugin (loaded by the root conftest.py) that never imports Django.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from crimeplan.analytics import geography
from crimeplan.analytics.ingest import ingest
from crimeplan.analytics.store import Store
from crimeplan.analytics.tests.data import GEOGRAPHY_FILES, SEARCH_FILE, STREET_DIR


@pytest.fixture(scope="session")
def geography_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding only the shipped reference geography (built once per session)."""
    root = tmp_path_factory.mktemp("geography-store")
    geography.load(GEOGRAPHY_FILES, Store(root))
    return root


@pytest.fixture(scope="session")
def loaded_template(tmp_path_factory: pytest.TempPathFactory, geography_template: Path) -> Path:
    """A store with the shipped geography and every shipped month (built once; never written to)."""
    root = tmp_path_factory.mktemp("loaded-store")
    shutil.copytree(geography_template, root, dirs_exist_ok=True)
    ingest([STREET_DIR, SEARCH_FILE.parent], Store(root))
    return root


@pytest.fixture
def lib_store(tmp_path: Path) -> Store:
    """An empty store in the test's own folder."""
    return Store(tmp_path / "store")


@pytest.fixture
def geo_lib_store(lib_store: Store, geography_template: Path) -> Store:
    """The test's own store with the shipped reference geography."""
    shutil.copytree(geography_template, lib_store.root, dirs_exist_ok=True)
    return lib_store


@pytest.fixture
def loaded_lib_store(loaded_template: Path) -> Store:
    return Store(loaded_template)

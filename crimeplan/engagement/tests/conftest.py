"""Fixtures for the engagement tests: the real Lancashire geography in the database, and members CSVs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl
import pytest

from crimeplan.geography.services import sync_database

#: Real wards of the shipped Lancashire geography.
WARD = "E05011508"  # Audley & Queen's Park, Blackburn with Darwen (6 LSOAs)
WARD_LSOA = "E01012576"
OTHER_WARD = "E05012193"  # Ashton, Preston
OTHER_LSOA = "E01025232"

HEADER = "email,phone,postcode,lsoa_code,topics,providers,channels,opted_in_at,opt_in_evidence"


@pytest.fixture
def geography_db(db: Any, geography_template: Any) -> None:
    """The shipped Lancashire geography (14 CSPs, 285 wards, 941 LSOAs) in the database."""
    reference = geography_template / "reference"
    sync_database(pl.read_parquet(reference / "lsoa.parquet"), pl.read_parquet(reference / "forces.parquet"))


def write_csv(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def staff_with(django_user_model: Any) -> Any:
    """Make a signed-in-able user holding the named engagement permissions."""
    from django.contrib.auth.models import Permission

    def make(username: str, *codenames: str) -> Any:
        user = django_user_model.objects.create_user(username=username, password="a-long-test-password")
        granted = Permission.objects.filter(content_type__app_label="engagement", codename__in=codenames)
        user.user_permissions.set(granted)
        return django_user_model.objects.get(pk=user.pk)

    return make

"""Fixtures for the grants tests: the real Lancashire geography in the database, the plan, funds and people."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from crimeplan.geography.services import sync_database
from crimeplan.grants.models import Fund, Round
from crimeplan.grants.services.funds import load_funds

YEAR = "2026-27"


@pytest.fixture
def geography_db(db: Any, geography_template: Any) -> None:
    """The shipped Lancashire geography (14 CSPs, 285 wards, 941 LSOAs) in the database."""
    reference = geography_template / "reference"
    sync_database(pl.read_parquet(reference / "lsoa.parquet"), pl.read_parquet(reference / "forces.parquet"))


@pytest.fixture
def funds(geography_db: Any) -> dict[str, Fund]:
    """The Lancashire funds of the shipped definitions, for one year, keyed by their short code."""
    call_command("loaddata", "lancashire_plan", verbosity=0)
    return {fund.code: fund for fund in load_funds(year=YEAR)}


@pytest.fixture
def open_round(funds: dict[str, Fund]) -> Round:
    today = dt.date.today()
    return Round.objects.create(
        fund=funds["CAF"],
        title="Round 1",
        opens_on=today - dt.timedelta(days=10),
        closes_on=today + dt.timedelta(days=20),
    )


def _user(django_user_model: Any, username: str, *perms: str) -> Any:
    user = django_user_model.objects.create_user(username=username, password="a-long-test-password")
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="grants"))
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture
def manager(django_user_model: Any) -> Any:
    return _user(django_user_model, "manager", "manage_grants", "decide_grants")


@pytest.fixture
def assessors(django_user_model: Any, open_round: Round) -> list[Any]:
    found = [_user(django_user_model, f"assessor{n}") for n in (1, 2, 3)]
    open_round.assessors.set(found[:2])  # the third is not assigned to the round
    return found

"""Fixtures for the PACT tests: the real Lancashire geography in the database, a neighbourhood (the six LSOAs of
Audley & Queen's Park ward, Blackburn), verified and unverified members, and the neighbourhood team."""

from __future__ import annotations

from typing import Any

import polars as pl
import pytest
from django.contrib.auth.models import Permission
from django.core.cache import caches
from django.utils import timezone

from crimeplan.engagement.models import Member, Subscription
from crimeplan.engagement.pact.models import Neighbourhood
from crimeplan.engagement.pact.services.neighbourhoods import save_neighbourhood
from crimeplan.geography.services import sync_database

WARD = "E05011508"  # Audley & Queen's Park
AUDLEY_LSOAS = ["E01012571", "E01012573", "E01012575", "E01012576", "E01012632", "E01012641"]
ELSEWHERE = "E01025400"  # Preston 001A: not in the neighbourhood


@pytest.fixture
def geography_db(db: Any, geography_template: Any) -> None:
    reference = geography_template / "reference"
    sync_database(pl.read_parquet(reference / "lsoa.parquet"), pl.read_parquet(reference / "forces.parquet"))


@pytest.fixture
def neighbourhood(geography_db: Any) -> Neighbourhood:
    return save_neighbourhood(user=None, name="Audley and Queen's Park", slug="audley", ward_codes=[WARD])


def make_member(email: str, lsoa: str, *, verified: bool = True, is_example: bool = False) -> Member:
    member = Member.objects.create(email=email, lsoa_code=lsoa, ward_code=WARD, is_example=is_example)
    Subscription.objects.create(
        member=member, channel="email", confirmed_at=timezone.now() if verified else None, confirmation_evidence="test"
    )
    return member


@pytest.fixture
def member(db: Any) -> Member:
    return make_member("resident@example.org", AUDLEY_LSOAS[0])


@pytest.fixture
def team(django_user_model: Any) -> Any:
    user = django_user_model.objects.create_user(username="team", password="a-long-team-password")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="pact", codename__in=["run_pact", "issue_pact_links", "view_representativeness"]
        )
    )
    return django_user_model.objects.get(pk=user.pk)


@pytest.fixture(autouse=True)
def fresh_limits() -> None:
    caches["ratelimit"].clear()

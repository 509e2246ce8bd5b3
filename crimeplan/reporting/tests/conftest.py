"""Fixtures for the hate-crime reporting tests: a clean rate limiter, a centre and its key, and staff."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache

from crimeplan.accounts.constants import OrganisationKind
from crimeplan.cases.services.apikeys import create_api_key
from crimeplan.reporting.tests.factories import CentreFactory, OrganisationFactory, UserFactory


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


def with_permission(user, codename):
    user.user_permissions.add(Permission.objects.get(codename=codename))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def centre(db):
    return CentreFactory(organisation=OrganisationFactory(name="Preston Mosque centre", slug="preston-mosque"))


@pytest.fixture
def other_centre(db):
    return CentreFactory(organisation=OrganisationFactory(name="Burnley Pride", slug="burnley-pride"))


@pytest.fixture
def centre_key(centre):
    return create_api_key(organisation=centre.organisation, name="case system", created_by="test")[1]


@pytest.fixture
def lead(db):
    office = OrganisationFactory(name="Office", slug="office", kind=OrganisationKind.OPCC)
    return with_permission(UserFactory(username="lead", organisation=office), "triage_reports")


@pytest.fixture
def victim_service(db):
    return OrganisationFactory(name="Victim Services", slug="victim-services")

"""Fixtures for the case work tests: agencies, their staff, and one case seen from each side."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.utils import timezone

from crimeplan.cases.constants import DataCategory
from crimeplan.cases.tests.factories import (
    AgreementFactory,
    CaseFactory,
    ConsentFactory,
    OrganisationFactory,
    UserFactory,
)


@pytest.fixture
def owner(db):
    """A worker at the agency that owns the case."""
    return UserFactory(username="owner", organisation=OrganisationFactory(name="Owning council", slug="owning"))


@pytest.fixture
def case(owner):
    return CaseFactory(owner=owner.organisation)


@pytest.fixture
def outsider(db):
    """A worker at an agency with no agreement and no place in the team."""
    return UserFactory(username="outsider", organisation=OrganisationFactory(name="Other agency", slug="other"))


@pytest.fixture
def sharer(case, owner):
    """A worker at an agency with an agreement (no health) and the person's consent."""
    user = UserFactory(username="sharer", organisation=OrganisationFactory(name="Sharing agency", slug="sharing"))
    agreement = AgreementFactory(
        parties=[owner.organisation, user.organisation],
        data_categories=[DataCategory.IDENTITY, DataCategory.CIRCUMSTANCES],
        starts_on=timezone.localdate() - timedelta(days=10),
    )
    ConsentFactory(person=case.person, agreement=agreement)
    return user


def with_permission(user, codename):
    user.user_permissions.add(Permission.objects.get(codename=codename))
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def dpo(db):
    user = UserFactory(username="dpo", organisation=OrganisationFactory(name="Office", slug="office"))
    return with_permission(user, "handle_subject_access")


@pytest.fixture
def board_member(db):
    user = UserFactory(username="board", organisation=OrganisationFactory(name="OPCC", slug="opcc-test"))
    return with_permission(user, "view_board_report")

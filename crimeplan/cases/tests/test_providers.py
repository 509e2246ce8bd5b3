"""Case work feeds the plan's "People taken on by Early Action" measure."""

import datetime as dt

import pytest
from django.utils import timezone

from crimeplan.cases.constants import Status
from crimeplan.cases.models import StatusChange
from crimeplan.cases.tests.factories import CaseFactory, programme
from crimeplan.performance.providers import get_provider

pytestmark = pytest.mark.django_db


def accepted(case, when):
    StatusChange.objects.create(case=case, from_status=Status.SCREENED, to_status=Status.ACCEPTED, at=when)


def test_people_whose_early_action_case_was_accepted_in_the_period_are_counted_once():
    april = timezone.make_aware(dt.datetime(2022, 4, 20, 10, 0))
    twice = CaseFactory()
    accepted(twice, april)
    accepted(CaseFactory(person=twice.person), april)  # a second case for the same person
    accepted(CaseFactory(), april)
    accepted(CaseFactory(is_example=True), april)  # example data never reaches the plan
    accepted(CaseFactory(), timezone.make_aware(dt.datetime(2022, 7, 1, 0, 0)))  # after the period
    accepted(CaseFactory(programme=programme("iom"), reference="IOM-T1"), april)  # another programme
    provider = get_provider("cases.early-action.taken-on")
    found = provider.count(dt.date(2022, 4, 1), dt.date(2022, 6, 30))
    assert (found.value, found.is_count) == (2, True)

"""factory_boy factories for hate-crime reporting tests. Every report here is invented for the test."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from factory.declarations import LazyFunction, Sequence, SubFactory
from factory.django import DjangoModelFactory
from factory.helpers import post_generation

from crimeplan.accounts.constants import OrganisationKind
from crimeplan.accounts.models import Organisation
from crimeplan.reporting.constants import Reporter
from crimeplan.reporting.models import Centre, Report, Strand
from crimeplan.reporting.services.codes import new_code


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = Sequence(lambda n: f"Community group {n}")
    slug = Sequence(lambda n: f"community-group-{n}")
    kind = OrganisationKind.CHARITY


class UserFactory(DjangoModelFactory[Any]):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = Sequence(lambda n: f"worker{n}")
    organisation = SubFactory(OrganisationFactory)


class CentreFactory(DjangoModelFactory[Centre]):
    class Meta:
        model = Centre

    organisation = SubFactory(OrganisationFactory)
    address = "1 Church Street, Preston"
    postcode = "PR1 3BQ"
    opening_times = "Monday to Friday, 9am to 5pm"
    languages = "English, Urdu"


class ReportFactory(DjangoModelFactory[Report]):
    class Meta:
        model = Report
        skip_postgeneration_save = True

    tracking_code = LazyFunction(new_code)
    reporter = Reporter.VICTIM
    description = "Shouted at in the street because of my religion."
    occurred_on = LazyFunction(lambda: dt.date.today() - dt.timedelta(days=2))
    postcode = "PR1 2AB"

    @post_generation
    def strand_slugs(self, create, extracted, **kwargs):
        if create:
            self.strands.set(Strand.objects.filter(slug__in=extracted or ["religion"]))

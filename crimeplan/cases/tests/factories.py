"""factory_boy factories for case work tests. Every person here is invented for the test."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.declarations import LazyFunction, PostGenerationMethodCall, Sequence, SubFactory
from factory.django import DjangoModelFactory
from factory.helpers import post_generation

from crimeplan.accounts.constants import OrganisationKind
from crimeplan.accounts.models import Organisation
from crimeplan.cases.constants import ConsentStatus, DataCategory, LegalGateway, RiskLevel, Status
from crimeplan.cases.models import (
    Case,
    ConsentRecord,
    InformationSharingAgreement,
    Person,
    Programme,
    ReferralSource,
    TeamMember,
)

PASSWORD = "a-long-test-password"


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ("slug",)

    name = Sequence(lambda n: f"Test agency {n}")
    slug = Sequence(lambda n: f"test-agency-{n}")
    kind = OrganisationKind.COUNCIL


class UserFactory(DjangoModelFactory[Any]):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = Sequence(lambda n: f"worker{n}")
    first_name = "Test"
    last_name = Sequence(lambda n: f"Worker {n}")
    organisation = SubFactory(OrganisationFactory)
    password = PostGenerationMethodCall("set_password", PASSWORD)

    @post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


class PersonFactory(DjangoModelFactory[Person]):
    class Meta:
        model = Person

    given_name = Sequence(lambda n: f"Given{n}")
    family_name = "Testperson"
    date_of_birth = date(1990, 5, 17)
    sex = "female"
    ethnicity = "white"
    sexual_orientation = "bisexual"


def programme(slug: str = "early-action") -> Programme:
    return Programme.objects.get(slug=slug)


class CaseFactory(DjangoModelFactory[Case]):
    class Meta:
        model = Case
        skip_postgeneration_save = True

    reference = Sequence(lambda n: f"EA-T{n:05d}")
    person = SubFactory(PersonFactory)
    programme = LazyFunction(programme)
    owner = SubFactory(OrganisationFactory)
    source = ReferralSource.PARTNER
    reason = "Repeated crises; needs help with housing and drug use"
    risk_level = RiskLevel.MEDIUM
    basis = "consent"
    status = Status.ACTIVE
    status_changed_at = LazyFunction(timezone.now)

    @post_generation
    def holder(self, create, extracted, **kwargs):
        """The owner of a person's first case holds their record, as a referral would make it."""
        if create and self.person.holder_id is None:
            self.person.holder = self.owner
            self.person.save(update_fields=["holder"])


class AgreementFactory(DjangoModelFactory[InformationSharingAgreement]):
    class Meta:
        model = InformationSharingAgreement
        skip_postgeneration_save = True

    title = Sequence(lambda n: f"Test agreement {n}")
    purpose = "Coordinating support for people in the Early Action programme"
    legal_gateway = LegalGateway.CDA_S115
    data_categories = [DataCategory.IDENTITY, DataCategory.CIRCUMSTANCES]
    starts_on = LazyFunction(lambda: timezone.localdate() - timedelta(days=30))
    review_on = LazyFunction(lambda: timezone.localdate() + timedelta(days=300))

    @post_generation
    def parties(self, create, extracted, **kwargs):
        if create and extracted:
            self.parties.set(extracted)

    @post_generation
    def programmes(self, create, extracted, **kwargs):
        if create:
            self.programmes.set(extracted or [programme()])


class ConsentFactory(DjangoModelFactory[ConsentRecord]):
    class Meta:
        model = ConsentRecord

    status = ConsentStatus.GIVEN
    given_by = "The person"
    scope = "Share my support plan with the agencies helping me"
    version = "EA consent v2"
    recorded_on = LazyFunction(timezone.localdate)


class TeamMemberFactory(DjangoModelFactory[TeamMember]):
    class Meta:
        model = TeamMember

    role = "Housing support"

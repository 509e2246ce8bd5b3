"""The write services: referral, the status workflow, working a case, sharing, volunteers, rectification."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from crimeplan.audit.models import AuditEvent
from crimeplan.cases.constants import ConsentStatus, DataCategory, NeedLevel, Stage, Status
from crimeplan.cases.models import (
    Case,
    ConsentRecord,
    NeedDomain,
    OutcomeScale,
    Person,
    Programme,
    ReferralSource,
    Service,
    TeamMember,
)
from crimeplan.cases.permissions import case_access
from crimeplan.cases.services import casework, people, sharing, volunteers
from crimeplan.cases.services.referrals import PersonDetails, refer
from crimeplan.cases.tests.factories import AgreementFactory, OrganisationFactory, UserFactory
from crimeplan.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db

JANE = PersonDetails(given_name="Jane", family_name="Testcase", date_of_birth=date(1988, 3, 4), sex="female")


def _refer(by, programme="early-action", person=JANE, **kwargs):
    kwargs.setdefault("basis", "consent")
    return refer(
        by=by,
        programme=Programme.objects.get(slug=programme),
        person=person,
        reason="Rent arrears and isolation",
        risk_level="low",
        **kwargs,
    )


def test_a_referral_makes_a_referred_case_owned_by_the_referrers_agency(owner):
    case = _refer(owner, needs=NeedDomain.objects.filter(slug__in=["accommodation", "finance"]))
    assert case.status == Status.REFERRED and case.owner == owner.organisation
    assert case.reference.startswith("EA-") and len(case.reference) == 9
    assert sorted(case.needs.values_list("slug", flat=True)) == ["accommodation", "finance"]
    assert list(case.status_changes.values_list("from_status", "to_status")) == [("", "referred")]
    assert AuditEvent.objects.filter(event="case_referred", object_id=str(case.pk)).exists()


def test_a_programme_with_a_lead_owns_referrals_and_the_referrer_joins_the_team(owner):
    lead = OrganisationFactory(name="Lead agency", slug="lead")
    Programme.objects.filter(slug="early-action").update(lead_organisation=lead)
    case = _refer(owner)
    assert case.owner == lead
    assert TeamMember.objects.get(case=case).organisation == owner.organisation
    assert case_access(owner, case).basis == "team"


def test_the_same_person_is_found_again_by_name_and_date_of_birth(owner):
    first = _refer(owner)
    second = _refer(
        owner,
        programme="iom",
        person=PersonDetails(given_name="JANE", family_name="testcase", date_of_birth=date(1988, 3, 4), phone="0123"),
    )
    assert first.person == second.person and Person.objects.count() == 1
    assert Person.objects.get().phone == "0123"  # a blank is filled; nothing is overwritten
    _refer(owner, person=PersonDetails(given_name="Jane", family_name="Testcase"))
    assert Person.objects.count() == 2  # no date of birth: no match


def test_the_public_form_needs_a_programme_that_takes_public_referrals(owner):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(ApplicationError, match="does not take referrals from the public"):
        _refer(AnonymousUser(), source=ReferralSource.PUBLIC)
    Programme.objects.filter(slug="early-action").update(
        lead_organisation=owner.organisation, accepts_public_referrals=True
    )
    case = _refer(AnonymousUser(), source=ReferralSource.PUBLIC, referrer_name="A neighbour")
    assert case.owner == owner.organisation and case.referred_by is None


def test_the_workflow_allows_only_its_steps_and_asks_for_reasons(case, owner):
    Case.objects.filter(pk=case.pk).update(status=Status.REFERRED)
    case.refresh_from_db()
    with pytest.raises(ValidationError, match="can become screened"):
        casework.change_status(case=case, by=owner, to_status=Status.ACTIVE, reason="x")
    with pytest.raises(ValidationError, match="Enter the reason"):
        casework.change_status(case=case, by=owner, to_status=Status.SCREENED)
    for status in (Status.SCREENED, Status.ACCEPTED, Status.ACTIVE):
        case = casework.change_status(case=case, by=owner, to_status=status, reason="ok")
    with pytest.raises(ValidationError, match="Select why the case is closed"):
        casework.change_status(case=case, by=owner, to_status=Status.CLOSED, reason="done")
    case = casework.change_status(case=case, by=owner, to_status=Status.CLOSED, reason="done", close_reason="completed")
    assert case.close_reason == "completed"
    with pytest.raises(ValidationError, match="can become nothing: it is finished"):
        casework.change_status(case=case, by=owner, to_status=Status.ACTIVE, reason="again")
    assert AuditEvent.objects.filter(event="case_status_changed").count() == 4


def test_working_a_case_fills_its_timeline(case, owner):
    domains = list(NeedDomain.objects.all())
    casework.assess_needs(
        case=case,
        by=owner,
        stage=Stage.START,
        assessed_on=date(2025, 1, 1),
        levels={d: NeedLevel.HIGH for d in domains},
    )
    casework.add_action(
        case=case,
        by=owner,
        description="Apply for housing",
        owner_organisation=owner.organisation,
        owner_name="Sam",
        due_on=date(2025, 2, 1),
        domain=domains[0],
    )
    service = Service.objects.create(
        name="Recovery service", kind="substance_misuse", provider="NHS", data_category=DataCategory.HEALTH
    )
    casework.record_intervention(
        case=case,
        by=owner,
        service=service,
        status="started",
        referred_on=date(2025, 1, 2),
        started_on=date(2025, 1, 9),
    )
    scale = OutcomeScale.objects.get(slug="home")
    casework.record_outcomes(case=case, by=owner, stage=Stage.START, scored_on=date(2025, 1, 1), scores={scale: 2})
    with pytest.raises(ValidationError, match="already has a start score"):
        casework.record_outcomes(case=case, by=owner, stage=Stage.START, scored_on=date(2025, 1, 1), scores={scale: 3})
    with pytest.raises(ValidationError, match="is scored 1 to 5"):
        casework.record_outcomes(case=case, by=owner, stage=Stage.CLOSE, scored_on=date(2025, 1, 1), scores={scale: 9})
    kinds = list(case.timeline.values_list("kind", "data_category"))
    assert ("intervention", "health") in kinds and ("assessment", "circumstances") in kinds
    assert AuditEvent.objects.filter(event="case_changed", object_id=str(case.pk)).count() == 4


def test_dates_and_orders_of_dates_are_checked(case, owner):
    service = Service.objects.create(name="Debt advice", kind="voluntary", provider="CAB")
    with pytest.raises(ValidationError, match="on or after the referral date"):
        casework.record_intervention(
            case=case,
            by=owner,
            service=service,
            status="started",
            referred_on=date(2025, 2, 1),
            started_on=date(2025, 1, 1),
        )
    with pytest.raises(ValidationError, match="today or in the past"):
        casework.add_entry(
            case=case, by=owner, kind="contact", occurred_on=timezone.localdate() + timedelta(days=1), summary="Visit"
        )


def test_consent_under_an_agreement_opens_the_case_and_withdrawal_closes_it(case, owner):
    partner = UserFactory(username="partner")
    agreement = AgreementFactory(parties=[owner.organisation, partner.organisation])
    assert not case_access(partner, case).can_view
    consent = dict(agreement=agreement, given_by="The person", scope="Share my plan", version="v2")
    sharing.record_consent(case=case, by=owner, status=ConsentStatus.GIVEN, **consent)
    assert case_access(partner, case).can_view
    sharing.record_consent(case=case, by=owner, status=ConsentStatus.WITHDRAWN, **consent)
    assert not case_access(partner, case).can_view
    assert ConsentRecord.objects.count() == 2


def test_consent_and_exceptions_need_an_agreement_the_owner_is_party_to(case, owner):
    stranger = AgreementFactory(parties=[OrganisationFactory(), OrganisationFactory()])
    with pytest.raises(ValidationError, match="is not a party"):
        sharing.record_consent(
            case=case, by=owner, agreement=stranger, status="given", given_by="x", scope="y", version="1"
        )
    with pytest.raises(ValidationError, match="is not a party"):
        sharing.record_exception(case=case, by=owner, agreement=stranger, reason="crime", expires_on=date(2030, 1, 1))


def test_an_agreement_needs_two_parties_and_a_programme(owner):
    common = dict(
        by=owner,
        title="A",
        purpose="B",
        legal_gateway="cda_s115",
        data_categories=["identity"],
        starts_on=date(2025, 1, 1),
        review_on=date(2026, 1, 1),
    )
    with pytest.raises(ValidationError, match="at least two parties"):
        sharing.record_agreement(parties=[owner.organisation], programmes=Programme.objects.all(), **common)
    with pytest.raises(ValidationError, match="Choose the programmes"):
        sharing.record_agreement(parties=[owner.organisation, OrganisationFactory()], programmes=[], **common)


def test_a_volunteer_is_matched_only_with_a_current_dbs_check_and_training(case, owner):
    today = timezone.localdate()
    add = dict(by=owner, organisation=owner.organisation, trained_on=today - timedelta(days=5))
    stale = volunteers.add_volunteer(name="Old check", dbs_checked_on=today - timedelta(days=3 * 366 + 1), **add)
    current = volunteers.add_volunteer(name="New check", dbs_checked_on=today - timedelta(days=30), **add)
    with pytest.raises(ValidationError, match="needs a DBS check from the last 3 years"):
        volunteers.match_volunteer(case=case, by=owner, volunteer=stale)
    volunteers.match_volunteer(case=case, by=owner, volunteer=current)
    with pytest.raises(ValidationError, match="already matched"):
        volunteers.match_volunteer(case=case, by=owner, volunteer=current)
    assert [v.name for v, _ in volunteers.suggested_volunteers(case, [stale, current], today)] == ["New check"]


def test_rectification_keeps_which_fields_and_why_but_not_the_old_values(case, owner):
    correction = people.rectify(
        person=case.person,
        by=owner,
        changes={"family_name": "Corrected", "given_name": case.person.given_name},
        reason="Spelling",
    )
    case.person.refresh_from_db()
    assert case.person.family_name == "Corrected" and correction.fields == ["family_name"]
    assert AuditEvent.objects.get(event="person_rectified").data == {"fields": ["family_name"]}
    with pytest.raises(ValidationError, match="Nothing was changed"):
        people.rectify(person=case.person, by=owner, changes={"family_name": "Corrected"}, reason="Again")

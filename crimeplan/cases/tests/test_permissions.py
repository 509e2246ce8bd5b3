"""Every role against every action, from one table; the list filter agrees with the object check."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Permission
from django.utils import timezone

from crimeplan.cases.constants import ConsentStatus, DataCategory
from crimeplan.cases.models import LawfulException
from crimeplan.cases.permissions import (
    PERSON_FIELD_CATEGORIES,
    Action,
    can,
    can_rectify,
    case_access,
    may_match,
    organisation_of,
    person_categories,
    visible_cases,
)
from crimeplan.cases.tests.factories import (
    AgreementFactory,
    CaseFactory,
    ConsentFactory,
    OrganisationFactory,
    TeamMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# Y = allowed, - = refused. "health" and "ethnicity": the case's special category data is shown.
MATRIX = """
role           view health ethnicity contribute status team consent listed refer sar board rectify agreement
owner          Y    Y      Y         Y          Y      Y    Y       Y      Y     -   -     Y     -
team           Y    -      -         Y          -      -    -       Y      Y     -   -     -     -
shared         Y    -      -         -          -      -    -       Y      Y     -   -     -     -
shared_health  Y    Y      -         -          -      -    -       Y      Y     -   -     -     -
excepted       Y    -      -         -          -      -    -       Y      Y     -   -     -     -
no_consent     -    -      -         -          -      -    -       -      Y     -   -     -     -
withdrawn      -    -      -         -          -      -    -       -      Y     -   -     -     -
expired        -    -      -         -          -      -    -       -      Y     -   -     -     -
other_program  -    -      -         -          -      -    -       -      Y     -   -     -     -
outsider       -    -      -         -          -      -    -       -      Y     -   -     -     -
inactive_org   -    -      -         -          -      -    -       -      -     -   -     -     -
no_org         -    -      -         -          -      -    -       -      -     -   -     -     -
anonymous      -    -      -         -          -      -    -       -      -     -   -     -     -
superuser      -    -      -         -          -      -    -       -      Y     Y   Y     Y     Y
dpo            -    -      -         -          -      -    -       -      Y     Y   -     Y     -
board          -    -      -         -          -      -    -       -      Y     -   Y     -     -
"""
HEADER, *ROWS = [line.split() for line in MATRIX.strip().splitlines()]
ACTIONS = HEADER[1:]
EXPECTED = {row[0]: dict(zip(ACTIONS, (v == "Y" for v in row[1:]), strict=True)) for row in ROWS}


def _agreement(owner, party, categories=(DataCategory.IDENTITY, DataCategory.CIRCUMSTANCES), **kwargs):
    return AgreementFactory(parties=[owner, party], data_categories=list(categories), **kwargs)


def _with_perm(user, codename):
    user.user_permissions.add(Permission.objects.get(codename=codename))
    return type(user).objects.get(pk=user.pk)  # a fresh instance: permissions are cached


@pytest.fixture
def world():
    """One Early Action case and a user in each role towards it."""
    owner = OrganisationFactory(name="Owning council")
    case = CaseFactory(owner=owner)
    person, today = case.person, timezone.localdate()
    users = {role: UserFactory(username=role) for role in EXPECTED if role not in ("anonymous", "no_org", "owner")}
    users["owner"] = _with_perm(UserFactory(username="owner", organisation=owner), "rectify_person")
    TeamMemberFactory(case=case, organisation=users["team"].organisation)
    for role, categories in [
        ("shared", (DataCategory.CIRCUMSTANCES,)),
        ("shared_health", (DataCategory.CIRCUMSTANCES, DataCategory.HEALTH)),
        ("withdrawn", (DataCategory.HEALTH,)),
    ]:
        agreement = _agreement(owner, users[role].organisation, categories)
        ConsentFactory(person=person, agreement=agreement, recorded_on=today - timedelta(days=5))
    _withdraw(person, users["withdrawn"].organisation)
    excepted = _agreement(owner, users["excepted"].organisation)
    LawfulException.objects.create(
        case=case, agreement=excepted, reason="Prevention of crime", decided_on=today, expires_on=today
    )
    _agreement(owner, users["no_consent"].organisation)
    expired = _agreement(owner, users["expired"].organisation, ends_on=today - timedelta(days=1))
    ConsentFactory(person=person, agreement=expired)
    other = AgreementFactory(parties=[owner, users["other_program"].organisation], programmes=[_iom()])
    ConsentFactory(person=person, agreement=other)
    users["inactive_org"].organisation.is_active = False
    users["inactive_org"].organisation.save()
    users["superuser"].is_superuser = True
    users["superuser"].save()
    users["dpo"] = _with_perm(users["dpo"], "handle_subject_access")
    users["board"] = _with_perm(users["board"], "view_board_report")
    users["no_org"] = UserFactory(username="no_org", organisation=None)
    users["anonymous"] = AnonymousUser()
    return case, users


def _iom():
    from crimeplan.cases.tests.factories import programme

    return programme("iom")


def _withdraw(person, organisation):
    consent = person.consents.filter(agreement__parties=organisation).first()
    ConsentFactory(person=person, agreement=consent.agreement, status=ConsentStatus.WITHDRAWN)


def _outcomes(user, case):
    access = case_access(user, case)
    return {
        "view": access.can_view,
        "health": access.can_view and access.can_see(DataCategory.HEALTH),
        "ethnicity": access.can_view and access.can_see(DataCategory.ETHNICITY),
        "contribute": access.allows(Action.CONTRIBUTE),
        "status": access.allows(Action.CHANGE_STATUS),
        "team": access.allows(Action.MANAGE_TEAM),
        "consent": access.allows(Action.RECORD_CONSENT),
        "listed": visible_cases(user).filter(pk=case.pk).exists(),
        "refer": can(user, Action.REFER),
        "sar": can(user, Action.SUBJECT_ACCESS),
        "board": can(user, Action.BOARD_REPORT),
        "rectify": can_rectify(user, case.person),
        "agreement": can(user, Action.RECORD_AGREEMENT),
    }


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_against_every_action(world, role):
    case, users = world
    assert _outcomes(users[role], case) == EXPECTED[role]


def test_withdrawing_consent_stops_sharing_at_once(world):
    case, users = world
    user = users["shared"]
    assert case_access(user, case).can_view
    _withdraw(case.person, user.organisation)
    assert not case_access(user, case).can_view
    assert not visible_cases(user).filter(pk=case.pk).exists()


def test_an_expired_exception_stops_sharing(world):
    case, users = world
    LawfulException.objects.update(expires_on=timezone.localdate() - timedelta(days=1))
    assert not case_access(users["excepted"], case).can_view


def test_the_purpose_names_the_basis_and_the_law(world):
    case, users = world
    assert case_access(users["owner"], case).purpose == "Case work by the owning agency"
    assert case_access(users["team"], case).purpose == "Multi-agency team working (Housing support)"
    purpose = case_access(users["shared"], case).purpose
    assert purpose.startswith("Information sharing under an agreement: Test agreement")
    assert purpose.endswith("(Crime and Disorder Act 1998, section 115)")


def test_a_user_sees_each_visible_case_once_in_the_list(world):
    case, users = world
    owner = users["owner"]
    CaseFactory(owner=owner.organisation)
    TeamMemberFactory(case=case, organisation=OrganisationFactory(), role="Health")
    assert visible_cases(owner).count() == 2
    assert list(visible_cases(users["outsider"])) == []


def test_a_finished_case_is_read_only_but_consent_can_still_be_withdrawn(world):
    case, users = world
    case.status = "closed"
    owner, team = case_access(users["owner"], case), case_access(users["team"], case)
    assert owner.can_view and owner.allows(Action.RECORD_CONSENT)
    assert not owner.allows(Action.CONTRIBUTE) and not owner.allows(Action.CHANGE_STATUS)
    assert team.can_view and not team.allows(Action.CONTRIBUTE)


# A person's own fields, seen by each relationship to the record (held by the owner of case A).
# "match": a referral by that agency may be linked to this record; "rectify": may correct it.
PERSON_MATRIX = """
relationship          dob address phone email ethnicity orientation rectify match
holder                Y   Y       Y     Y     Y         Y           Y       Y
holder_no_permission  Y   Y       Y     Y     Y         Y           -       Y
team                  Y   Y       Y     Y     -         -           -       -
agreement_identity    Y   Y       Y     Y     -         -           -       Y
agreement_special     Y   Y       Y     Y     Y         Y           -       Y
agreement_no_identity -   -       -     -     Y         -           -       -
excepted              Y   Y       Y     Y     -         -           -       Y
no_consent            -   -       -     -     -         -           -       -
withdrawn             -   -       -     -     -         -           -       -
expired               -   -       -     -     -         -           -       -
owner_of_another_case -   -       -     -     -         -           -       -
team_of_another_case  -   -       -     -     -         -           -       -
outsider              -   -       -     -     -         -           -       -
dpo                   -   -       -     -     -         -           Y       -
anonymous             -   -       -     -     -         -           -       -
"""
P_HEADER, *P_ROWS = [line.split() for line in PERSON_MATRIX.strip().splitlines()]
PERSON_EXPECTED = {row[0]: dict(zip(P_HEADER[1:], (v == "Y" for v in row[1:]), strict=True)) for row in P_ROWS}
FIELDS = {
    "dob": "date_of_birth",
    "address": "address",
    "phone": "phone",
    "email": "email",
    "ethnicity": "ethnicity",
    "orientation": "sexual_orientation",
}
IDENTITY_ONLY = (DataCategory.IDENTITY, DataCategory.CIRCUMSTANCES)


@pytest.fixture
def relationships():
    """Case A (the record's holder owns it) and a case B about the same person owned by an agency without access."""
    holder = OrganisationFactory(name="Holding agency")
    case = CaseFactory(owner=holder)
    person, today = case.person, timezone.localdate()
    roles = [r for r in PERSON_EXPECTED if r not in ("anonymous", "holder", "holder_no_permission")]
    users = {role: UserFactory(username=f"p-{role}") for role in roles}
    users["holder"] = _with_perm(UserFactory(username="p-holder", organisation=holder), "rectify_person")
    users["holder_no_permission"] = UserFactory(username="p-holder2", organisation=holder)
    TeamMemberFactory(case=case, organisation=users["team"].organisation)
    for role, categories in [
        ("agreement_identity", IDENTITY_ONLY),
        ("agreement_special", (*IDENTITY_ONLY, DataCategory.ETHNICITY, DataCategory.SEXUAL_ORIENTATION)),
        ("agreement_no_identity", (DataCategory.CIRCUMSTANCES, DataCategory.ETHNICITY)),
        ("withdrawn", IDENTITY_ONLY),
    ]:
        agreement = _agreement(holder, users[role].organisation, categories)
        ConsentFactory(person=person, agreement=agreement, recorded_on=today - timedelta(days=5))
    _withdraw(person, users["withdrawn"].organisation)
    excepted = _agreement(holder, users["excepted"].organisation)
    LawfulException.objects.create(case=case, agreement=excepted, reason="Risk", decided_on=today, expires_on=today)
    _agreement(holder, users["no_consent"].organisation)
    expired = _agreement(holder, users["expired"].organisation, ends_on=today - timedelta(days=1))
    ConsentFactory(person=person, agreement=expired)
    other = CaseFactory(owner=users["owner_of_another_case"].organisation, person=person)
    TeamMemberFactory(case=other, organisation=users["team_of_another_case"].organisation)
    users["owner_of_another_case"] = _with_perm(users["owner_of_another_case"], "rectify_person")
    users["dpo"] = _with_perm(users["dpo"], "handle_subject_access")
    users["anonymous"] = AnonymousUser()
    return person, users


@pytest.mark.parametrize("relationship", list(PERSON_EXPECTED))
def test_each_relationship_sees_each_field_of_a_person_by_its_own_access(relationships, relationship):
    person, users = relationships
    user = users[relationship]
    categories = person_categories(user, person)
    seen = {column: PERSON_FIELD_CATEGORIES[name] in categories for column, name in FIELDS.items()}
    organisation = organisation_of(user)
    outcome = {**seen, "rectify": can_rectify(user, person), "match": may_match(organisation, person)}
    assert outcome == PERSON_EXPECTED[relationship]

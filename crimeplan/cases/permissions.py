"""Who may do what with case work: the one place the access rules live.

A signed-in user acts for their organisation. An organisation sees a case when it

1. **owns** it, or
2. is in its **multi-agency team**, or
3. shares an **information sharing agreement** in force with the owner that covers the case's
   programme, and the person's latest consent under that agreement is "given" or a lawful
   exception is recorded for the case under it.

Special category data (health, ethnicity, sexual orientation) is visible to the owner, and to
others only for the categories their covering agreements list. Only the owner changes a case's
status, its team and its consent records; the team adds to the case; sharing by agreement is
read-only. A closed or declined case is read-only for everyone, except that consent can still be
withdrawn. Officers with Django permissions export subject access requests, read the Board's
aggregates and record sharing agreements; no role, not even a superuser, sees a case without one
of the three reasons above.

**A person's details** (shared by all their cases) are decided per field by the viewer's own
access, never by the existence of another case: the record's **holder** (the agency responsible for
it) sees every field; an agency in the team of a case the holder owns sees identity and contact
details; an agency whose agreement in force covers one of the person's cases (programme, parties,
consent or a lawful exception) sees the categories that agreement lists. Owning a case about the
person is not enough: a referral is linked to an existing record only when the referring agency may
see it that way (``may_match``), and otherwise makes a new record.

Pages and the API deny with 404 when the case or person cannot be seen at all (its existence is not
revealed) and 403 when it can be seen but not changed that way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from crimeplan.accounts.models import Organisation
from crimeplan.cases.constants import (
    AGREEMENT_PERMISSION,
    BOARD_PERMISSION,
    FINISHED,
    RECTIFY_PERMISSION,
    SENSITIVE,
    SUBJECT_ACCESS_PERMISSION,
    AccessBasis,
    ConsentStatus,
    DataCategory,
    LegalGateway,
)
from crimeplan.cases.models import (
    Case,
    Cohort,
    ConsentRecord,
    InformationSharingAgreement,
    LawfulException,
    Person,
    TeamMember,
)


class Action(StrEnum):
    """Everything the rules decide, on a case or on its own."""

    VIEW = "view"
    CONTRIBUTE = "contribute"
    CHANGE_STATUS = "change_status"
    MANAGE_TEAM = "manage_team"
    RECORD_CONSENT = "record_consent"
    REFER = "refer"
    SUBJECT_ACCESS = "subject_access"
    BOARD_REPORT = "board_report"
    RECORD_AGREEMENT = "record_agreement"


#: The case actions each access basis allows.
CASE_ACTIONS: dict[AccessBasis, frozenset[Action]] = {
    AccessBasis.OWNER: frozenset(
        {Action.VIEW, Action.CONTRIBUTE, Action.CHANGE_STATUS, Action.MANAGE_TEAM, Action.RECORD_CONSENT}
    ),
    AccessBasis.TEAM: frozenset({Action.VIEW, Action.CONTRIBUTE}),
    AccessBasis.AGREEMENT: frozenset({Action.VIEW}),
}


@dataclass(frozen=True)
class CaseAccess:
    """What one user may see of one case, and why."""

    basis: AccessBasis | None
    categories: frozenset[str] = frozenset()
    agreements: tuple[InformationSharingAgreement, ...] = ()
    team_role: str = ""
    actions: frozenset[Action] = field(default_factory=frozenset)
    person_categories: frozenset[str] = frozenset()

    @property
    def can_view(self) -> bool:
        return self.basis is not None

    def allows(self, action: Action) -> bool:
        return action in self.actions

    def can_see(self, category: str) -> bool:
        """Whether data of this category is shown (only special categories are ever hidden)."""
        return category not in SENSITIVE or category in self.categories

    def can_see_person(self, name: str) -> bool:
        """Whether the person's field ``name`` is shown (decided by ``person_categories``)."""
        return PERSON_FIELD_CATEGORIES[name] in self.person_categories

    @property
    def hidden_categories(self) -> list[str]:
        return sorted(c for c in SENSITIVE if c not in self.categories)

    @property
    def purpose(self) -> str:
        """The purpose recorded in the audit trail when the user reads the case."""
        if self.basis == AccessBasis.TEAM:
            return f"{AccessBasis.TEAM.label} ({self.team_role})"
        if self.basis == AccessBasis.AGREEMENT:
            agreement = self.agreements[0]
            return f"{AccessBasis.AGREEMENT.label}: {agreement.title} ({LegalGateway(agreement.legal_gateway).label})"
        return AccessBasis.OWNER.label if self.basis else ""


NO_ACCESS = CaseAccess(basis=None)

#: The data category of each of a person's fields (their name is shown with any case one may see).
PERSON_FIELD_CATEGORIES: dict[str, str] = {
    "date_of_birth": DataCategory.IDENTITY,
    "sex": DataCategory.IDENTITY,
    "address": DataCategory.IDENTITY,
    "postcode": DataCategory.IDENTITY,
    "phone": DataCategory.IDENTITY,
    "email": DataCategory.IDENTITY,
    "ethnicity": DataCategory.ETHNICITY,
    "sexual_orientation": DataCategory.SEXUAL_ORIENTATION,
}


def organisation_of(user: Any) -> Organisation | None:
    """The active organisation a signed-in, active user acts for, or None."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    organisation: Organisation | None = user.organisation
    return organisation if organisation is not None and organisation.is_active else None


def _today(today: date | None) -> date:
    return today or timezone.localdate()


def agreements_in_force(organisation: Organisation, today: date) -> QuerySet[InformationSharingAgreement]:
    return InformationSharingAgreement.objects.filter(parties=organisation, starts_on__lte=today).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today)
    )


def _latest_consent(agreement: InformationSharingAgreement) -> Subquery:
    latest = ConsentRecord.objects.filter(person=OuterRef("person"), agreement=agreement).order_by(
        "-recorded_on", "-pk"
    )
    return Subquery(latest.values("status")[:1])


def _exception_in_force(agreement: InformationSharingAgreement, today: date) -> Exists:
    return Exists(
        LawfulException.objects.filter(
            case=OuterRef("pk"), agreement=agreement, decided_on__lte=today, expires_on__gte=today
        )
    )


def _covered(cases: QuerySet[Case], agreement: InformationSharingAgreement, today: date) -> QuerySet[Case]:
    """The cases the agreement covers now: its programmes, its parties' cases, consent or an exception."""
    return (
        cases.filter(programme__in=agreement.programmes.all(), owner__in=agreement.parties.all())
        .alias(consent=_latest_consent(agreement), excepted=_exception_in_force(agreement, today))
        .filter(Q(consent=ConsentStatus.GIVEN) | Q(excepted=True))
    )


def visible_cases(user: Any, *, today: date | None = None) -> QuerySet[Case]:
    """Every case the user may see (the list pages and the API use this)."""
    organisation = organisation_of(user)
    if organisation is None:
        return Case.objects.none()
    day = _today(today)
    condition = Q(owner=organisation) | Q(team__organisation=organisation)
    for agreement in agreements_in_force(organisation, day):
        condition |= Q(pk__in=_covered(Case.objects.all(), agreement, day).values("pk"))
    return Case.objects.filter(condition).distinct()


#: What nobody may do once a case is closed or declined (consent can still be withdrawn).
FROZEN = frozenset({Action.CONTRIBUTE, Action.CHANGE_STATUS, Action.MANAGE_TEAM})


def case_access(user: Any, case: Case, *, today: date | None = None) -> CaseAccess:
    """What the user may see and do with this case, and the reason."""
    access = _access(user, case, today)
    if access.can_view:
        access = replace(access, person_categories=person_categories(user, case.person, today=today))
    if case.status in FINISHED and access.actions & FROZEN:
        return replace(access, actions=access.actions - FROZEN)
    return access


def _access(user: Any, case: Case, today: date | None) -> CaseAccess:
    organisation = organisation_of(user)
    if organisation is None:
        return NO_ACCESS
    day = _today(today)
    one = Case.objects.filter(pk=case.pk)
    covering = tuple(
        a
        for a in agreements_in_force(organisation, day).filter(parties=case.owner_id).order_by("title")
        if _covered(one, a, day).exists()
    )
    if case.owner_id == organisation.pk:
        return CaseAccess(AccessBasis.OWNER, frozenset(SENSITIVE), covering, actions=CASE_ACTIONS[AccessBasis.OWNER])
    categories = frozenset(c for a in covering for c in a.data_categories if c in SENSITIVE)
    member = TeamMember.objects.filter(case=case, organisation=organisation).first()
    if member is not None:
        return CaseAccess(AccessBasis.TEAM, categories, covering, member.role, CASE_ACTIONS[AccessBasis.TEAM])
    if covering:
        return CaseAccess(AccessBasis.AGREEMENT, categories, covering, actions=CASE_ACTIONS[AccessBasis.AGREEMENT])
    return NO_ACCESS


def can(user: Any, action: Action) -> bool:
    """The rules for actions that are not about one case."""
    if action == Action.REFER:
        return organisation_of(user) is not None
    if action == Action.SUBJECT_ACCESS:
        return bool(getattr(user, "is_authenticated", False) and user.has_perm(SUBJECT_ACCESS_PERMISSION))
    if action == Action.BOARD_REPORT:
        return bool(getattr(user, "is_authenticated", False) and user.has_perm(BOARD_PERMISSION))
    if action == Action.RECORD_AGREEMENT:
        return bool(organisation_of(user) and user.has_perm(AGREEMENT_PERMISSION))
    raise ValueError(f"{action} is an action on a case: use case_access")


def require(user: Any, action: Action) -> None:
    if not can(user, action):
        raise PermissionDenied(f"Your account cannot {action.value.replace('_', ' ')}")


def person_categories(user: Any, person: Person, *, today: date | None = None) -> frozenset[str]:
    """The categories of the person's fields the user's own access covers (see the module's rules)."""
    organisation = organisation_of(user)
    if organisation is None:
        return frozenset()
    if person.holder_id == organisation.pk:
        return frozenset(DataCategory.values)
    day = _today(today)
    cases = Case.objects.filter(person=person)
    categories: set[str] = set()
    if cases.filter(owner=person.holder_id, team__organisation=organisation).exists():
        categories.add(DataCategory.IDENTITY)
    for agreement in agreements_in_force(organisation, day):
        if _covered(cases, agreement, day).exists():
            categories.update(agreement.data_categories)
    return frozenset(categories)


def may_match(organisation: Organisation | None, person: Person, *, today: date | None = None) -> bool:
    """Whether a referral by ``organisation`` may be linked to this existing record.

    Only its holder, or an agency whose agreement and the person's consent (or a lawful exception)
    already let it see the record's identity details; never an anonymous referral.
    """
    if organisation is None or not organisation.is_active:
        return False
    if person.holder_id == organisation.pk:
        return True
    day = _today(today)
    cases = Case.objects.filter(person=person)
    return any(
        DataCategory.IDENTITY in agreement.data_categories and _covered(cases, agreement, day).exists()
        for agreement in agreements_in_force(organisation, day)
    )


def can_rectify(user: Any, person: Person) -> bool:
    """A data protection officer, or a holder of ``cases.rectify_person`` at the agency that holds the record."""
    if can(user, Action.SUBJECT_ACCESS):
        return True
    organisation = organisation_of(user)
    return bool(organisation and person.holder_id == organisation.pk and user.has_perm(RECTIFY_PERMISSION))


def require_cohort(user: Any, cohort: Cohort) -> None:
    """A cohort (criminal offence data) is for the agency that manages it: 404 for anyone else."""
    organisation = organisation_of(user)
    if organisation is None or cohort.organisation_id != organisation.pk:
        raise Http404("No cohort found")

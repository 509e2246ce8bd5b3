"""Reading cases. Every read of personal data is audited here, so no page or API can forget it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from crimeplan.audit.services import record_event
from crimeplan.cases.constants import TRANSITIONS, AccessBasis, Status
from crimeplan.cases.events import CaseAccessRefused, CasesListed, CaseViewed
from crimeplan.cases.models import (
    Case,
    ConsentRecord,
    Intervention,
    NeedAssessment,
    OutcomeScore,
    PlanAction,
    StatusChange,
    TimelineEntry,
)
from crimeplan.cases.permissions import Action, CaseAccess, case_access, organisation_of, visible_cases
from crimeplan.core.exceptions import Hidden

T = TypeVar("T")
PER_PAGE = 25


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""
    programme: str = ""
    query: str = ""


def filtered_cases(user: Any, filters: CaseFilters) -> QuerySet[Case]:
    cases = visible_cases(user).select_related("person", "programme", "owner")
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.programme:
        cases = cases.filter(programme__slug=filters.programme)
    if filters.query:
        words = filters.query.split()
        for word in words[:4]:
            names = Q(person__given_name__icontains=word) | Q(person__family_name__icontains=word)
            cases = cases.filter(names | Q(reference__iexact=word))
    return cases.order_by("-updated_at", "-pk")


def cases_page(
    user: Any, filters: CaseFilters, *, page: Any = 1, via: str = "page", request: HttpRequest | None = None
) -> Page[Case]:
    """One page of the cases the user may see; the read is audited."""
    result = Paginator(filtered_cases(user, filters), PER_PAGE).get_page(page)
    record_event(
        CasesListed(rows=len(result.object_list), via=via),
        actor=user,
        request=request,
        purpose="Case list: cases the user's organisation may see",
    )
    return result


def referral_queue(user: Any, *, request: HttpRequest | None = None) -> list[Case]:
    """New referrals the user's agency owns and has not yet screened, oldest first; the read is audited."""
    organisation = organisation_of(user)
    found = (
        list(
            visible_cases(user)
            .filter(owner=organisation, status=Status.REFERRED)
            .select_related("person", "programme", "referred_by")
            .order_by("status_changed_at", "pk")
        )
        if organisation is not None
        else []
    )
    record_event(
        CasesListed(rows=len(found), via="queue"),
        actor=user,
        request=request,
        purpose="Queue of new referrals to the user's organisation",
    )
    return found


@dataclass(frozen=True)
class PersonRow:
    label: str
    value: str
    hidden: bool = False


@dataclass
class CaseDetail:
    """A case as one user may see it: sensitive items they are not covered for are left out."""

    case: Case
    access: CaseAccess
    person: list[PersonRow]
    needs: list[Any]
    timeline: list[TimelineEntry]
    assessments: list[tuple[NeedAssessment, list[Any]]]
    actions: list[PlanAction]
    interventions: list[Intervention]
    outcomes: list[OutcomeScore]
    status_changes: list[StatusChange]
    consents: list[ConsentRecord]
    exceptions: list[Any]
    team: list[Any]
    matches: list[Any]
    next_statuses: list[tuple[str, str]] = field(default_factory=list)


def _visible(access: CaseAccess, items: Iterable[T], category: Any) -> list[T]:
    return [item for item in items if access.can_see(category(item))]


NOT_SHARED = "Not shared with your organisation"


def _person_rows(case: Case, access: CaseAccess) -> list[PersonRow]:
    """The person's details, each field shown only if the user's own access covers its category."""
    person = case.person

    def row(label: str, names: tuple[str, ...], value: str, empty: str = "Not known") -> PersonRow:
        if not all(access.can_see_person(name) for name in names):
            return PersonRow(label, NOT_SHARED, hidden=True)
        return PersonRow(label, value or empty)

    return [
        PersonRow("Name", str(person)),
        row("Date of birth", ("date_of_birth",), f"{person.date_of_birth:%d %B %Y}" if person.date_of_birth else ""),
        row("Sex", ("sex",), person.get_sex_display()),
        row("Address", ("address", "postcode"), ", ".join(p for p in (person.address, person.postcode) if p)),
        row("Phone", ("phone",), person.phone),
        row("Email", ("email",), person.email),
        row("Ethnicity", ("ethnicity",), person.get_ethnicity_display(), "Not recorded"),
        row("Sexual orientation", ("sexual_orientation",), person.get_sexual_orientation_display(), "Not recorded"),
    ]


def _detail(case: Case, access: CaseAccess) -> CaseDetail:
    assessments = [
        (a, _visible(access, a.ratings.select_related("domain"), lambda r: r.domain.data_category))
        for a in case.assessments.prefetch_related("ratings")
    ]
    consents = ConsentRecord.objects.filter(person=case.person).select_related("agreement")
    exceptions = case.exceptions.select_related("agreement")
    if access.basis != AccessBasis.OWNER:
        consents = consents.filter(agreement__in=[a.pk for a in access.agreements])
        exceptions = exceptions.filter(agreement__in=[a.pk for a in access.agreements])
    elif case.person.holder_id != case.owner_id:
        consents = consents.filter(agreement__parties=case.owner_id)
    return CaseDetail(
        case=case,
        access=access,
        person=_person_rows(case, access),
        needs=_visible(access, case.needs.all(), lambda d: d.data_category),
        timeline=_visible(access, case.timeline.all(), lambda e: e.data_category),
        assessments=assessments,
        actions=_visible(
            access,
            case.actions.select_related("domain", "owner_organisation"),
            lambda a: a.domain.data_category if a.domain else "",
        ),
        interventions=_visible(access, case.interventions.select_related("service"), lambda i: i.service.data_category),
        outcomes=_visible(access, case.outcome_scores.select_related("scale"), lambda s: s.scale.data_category),
        status_changes=list(case.status_changes.all()),
        consents=list(consents),
        exceptions=list(exceptions),
        team=list(case.team.select_related("organisation")),
        matches=list(case.volunteer_matches.select_related("volunteer")),
        next_statuses=[(s, Status(s).label) for s in TRANSITIONS[case.status]],
    )


class CaseHidden(Hidden):
    """The answer to a case the user may not see, the same whether or not it exists: a 404 saying how to ask."""

    template = "cases/no_access.html"

    def __init__(self) -> None:
        super().__init__("No case found")
        self.context = {"contact_email": settings.DPO_EMAIL}


def _refuse(user: Any, reference: str, via: str, request: HttpRequest | None) -> Http404:
    record_event(
        CaseAccessRefused(reference=reference[:20], via=via),
        actor=user if getattr(user, "is_authenticated", False) else None,
        request=request,
        purpose="Refused: not the owner, not in the team, no agreement with consent",
    )
    return CaseHidden()


def _viewed(user: Any, case: Case, access: CaseAccess, via: str, request: HttpRequest | None) -> None:
    record_event(
        CaseViewed(reference=case.reference, basis=str(access.basis), via=via),
        actor=user,
        request=request,
        obj=case,
        purpose=access.purpose,
    )


def visible_case(user: Any, reference: str, *, field: str = "case_reference") -> Case | None:
    """The case with ``reference`` when the user may see it; ``None`` for no reference.

    A reference the user may not see is refused exactly as an unknown one, on the form's ``field``,
    so a form cannot be used to learn which references exist.
    """
    if not reference:
        return None
    case = Case.objects.filter(reference=reference).first()
    if case is None or not case_access(user, case).can_view:
        message = "Enter the reference of a case your organisation can see"
        raise ValidationError({field: ValidationError(message, code="unknown_case")})
    return case


def case_for(
    user: Any, reference: str, action: Action = Action.VIEW, *, via: str = "page", request: HttpRequest | None = None
) -> tuple[Case, CaseAccess]:
    """The case and the user's access to it: 404 (audited) if they cannot see it, 403 if not ``action``.

    Opening the case's page or posting to it (``request`` given) is audited as a read: a page that
    answers a post shows the case again.
    """
    case = (
        Case.objects.select_related("person", "programme", "owner", "lead_worker", "referred_by")
        .filter(reference=reference)
        .first()
    )
    access = case_access(user, case) if case is not None else None
    if case is None or access is None or not access.can_view:
        raise _refuse(user, reference, via, request)
    if not access.allows(action):
        raise PermissionDenied(f"Your organisation cannot {action.value.replace('_', ' ')} on this case")
    if request is not None:
        _viewed(user, case, access, via, request)
    return case, access


def read_case(user: Any, reference: str, *, via: str = "page", request: HttpRequest | None = None) -> CaseDetail:
    """The case as the user may see it, its read audited with the purpose; 404 (also audited) otherwise."""
    case, access = case_for(user, reference, via=via)
    _viewed(user, case, access, via, request)
    return _detail(case, access)

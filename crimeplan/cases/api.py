"""API for partners' systems: referrals in, case status out, scoped by the same rules as the pages.

Authentication is an API key (``Authorization: Bearer cpk_...``) made with
``crimeplan cases apikey create``; each key is a service account of one organisation, so it sees
exactly what a member of staff of that organisation would. A signed-in session also works, for
trying the API in the browser.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.security import HttpBearer

from crimeplan.cases.constants import IomCohort, ReferralBasis, RiskLevel, Sex
from crimeplan.cases.constants import Status as CaseStatus
from crimeplan.cases.models import Case, NeedDomain, Programme, ReferralSource
from crimeplan.cases.permissions import Action, can
from crimeplan.cases.selectors.cases import CaseFilters, case_for, cases_page
from crimeplan.cases.services.apikeys import authenticate
from crimeplan.cases.services.referrals import PersonDetails, refer
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.permissions import SIGNED_IN, api_signed_in
from crimeplan.core.validation import BirthDate, Email, Name, Text


class ApiKeyAuth(HttpBearer):
    """``Authorization: Bearer <key>``; the key's service account becomes ``request.auth``."""

    openapi_description = "A partner system's API key: `Authorization: Bearer cpk_...`"
    access_rule = SIGNED_IN  # a service account of one organisation, scoped like its staff

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        return authenticate(token)


router = Router(tags=["cases"], auth=[ApiKeyAuth(), api_signed_in])


class PersonIn(Schema):
    given_name: Name = Field(..., min_length=1, max_length=100)
    family_name: Name = Field(..., min_length=1, max_length=100)
    date_of_birth: BirthDate | None = Field(None, description="between 1900 and today")
    sex: Sex | None = None
    address: Text = Field("", max_length=300)
    postcode: Text = Field("", max_length=10)
    phone: Text = Field("", max_length=30)
    email: Email = ""


class ReferralIn(Schema):
    programme: Text = Field(..., max_length=50, description="programme slug, e.g. early-action, iom")
    person: PersonIn
    reason: Text = Field(..., min_length=1, max_length=5000, description="why the person is referred")
    needs: list[Annotated[Text, Field(max_length=50)]] = Field(
        default_factory=list, max_length=50, description="need domain slugs, e.g. accommodation"
    )
    risk_level: RiskLevel
    risk_notes: Text = Field("", max_length=5000)
    iom_cohort: IomCohort | None = None
    basis: ReferralBasis | None = Field(
        None, description="the person's consent or the lawful basis; required for anyone under 18"
    )
    basis_reason: Text = Field("", max_length=5000, description="why consent is not the basis, when it is not")


class StatusStep(Schema):
    at: datetime
    from_status: str = Field(description="blank for the referral")
    to_status: str
    reason: str


class CaseStatusOut(Schema):
    reference: str
    programme: str
    owner: str
    status: CaseStatus
    status_changed_at: datetime
    close_reason: str
    updated_at: datetime
    history: list[StatusStep]


class CaseRow(Schema):
    reference: str
    programme: str
    owner: str
    status: CaseStatus
    status_changed_at: datetime
    updated_at: datetime


class CaseQuery(Schema):
    status: CaseStatus | None = None
    programme: Text | None = Field(None, max_length=50, description="programme slug")
    page: int = Field(1, ge=1, le=100_000)


def _status(case: Case) -> dict[str, Any]:
    return {
        "reference": case.reference,
        "programme": case.programme.slug,
        "owner": case.owner.name,
        "status": case.status,
        "status_changed_at": case.status_changed_at,
        "close_reason": case.close_reason,
        "updated_at": case.updated_at,
        "history": list(case.status_changes.values("at", "from_status", "to_status", "reason")),
    }


def _referral_inputs(payload: ReferralIn) -> tuple[Programme, list[NeedDomain]]:
    programme = Programme.objects.filter(slug=payload.programme, is_active=True).first()
    if programme is None:
        known = ", ".join(Programme.objects.filter(is_active=True).values_list("slug", flat=True))
        raise ApplicationError(f"Unknown programme {payload.programme!r}: use one of {known}.", field="programme")
    needs = list(NeedDomain.objects.filter(slug__in=payload.needs, is_active=True))
    unknown = sorted(set(payload.needs) - {n.slug for n in needs})
    if unknown:
        known = ", ".join(NeedDomain.objects.filter(is_active=True).values_list("slug", flat=True))
        raise ApplicationError(f"Unknown needs {', '.join(unknown)}: use {known}.", field="needs")
    return programme, needs


@router.post("/cases/referrals", response={201: CaseStatusOut}, summary="Refer a person")
def create_referral(request: HttpRequest, payload: ReferralIn) -> Status[dict[str, Any]]:
    """A new case in the ``referred`` status, owned by the programme's lead agency or by the key's agency."""
    user = request.auth  # type: ignore[attr-defined]
    if not can(user, Action.REFER):
        raise ApplicationError("This key's account does not belong to an active partner agency.")
    programme, needs = _referral_inputs(payload)
    person = payload.person
    details = PersonDetails(**{**person.model_dump(), "sex": person.sex.value if person.sex else ""})
    try:
        case = refer(
            by=user,
            programme=programme,
            person=details,
            reason=payload.reason,
            needs=needs,
            risk_level=payload.risk_level.value,
            risk_notes=payload.risk_notes,
            iom_cohort=payload.iom_cohort.value if payload.iom_cohort else "",
            source=ReferralSource.API,
            basis=payload.basis.value if payload.basis else "",
            basis_reason=payload.basis_reason,
        )
    except ValidationError as exc:
        raise ApplicationError("; ".join(exc.messages)) from exc
    return Status(201, _status(case))


@router.get("/cases", response=list[CaseRow], summary="Cases your agency may see, with their status")
def list_cases(request: HttpRequest, query: Query[CaseQuery]) -> list[dict[str, Any]]:
    """25 a page, most recently updated first (``page`` for more)."""
    filters = CaseFilters(status=query.status.value if query.status else "", programme=query.programme or "")
    page = cases_page(request.auth, filters, page=query.page, via="api", request=request)  # type: ignore[attr-defined]
    return [
        {
            "reference": c.reference,
            "programme": c.programme.slug,
            "owner": c.owner.name,
            "status": c.status,
            "status_changed_at": c.status_changed_at,
            "updated_at": c.updated_at,
        }
        for c in page.object_list
    ]


@router.get("/cases/{reference}", response=CaseStatusOut, summary="A case's status and its history")
def case_status(request: HttpRequest, reference: str) -> dict[str, Any]:
    """404 when the case does not exist or your agency may not see it (the two are not told apart)."""
    case, _ = case_for(request.auth, reference, via="api", request=request)  # type: ignore[attr-defined]
    return _status(case)

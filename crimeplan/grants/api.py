"""API: funds, rounds, awards (public fields for everyone, contact details for grants staff), publication."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from crimeplan.audit.events import DataExported
from crimeplan.audit.services import record_event
from crimeplan.core.permissions import public
from crimeplan.core.validation import Text
from crimeplan.grants import permissions, publication, selectors
from crimeplan.grants.models import Award, Fund

router = Router(tags=["grants"])


class FundOut(Schema):
    slug: str
    name: str
    kind: str
    financial_year: str
    description: str
    budget: float
    budget_note: str
    min_award: float
    max_award: float | None
    awarded: float = Field(description="committed + paid")
    paid: float
    remaining: float
    priorities: list[str]
    is_example: bool


class RoundOut(Schema):
    id: int
    title: str
    opens_on: dt.date
    closes_on: dt.date
    panel_on: dt.date | None
    is_open: bool
    is_example: bool


class AwardPrivate(Schema):
    contact_name: str
    email: str
    moderated_score: float | None


class AwardOut(Schema):
    reference: str
    fund: str
    recipient: str
    recipient_id: str
    title: str
    amount: float
    paid: float
    awarded_on: dt.date
    status: str
    area_codes: list[str]
    is_example: bool
    private: AwardPrivate | None = Field(description="only for signed-in grants staff")


class AwardQuery(Schema):
    fund: Text | None = Field(None, max_length=100, description="fund slug")
    month: str | None = Field(None, max_length=20, description="awards made in this month, YYYY-MM")


def _fund(fund: Fund) -> dict[str, Any]:
    return {
        **{k: getattr(fund, k) for k in ("slug", "name", "kind", "financial_year", "description", "budget_note")},
        "budget": float(fund.budget),
        "min_award": float(fund.min_award),
        "max_award": float(fund.max_award) if fund.max_award is not None else None,
        "awarded": float(fund.awarded_total),
        "paid": float(fund.paid_total),
        "remaining": float(fund.remaining),
        "priorities": [str(p) for p in fund.priorities.all()],
        "is_example": fund.is_example,
    }


@router.get("/grants/funds", response=list[FundOut], summary="Funds, with budget, awarded and paid")
@public
def funds(request: HttpRequest) -> list[dict[str, Any]]:
    return [_fund(f) for f in Fund.objects.prefetch_related("priorities").order_by("-financial_year", "name")]


@router.get("/grants/funds/{slug}/rounds", response=list[RoundOut], summary="A fund's rounds")
@public
def rounds(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    fund = get_object_or_404(Fund, slug=slug)
    return [
        {
            **{k: getattr(r, k) for k in ("id", "title", "opens_on", "closes_on", "panel_on", "is_example")},
            "is_open": r.is_open(),
        }
        for r in fund.rounds.all()
    ]


def _award(award: Award, staff: bool) -> dict[str, Any]:
    app = award.application
    return {
        "reference": app.reference,
        "fund": str(award.fund),
        "recipient": app.org_name,
        "recipient_id": publication.recipient_id(award),
        "title": app.title,
        "amount": float(award.amount),
        "paid": float(award.paid_total),
        "awarded_on": award.awarded_on,
        "status": award.status,
        "area_codes": list(app.area_codes),
        "is_example": app.is_example,
        "private": {
            "contact_name": app.contact_name,
            "email": app.email,
            "moderated_score": float(app.moderated_score) if app.moderated_score is not None else None,
        }
        if staff
        else None,
    }


@router.get("/grants/awards", response=list[AwardOut], summary="Awards (contact details only for grants staff)")
@public
def awards(request: HttpRequest, query: Query[AwardQuery]) -> list[dict[str, Any]]:
    found = selectors.public_awards()
    if query.fund:
        found = found.filter(fund__slug=query.fund)
    found = publication.in_month(found, query.month)
    staff = permissions.can_manage(request.user)
    rows = [_award(a, staff) for a in found]
    if staff:
        record_event(
            DataExported(what="grant awards with contact details", format="json", rows=len(rows)), request=request
        )
    return rows


@router.get("/grants/publication", summary="The transparency publication (Specified Information Order 2011)")
@public
def publication_feed(request: HttpRequest, month: str | None = None) -> list[dict[str, str]]:
    return publication.transparency_rows(month)


@router.get("/grants/360giving", summary="Grants as a 360Giving data package (validated against the schema)")
@public
def threesixty(request: HttpRequest, month: str | None = None) -> dict[str, Any]:
    return publication.checked_package(month)

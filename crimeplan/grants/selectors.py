"""Reading grants data, with access scoping in one place: selectors take the acting user."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q, QuerySet, Sum
from django.http import Http404, HttpRequest

from crimeplan.accounts.roles import ASSESSOR
from crimeplan.audit.services import record_event
from crimeplan.grants import journey, permissions
from crimeplan.grants.constants import ApplicationStatus, FundKind
from crimeplan.grants.eligibility import pounds
from crimeplan.grants.events import ApplicationViewed
from crimeplan.grants.models import Application, Award, Contract, Fund, MonitoringReturn, Round
from crimeplan.grants.publication import area_names


def public_funds() -> QuerySet[Fund]:
    """Funds that take applications, with their rounds (newest first)."""
    rounds = Prefetch("rounds", queryset=Round.objects.order_by("-opens_on"))
    return (
        Fund.objects.exclude(kind=FundKind.ALLOCATION)
        .prefetch_related(rounds, "criteria", "priorities")
        .order_by("-financial_year", "name")
    )


def open_rounds(today: dt.date | None = None) -> QuerySet[Round]:
    today = today or dt.date.today()
    return Round.objects.filter(opens_on__lte=today, closes_on__gte=today).select_related("fund").order_by("closes_on")


def rounds_for(user: Any) -> QuerySet[Round]:
    """Every round for managers and panel members; an assessor's own rounds otherwise."""
    found = Round.objects.select_related("fund").order_by("-opens_on")
    if permissions.can_manage(user) or permissions.can_decide(user):
        return found
    return found.filter(assessors=user)


def applications_for(user: Any, round_: Round | None = None) -> QuerySet[Application]:
    """Submitted applications the user may see (drafts are the applicant's own)."""
    found = Application.objects.exclude(status=ApplicationStatus.DRAFT).select_related("round__fund")
    if round_ is not None:
        found = found.filter(round=round_)
    if not (permissions.can_manage(user) or permissions.can_decide(user)):
        found = found.filter(round__assessors=user)
    return found.order_by("reference")


def application_for(user: Any, pk: int, request: HttpRequest | None = None) -> Application:
    """One submitted application for staff, recording that its personal data was seen."""
    application = Application.objects.select_related("round__fund").filter(pk=pk).first()
    if application is None or application.is_draft:
        raise PermissionDenied("No submitted application has this number, or you may not see it.")
    permissions.require_round(user, application.round)
    record_event(ApplicationViewed(reference=str(application)), actor=user, request=request, obj=application)
    return application


def award_for(user: Any, pk: int) -> Award:
    award = Award.objects.select_related("application__round__fund", "application__decision").filter(pk=pk).first()
    if award is None:
        raise PermissionDenied("No award has this number.")
    permissions.require_round(user, award.application.round)
    return award


def overdue_returns(today: dt.date | None = None) -> QuerySet[MonitoringReturn]:
    today = today or dt.date.today()
    return (
        MonitoringReturn.objects.filter(received_on__isnull=True, due_on__lt=today)
        .select_related("award__application__round__fund")
        .order_by("due_on")
    )


def contracts_flagged(today: dt.date | None = None) -> list[tuple[Contract, list[str]]]:
    today = today or dt.date.today()
    contracts = Contract.objects.prefetch_related("cofunding", "kpis", "performance")
    return [(c, c.flags(today)) for c in contracts]


def commissioned_services(today: dt.date | None = None) -> QuerySet[Contract]:
    """The commissioned services running today (other modules refer people to them)."""
    today = today or dt.date.today()
    return Contract.objects.filter(starts_on__lte=today, ends_on__gte=today).order_by("title")


def answer_rows(application: Application) -> list[dict[str, str]]:
    """The check-your-answers rows: question, answer, the page to change it."""

    def row(label: str, value: object, field: str) -> dict[str, str]:
        return {
            "label": label,
            "value": str(value) if value not in (None, "") else "Not answered",
            "step": journey.FIELD_STEP[field],
        }

    areas = "; ".join(name for _, name in area_names(application.area_level, list(application.area_codes)))
    return [
        row("Type of organisation", application.get_org_type_display(), "org_type"),
        row("Organisation name", application.org_name, "org_name"),
        row("Charity number", application.charity_number or "None given", "charity_number"),
        row("Company number", application.company_number or "None given", "company_number"),
        row("Postcode", application.org_postcode, "org_postcode"),
        row("Contact", f"{application.contact_name} {application.contact_phone}".strip(), "contact_name"),
        row("Project name", application.title, "title"),
        row("What the project will do", application.summary, "summary"),
        row(
            "Dates",
            f"{application.start_date:%-d %B %Y} to {application.end_date:%-d %B %Y}"
            if application.start_date and application.end_date
            else "",
            "start_date",
        ),
        row("What the money is for", application.get_purpose_display(), "purpose"),
        row("Where", application.get_area_level_display(), "area_level"),
        row("Areas", areas, "area_codes"),
        row("Priorities", "; ".join(str(p) for p in application.priorities.order_by("number")), "priorities"),
        row("Amount asked for", pounds(application.requested), "budget"),
        row("Match funding", pounds(application.match_funding), "match_funding"),
    ]


def public_awards() -> QuerySet[Award]:
    return Award.objects.select_related("application__round__fund", "application__decision").order_by("-awarded_on")


def award_by_reference(reference: str) -> Award:
    award = public_awards().filter(application__reference=reference).first()
    if award is None:
        raise Http404("No award has this reference.")
    return award


def fund_awards(fund: Fund) -> QuerySet[Award]:
    return public_awards().filter(Q(fund=fund))


def awarded_between(*, fund: str, first: dt.date, last: dt.date) -> tuple[int, Decimal]:
    """Number and total of awards from funds whose slug starts with ``fund`` made in ``first``..``last``.

    For a plan measure such as "Community Action Fund grants awarded" (``fund="community-action-fund"``).
    """
    found = Award.objects.filter(fund__slug__startswith=fund, awarded_on__range=(first, last))
    total = found.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    return found.count(), total


def assessor_candidates(round_: Round) -> QuerySet[Any]:
    """Who may be made an assessor of the round: active grant assessors, and anyone already assigned."""
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(Q(groups__name=ASSESSOR.name) | Q(assessed_rounds=round_)).distinct().order_by("username")

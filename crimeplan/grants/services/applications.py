"""The public application journey: start, save answers page by page, check eligibility, submit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.core import validation
from crimeplan.core.exceptions import ApplicationError
from crimeplan.geography.models import CommunitySafetyPartnership, Lsoa, Ward
from crimeplan.grants import emails
from crimeplan.grants.access import new_token
from crimeplan.grants.constants import ApplicationStatus, AreaLevel
from crimeplan.grants.eligibility import Facts, Failure, FundTerms, check_eligibility
from crimeplan.grants.events import ApplicationRefused, ApplicationStarted, ApplicationSubmitted, ReturnLinksSent
from crimeplan.grants.models import Application, BudgetLine, Fund, Outcome, Round

#: Answers every application needs that no eligibility rule covers: field -> what to do.
REQUIRED = {
    "org_name": "Enter the name of your organisation",
    "org_postcode": "Enter your organisation's postcode",
    "contact_name": "Enter the name of the person we should contact",
    "title": "Enter a name for the project",
    "summary": "Say what the project will do",
    "start_date": "Enter the date the project will start",
    "end_date": "Enter the date the project will end",
}


def _require_draft(application: Application) -> None:
    if not application.is_draft:
        raise ApplicationError(
            f"Application {application.reference} has been submitted, so its answers cannot be changed."
        )


@transaction.atomic
def start_application(*, round_: Round, email: str, request: HttpRequest | None = None) -> tuple[Application, str]:
    """A new draft for ``email``, who is sent a link to return to it. Returns the draft and the link's token."""
    if not round_.is_open():
        raise ApplicationError(f"{round_} is not open for applications.", field="email")
    token, hashed = new_token()
    application = Application(round=round_, email=email, token_hash=hashed, token_issued_at=timezone.now())
    application.full_clean()
    application.save()
    emails.send_return_link(application, token)
    record_event(ApplicationStarted(round=str(round_)), request=request, obj=application)
    return application, token


@transaction.atomic
def send_new_links(*, email: str, request: HttpRequest | None = None) -> int:
    """A fresh link to each application of ``email`` (the old links stop working); how many were sent."""
    held = Application.objects.filter(email__iexact=email, is_example=False, contact_erased_on__isnull=True)
    found = list(held.select_related("round__fund"))  # an erased application has no applicant to write to
    for application in found:
        token, hashed = new_token()
        application.token_hash, application.token_issued_at = hashed, timezone.now()
        application.save(update_fields=["token_hash", "token_issued_at", "updated_at"])
        emails.send_return_link(application, token)
    record_event(ReturnLinksSent(applications=len(found)), request=request)
    return len(found)


@transaction.atomic
def save_answers(*, application: Application, answers: dict[str, Any]) -> Application:
    """Store one page's answers (``priorities`` is a list of priority ids)."""
    _require_draft(application)
    priorities = answers.pop("priorities", None)
    for name, value in answers.items():
        setattr(application, name, value)
    application.full_clean()
    application.save()
    if priorities is not None:
        application.priorities.set(priorities)
    return application


@transaction.atomic
def add_budget_line(*, application: Application, item: str, amount: Decimal) -> BudgetLine:
    _require_draft(application)
    budget = application.round.fund.budget
    validation.validate_amount(
        application.requested + amount, maximum=budget, what="The costs together (the whole fund's budget)"
    )
    line = BudgetLine(application=application, item=item, amount=amount)
    line.full_clean()
    line.save()
    return line


@transaction.atomic
def add_outcome(*, application: Application, description: str, measure: str, target: str) -> Outcome:
    _require_draft(application)
    outcome = Outcome(application=application, description=description, measure=measure, target=target)
    outcome.full_clean()
    outcome.save()
    return outcome


@transaction.atomic
def remove_item(*, application: Application, kind: str, pk: int) -> None:
    """Remove one of the application's budget lines (``kind="budget"``) or outcomes (``"outcome"``)."""
    _require_draft(application)
    if kind == "budget":
        BudgetLine.objects.filter(application=application, pk=pk).delete()
    else:
        Outcome.objects.filter(application=application, pk=pk).delete()


def fund_terms(fund: Fund) -> FundTerms:
    if fund.eligible_areas:
        csps = frozenset(fund.eligible_areas)
    else:
        csps = frozenset(
            CommunitySafetyPartnership.objects.filter(police_force_area__force_slug=fund.force).values_list(
                "code", flat=True
            )
        )
    names = CommunitySafetyPartnership.objects.filter(code__in=fund.eligible_areas).values_list("name", flat=True)
    return FundTerms(
        name=fund.name,
        min_award=fund.min_award,
        max_award=fund.max_award,
        match_funding_percent=fund.match_funding_percent,
        eligible_org_types=frozenset(fund.eligible_org_types),
        eligible_csps=csps,
        area_name=", ".join(names) if fund.eligible_areas else f"the {fund.force.replace('-', ' ').title()} area",
        excluded_purposes=frozenset(fund.excluded_purposes),
        priorities=frozenset(fund.priorities.values_list("pk", flat=True)),
    )


def area_csps(level: str, codes: list[str]) -> dict[str, str | None]:
    """Each chosen area's CSP code (``None`` for a code crimeplan does not know)."""
    if level == AreaLevel.CSP:
        known = set(CommunitySafetyPartnership.objects.filter(code__in=codes).values_list("code", flat=True))
        return {code: code if code in known else None for code in codes}
    if level == AreaLevel.WARD:
        found = dict(Ward.objects.filter(code__in=codes).values_list("code", "local_authority__csp_id"))
    else:
        found = dict(Lsoa.objects.filter(code__in=codes).values_list("code", "local_authority__csp_id"))
    return {code: found.get(code) for code in codes}


def facts_for(application: Application) -> Facts:
    return Facts(
        fund=fund_terms(application.round.fund),
        org_type=application.org_type,
        charity_number=application.charity_number,
        company_number=application.company_number,
        has_constitution=application.has_constitution,
        requested=application.requested,
        match_funding=application.match_funding,
        purpose=application.purpose,
        priorities=frozenset(application.priorities.values_list("pk", flat=True)),
        area_csps=area_csps(application.area_level, list(application.area_codes)),
    )


def missing_answers(application: Application) -> list[Failure]:
    found = [Failure("missing", name, message) for name, message in REQUIRED.items() if not getattr(application, name)]
    if not application.outcomes.exists():
        found.append(Failure("missing", "outcomes", "Add at least one outcome the project will achieve"))
    return found


def _reference(fund: Fund) -> str:
    """The next reference of the fund, e.g. ``CAF-2425-0007`` (called with the fund's row locked)."""
    year = fund.financial_year.replace("-", "")[2:]
    taken = Application.objects.filter(round__fund=fund, reference__isnull=False).count()
    return f"{fund.code}-{year}-{taken + 1:04d}"


@transaction.atomic
def submit_application(*, application: Application, request: HttpRequest | None = None) -> list[Failure]:
    """Submit if complete and eligible; otherwise keep the draft and return every reason it was refused."""
    app = Application.objects.select_for_update().select_related("round__fund").get(pk=application.pk)
    _require_draft(app)
    if not app.round.is_open():
        raise ApplicationError(f"{app.round} closed on {app.round.closes_on:%-d %B %Y}.")
    failures = missing_answers(app) + check_eligibility(facts_for(app), app.round.fund.rules)
    app.eligibility = [f.as_dict() for f in failures]
    if failures:
        app.save(update_fields=["eligibility", "updated_at"])
        record_event(ApplicationRefused(reasons=[f.message for f in failures]), request=request, obj=app)
        return failures
    fund = Fund.objects.select_for_update().get(pk=app.round.fund_id)
    token, hashed = new_token()
    app.reference = _reference(fund)
    app.status, app.submitted_at = ApplicationStatus.SUBMITTED, timezone.now()
    app.token_hash, app.token_issued_at = hashed, timezone.now()
    app.full_clean()
    app.save()
    emails.send_confirmation(app, token)
    record_event(ApplicationSubmitted(reference=app.reference, requested=str(app.requested)), request=request, obj=app)
    application.refresh_from_db()
    return []

"""EXAMPLE records for the demo: made-up applicants, awards, an allocation decision and a contract.

Everything here is labelled as an example (``is_example``, names starting "Example") and shown with
an "Example" tag. The areas and periods are real (Lancashire wards, police.uk months held in the
shipped store) so that the "Did it work?" comparison runs on real crime data; the organisations,
amounts, scores and treatment figures are invented. Safe to run twice: it stops if examples exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone

from crimeplan.core.exceptions import ApplicationError
from crimeplan.grants import allocation
from crimeplan.grants.access import new_token
from crimeplan.grants.constants import ApplicationStatus, AreaLevel, DecisionOutcome, KpiMeasure, Recommendation
from crimeplan.grants.models import (
    Application,
    BudgetLine,
    CoFunding,
    Contract,
    Fund,
    Kpi,
    Outcome,
    Round,
)
from crimeplan.grants.services import allocation as allocation_services
from crimeplan.grants.services import assessment, awards, commissioning
from crimeplan.grants.services.applications import _reference
from crimeplan.grants.services.funds import financial_year, load_funds
from crimeplan.performance import selectors as plan

D = dt.date
#: The current round's example projects start about six weeks from the day the examples are loaded.
SOON = dt.date.today() + dt.timedelta(days=45)


@dataclass
class Example:
    fund: str
    name: str
    org_type: str
    title: str
    summary: str
    ward: str
    start: dt.date
    end: dt.date
    lines: list[tuple[str, str]]
    priorities: list[int]
    match: str = "0"
    purpose: str = "activities"
    scores: tuple[list[int], list[int]] = ([4, 4, 3, 4, 4], [5, 3, 4, 4, 3])
    outcomes: list[tuple[str, str, str]] = field(
        default_factory=lambda: [
            ("Young people take part in positive activities", "Attendance registers", "40 young people")
        ]
    )


PAST = [
    Example(
        "community-action-fund",
        "Example Talbot Youth Boxing Club",
        "community_group",
        "Friday night boxing",
        "Free supervised boxing sessions for 11 to 17 year olds in Blackpool town centre on Friday and "
        "Saturday evenings.",
        "E05001659",
        D(2021, 9, 1),
        D(2022, 2, 28),
        [("Coaches, 48 sessions", "1500"), ("Gloves, pads and first aid", "600"), ("Hall hire", "300")],
        [8, 5],
    ),
    Example(
        "community-action-fund",
        "Example Burnley Wood Community Garden",
        "community_group",
        "Growing together",
        "Turning a fly-tipped plot into a community garden run by residents, with volunteer days and a "
        "weekly youth club.",
        "E05005162",
        D(2021, 10, 1),
        D(2022, 3, 31),
        [("Tools and raised beds", "900"), ("Skip hire and fencing", "650"), ("Volunteer expenses", "250")],
        [2, 8],
    ),
    Example(
        "reducing-reoffending-fund",
        "Example Lancaster Resettlement Partnership",
        "public_body",
        "Through-the-gate mentoring",
        "Mentors meet people leaving HMP Lancaster Farms at the gate and help with "
        "housing, benefits and treatment for their first 12 weeks.",
        "E05009618",
        D(2021, 9, 1),
        D(2022, 8, 31),
        [("Two part-time mentors", "16000"), ("Travel and phones", "2500"), ("Training", "1500")],
        [9, 4],
        match="2500",
        purpose="staff",
        scores=([4, 4, 3, 4], [4, 3, 4, 3]),
        outcomes=[("People leaving prison have somewhere to live", "Housing status at 12 weeks", "70% housed")],
    ),
    Example(
        "community-action-fund",
        "Example Preston Street Art Collective",
        "community_group",
        "Murals not tags",
        "Workshops where young people design murals for walls that are often tagged.",
        "E05012196",
        D(2021, 9, 1),
        D(2022, 1, 31),
        [("Paint and materials", "1400"), ("Artist fees", "1000")],
        [8],
        scores=([2, 2, 1, 2, 2], [1, 2, 2, 1, 2]),
    ),
]
CURRENT = [
    Example(
        "community-action-fund",
        "Example Fleetwood Youth Night Kitchen",
        "community_group",
        "Cook and eat",
        "Evening cooking sessions for young people in Pharos ward, run with the youth service.",
        "E05009946",
        SOON,
        SOON + dt.timedelta(days=170),
        [("Food and kitchen hire", "1600"), ("Youth worker", "800")],
        [5],
    ),
    Example(
        "community-action-fund",
        "Example Morecambe Safer Streets Walks",
        "community_group",
        "Walk and talk",
        "Residents, PCSOs and councillors walk the West End on Friday evenings and report problems.",
        "E05009599",
        SOON + dt.timedelta(days=20),
        SOON + dt.timedelta(days=200),
        [("Hi-vis, torches and radios", "700"), ("Printing", "300")],
        [2, 8],
    ),
]


def _user(username: str, first: str, last: str, perms: list[str] = ()) -> Any:  # type: ignore[assignment]
    user, _ = get_user_model().objects.get_or_create(
        username=username, defaults={"first_name": first, "last_name": last}
    )
    user.set_unusable_password()
    user.save()
    for codename in perms:
        user.user_permissions.add(Permission.objects.get(codename=codename, content_type__app_label="grants"))
    return get_user_model().objects.get(pk=user.pk)


def _application(example: Example, round_: Round, submitted: dt.datetime) -> Application:
    _, hashed = new_token()
    app = Application.objects.create(
        round=round_,
        email="applicant@example.invalid",
        token_hash=hashed,
        token_issued_at=submitted,
        org_type=example.org_type,
        org_name=example.name,
        has_constitution=example.org_type == "community_group" or None,
        org_postcode="PR1 2AB",
        contact_name="Example Applicant",
        contact_phone="01632 960000",
        title=example.title,
        summary=example.summary,
        purpose=example.purpose,
        start_date=example.start,
        end_date=example.end,
        area_level=AreaLevel.WARD,
        area_codes=[example.ward],
        match_funding=Decimal(example.match),
        is_example=True,
    )
    app.priorities.set(plan.priorities(round_.fund.force, example.priorities))
    for item, amount in example.lines:
        BudgetLine.objects.create(application=app, item=item, amount=Decimal(amount))
    for description, measure, target in example.outcomes:
        Outcome.objects.create(application=app, description=description, measure=measure, target=target)
    fund = Fund.objects.select_for_update().get(pk=round_.fund_id)
    Application.objects.filter(pk=app.pk).update(
        reference=_reference(fund), status=ApplicationStatus.SUBMITTED, submitted_at=submitted
    )
    app.refresh_from_db()
    return app


def _assess(app: Application, assessors: list[Any], scores: tuple[list[int], list[int]]) -> None:
    criteria = list(app.round.fund.criteria.all())
    for assessor, marks in zip(assessors, scores, strict=True):
        found = assessment.declare_interest(application=app, assessor=assessor, conflict=False, details="")
        recommendation = Recommendation.FUND if sum(marks) / len(marks) >= 3 else Recommendation.DO_NOT_FUND
        assessment.submit_scores(
            assessment=found,
            scores={c.pk: (m, "") for c, m in zip(criteria, marks, strict=True)},
            recommendation=recommendation,
            comments="Example assessment.",
        )


def _past(manager: Any, assessors: list[Any]) -> None:
    funds = {f.slug.rsplit("-", 2)[0]: f for f in load_funds(year="2021-22", is_example=True)}
    rounds = {}
    for key in ("community-action-fund", "reducing-reoffending-fund"):
        rounds[key] = Round.objects.create(
            fund=funds[key],
            title="Example round 2021",
            opens_on=D(2021, 5, 1),
            closes_on=D(2021, 6, 30),
            panel_on=D(2021, 7, 20),
            is_example=True,
        )
        rounds[key].assessors.set(assessors)
    submitted = timezone.make_aware(dt.datetime(2021, 6, 28, 12, 0))
    for number, example in enumerate(PAST):
        app = _application(example, rounds[example.fund], submitted)
        _assess(app, assessors, example.scores)
        assessment.moderate(application=app, by=manager, score=None, note="")
        _decide(app, manager, number)


def _decide(app: Application, manager: Any, number: int) -> None:
    declined = number == 3
    amount = None if declined else min(app.requested, app.round.fund.max_award or app.requested)
    awards.record_decision(
        application=app,
        by=manager,
        outcome=DecisionOutcome.DECLINED if declined else DecisionOutcome.APPROVED,
        amount=amount,
        panel_on=D(2021, 7, 20),
        reasons="Scored below the fund's threshold: the need was not evidenced."
        if declined
        else "Strong evidence of need in the area and a realistic plan (example reasons).",
        conditions="" if declined else "Send photographs and attendance figures with each return (example condition).",
    )
    if declined:
        return
    award = app.award
    half = (award.amount / 3).quantize(Decimal("0.01")) if number == 2 else (award.amount / 2).quantize(Decimal("0.01"))
    parts = [half, half, award.amount - 2 * half] if number == 2 else [half, award.amount - half]
    dates = [D(2021, 8, 16), D(2022, 1, 17), D(2022, 5, 16)][: len(parts)]
    payments = awards.schedule_payments(award=award, instalments=list(zip(dates, parts, strict=True)), by=manager)
    for payment in payments[: 2 if number == 2 else len(payments)]:
        awards.record_payment(payment=payment, paid_on=payment.due_on, reference=f"EX-{payment.pk:05d}", by=manager)
    for item in award.returns.all():
        if number == 2 and item.kind == "final":
            continue  # left overdue, so the dashboard flags it
        awards.record_return(
            monitoring_return=item,
            outputs="Example outputs: sessions delivered as planned.",
            outcomes="Example outcomes: targets met.",
            spend=award.amount if item.kind == "final" else award.amount / 2,
            received_on=item.due_on,
            by=manager,
        )


def _current(manager: Any, assessors: list[Any]) -> None:
    year = financial_year()
    funds = {f.slug.rsplit("-", 2)[0]: f for f in load_funds(year=year)}
    today = dt.date.today()
    round_ = Round.objects.create(
        fund=funds["community-action-fund"],
        title="Example open round",
        opens_on=today - dt.timedelta(days=30),
        closes_on=today + dt.timedelta(days=60),
        panel_on=today + dt.timedelta(days=90),
        is_example=True,
    )
    round_.assessors.set(assessors)
    for number, example in enumerate(CURRENT):
        app = _application(example, round_, timezone.now() - dt.timedelta(days=5))
        if number == 1:
            _assess(app, assessors, example.scores)


def _allocation(manager: Any) -> str:
    try:
        first, last = allocation.default_period("lancashire")
        simulation = allocation.simulate(
            force="lancashire", total=325_000, first=first, last=last, proposed=allocation.STARTING_WEIGHTS
        )
    except ApplicationError as exc:
        return f"no example allocation: {exc.message}"
    allocation_services.save_allocation(
        simulation=simulation,
        title="Example: CSP allocation under the starting weights",
        financial_year=financial_year(),
        rationale="Example decision record made by the demo loader, to show what the Panel receives.",
        by=manager,
        is_example=True,
    )
    return "an example allocation decision"


def _contract(manager: Any) -> None:
    today = dt.date.today()
    contract = Contract.objects.create(
        reference="EX-DAT-01",
        title="Example: adult drug and alcohol treatment (co-commissioned)",
        service="Adult drug and alcohol treatment",
        provider="Example Recovery Services",
        starts_on=today - dt.timedelta(days=730),
        ends_on=today + dt.timedelta(days=150),
        review_on=today + dt.timedelta(days=45),
        annual_value=Decimal("1200000"),
        ndtms=True,
        is_example=True,
    )
    for name, share in (
        ("Lancashire County Council", "70"),
        ("Blackpool Council", "15"),
        ("Blackburn with Darwen Borough Council", "10"),
        ("Office of the Police and Crime Commissioner", "5"),
    ):
        CoFunding.objects.create(
            contract=contract, commissioner=f"{name} (example share)", share_percent=Decimal(share)
        )
    Kpi.objects.create(contract=contract, measure=KpiMeasure.COMPLETION_RATE, target=Decimal(15))
    Kpi.objects.create(contract=contract, measure=KpiMeasure.CJS_REFERRALS, target=Decimal(120))
    figures = [(1180, 161, 131), (1204, 170, 118), (1225, 176, 126), (1241, 182, 109)]
    quarter = (today.year - 1, 1)
    for in_treatment, completions, referrals in figures:
        commissioning.enter_performance(
            contract=contract,
            quarter=f"{quarter[0]}Q{quarter[1]}",
            in_treatment=in_treatment,
            successful_completions=completions,
            cjs_referrals=referrals,
            notes="Example figures.",
            by=manager,
        )
        quarter = (quarter[0] + quarter[1] // 4, quarter[1] % 4 + 1)


@transaction.atomic
def load_examples() -> str:
    """Load every example (once). Returns what was done, in words."""
    if Application.objects.filter(is_example=True).exists():
        return "examples already loaded"
    manager = _user("example.manager", "Example", "Grants manager", ["manage_grants", "decide_grants"])
    assessors = [_user(f"example.assessor{n}", "Example", f"Assessor {n}") for n in (1, 2)]
    _past(manager, assessors)
    _current(manager, assessors)
    _contract(manager)
    done = _allocation(manager)
    return f"example applications, awards, a contract and {done}"

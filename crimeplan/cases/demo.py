"""EXAMPLE DATA for demonstrations: invented agencies, people, cases, cohorts and offences.

Nothing here is real. Every record is marked ``is_example`` and the pages show an "Example data"
banner or tag on it; the agencies' names end "(example)" and every person's family name is
"Example". The figures are drawn from a seeded random generator so each load is the same.
``load_demo`` is safe to run twice: it does nothing when the example data is already there.
"""

from __future__ import annotations

import os
import random
import secrets
from datetime import date, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils import timezone

from crimeplan.accounts.constants import OrganisationKind
from crimeplan.accounts.models import Organisation
from crimeplan.analytics.reoffending import add_months
from crimeplan.cases.constants import (
    CloseReason,
    ConsentStatus,
    DataCategory,
    IomCohort,
    LegalGateway,
    ReferralBasis,
    RiskLevel,
    ServiceKind,
    Stage,
    Status,
)
from crimeplan.cases.models import (
    Case,
    Cohort,
    FundedProject,
    NeedDomain,
    OutcomeScale,
    Programme,
    ProvenOffence,
    Service,
    StartEvent,
)
from crimeplan.cases.services import asb, casework, reoffending, sharing, volunteers
from crimeplan.cases.services.referrals import PersonDetails, refer

SEED = 2026
MARK = "Example mentoring project (example)"
ORGANISATIONS = {
    "council": ("Example District Council (example)", OrganisationKind.COUNCIL),
    "probation": ("Example Probation Delivery Unit (example)", OrganisationKind.PROBATION),
    "police": ("Example Police IOM Team (example)", OrganisationKind.POLICE),
    "health": ("Example Health Trust (example)", OrganisationKind.HEALTH),
    "housing": ("Example Housing Association (example)", OrganisationKind.HOUSING),
    "charity": ("Example Recovery Charity (example)", OrganisationKind.CHARITY),
}
GIVEN = ["Alex", "Sam", "Jordan", "Casey", "Robin", "Charlie", "Jamie", "Morgan", "Taylor", "Riley", "Avery", "Drew"]
CATEGORIES = [
    ("Theft (non-motor)", 5),
    ("Violence", 4),
    ("Burglary (domestic)", 2),
    ("Drug possession/supply", 3),
    ("Criminal damage", 2),
    ("Public order", 2),
    ("Absconding or bail offences", 1),
    ("Fraud and forgery", 1),
]
STEPS = [Status.SCREENED, Status.ACCEPTED, Status.ACTIVE, Status.CLOSED]


def _organisations() -> dict[str, Organisation]:
    made = {}
    for key, (name, kind) in ORGANISATIONS.items():
        made[key], _ = Organisation.objects.get_or_create(slug=f"example-{key}", defaults={"name": name, "kind": kind})
    made["opcc"], _ = Organisation.objects.get_or_create(
        slug="opcc", defaults={"name": "Office of the Police and Crime Commissioner", "kind": OrganisationKind.OPCC}
    )
    return made


def _users(orgs: dict[str, Organisation], password: str) -> dict[str, Any]:
    users = {}
    for key in ORGANISATIONS:
        user, _ = get_user_model().objects.get_or_create(username=f"demo-{key}")
        user.first_name, user.last_name, user.organisation = "Example", f"{key.title()} worker", orgs[key]
        user.set_password(password)
        user.save()
        users[key] = user
    board = Permission.objects.get(codename="view_board_report")
    users["council"].user_permissions.add(board)
    rectify = Permission.objects.get(codename="rectify_person")
    for user in users.values():
        user.user_permissions.add(rectify)  # each corrects the records its own agency holds
    return users


def _configure(orgs: dict[str, Organisation]) -> dict[str, Any]:
    early = Programme.objects.get(slug="early-action")
    early.lead_organisation, early.accepts_public_referrals = orgs["council"], True
    early.save()
    start = date(2022, 1, 1)
    projects = {
        "mentoring": FundedProject.objects.create(
            name=MARK,
            fund_name="Reducing Reoffending Fund",
            organisation=orgs["charity"],
            starts_on=start,
            is_example=True,
        ),
        "housing": FundedProject.objects.create(
            name="Example housing first project (example)",
            fund_name="Reducing Reoffending Fund",
            organisation=orgs["housing"],
            starts_on=start,
            is_example=True,
        ),
    }
    return {
        "early": early,
        "iom": Programme.objects.get(slug="iom"),
        "projects": projects,
        "services": _services(orgs, projects),
    }


def _services(orgs: dict[str, Organisation], projects: dict[str, FundedProject]) -> list[Service]:
    domains = {d.slug: d for d in NeedDomain.objects.all()}
    rows = [
        ("Example drug and alcohol recovery service", ServiceKind.SUBSTANCE_MISUSE, "health", None, "drugs-alcohol"),
        ("Example mentoring", ServiceKind.FUNDED_PROJECT, "charity", "mentoring", "attitudes"),
        ("Example housing first", ServiceKind.FUNDED_PROJECT, "housing", "housing", "accommodation"),
        ("Example debt advice", ServiceKind.VOLUNTARY, "charity", None, "finance"),
        ("Example employment support", ServiceKind.STATUTORY, "council", None, "education-employment"),
    ]
    services = []
    for name, kind, provider, project, domain in rows:
        service = Service.objects.create(
            name=f"{name} (example)",
            kind=kind,
            provider=orgs[provider].name,
            project=projects.get(project or ""),
            data_category=DataCategory.HEALTH if kind == ServiceKind.SUBSTANCE_MISUSE else DataCategory.CIRCUMSTANCES,
            is_example=True,
        )
        service.domains.set([domains[domain]])
        services.append(service)
    return services


def _agreements(orgs: dict[str, Organisation], config: dict[str, Any], by: Any) -> dict[str, Any]:
    today = timezone.localdate()
    common = {"by": by, "starts_on": date(2024, 4, 1), "review_on": today + timedelta(days=200)}
    early = sharing.record_agreement(
        title="Early Action information sharing agreement (example)",
        purpose="Coordinating early help for people with complex needs across the Early Action partners.",
        legal_gateway=LegalGateway.CDA_S115,
        parties=[orgs[k] for k in ("council", "health", "housing", "police", "opcc")],
        programmes=[config["early"]],
        data_categories=[DataCategory.IDENTITY, DataCategory.CIRCUMSTANCES, DataCategory.HEALTH],
        **common,
    )
    iom = sharing.record_agreement(
        title="IOM information sharing agreement (example)",
        purpose="Managing the people who cause most crime, and measuring their reoffending.",
        legal_gateway=LegalGateway.CDA_S115,
        parties=[orgs[k] for k in ("probation", "police", "housing", "charity")],
        programmes=[config["iom"]],
        data_categories=[DataCategory.IDENTITY, DataCategory.CIRCUMSTANCES, DataCategory.OFFENDING],
        **common,
    )
    return {"early": early, "iom": iom}


def _person(rng: random.Random, n: int, sex: str, age: int, on: date | None = None) -> PersonDetails:
    """An invented person aged ``age`` on ``on`` (default today)."""
    born = add_months(on or timezone.localdate(), -12 * age) - timedelta(days=rng.randint(1, 360))
    return PersonDetails(
        given_name=rng.choice(GIVEN),
        family_name=f"Example-{n:03d}",
        date_of_birth=born,
        sex=sex,
        postcode=f"EX{rng.randint(1, 9)} {rng.randint(1, 9)}AB",
        is_example=True,
    )


def _work(rng: random.Random, case: Case, user: Any, services: list[Service], steps: int) -> None:
    """Move the case along the workflow and record needs, a plan, interventions and outcomes."""
    domains, scales = list(NeedDomain.objects.all()), list(OutcomeScale.objects.all())
    for status in STEPS[:steps]:
        reason = "Eligible: complex needs and consent to work with us" if status != Status.CLOSED else "Plan finished"
        close = rng.choice([CloseReason.COMPLETED, CloseReason.PARTLY, CloseReason.DISENGAGED])
        casework.change_status(case=case, by=user, to_status=status, reason=reason, close_reason=close)
        if status == Status.ACCEPTED:
            start = {d: rng.choice([1, 2, 2, 3, 3]) for d in domains}
            casework.assess_needs(case=case, by=user, stage=Stage.START, assessed_on=timezone.localdate(), levels=start)
            scores = {s: rng.randint(1, 3) for s in scales}
            casework.record_outcomes(
                case=case, by=user, stage=Stage.START, scored_on=timezone.localdate(), scores=scores
            )
            service = rng.choice(services)
            casework.record_intervention(
                case=case, by=user, service=service, status="started", referred_on=timezone.localdate()
            )
            casework.add_action(
                case=case,
                by=user,
                description="Agree a support plan with the person",
                owner_organisation=case.owner,
                owner_name="Example worker",
                due_on=timezone.localdate() + timedelta(days=14),
            )
        if status == Status.CLOSED:
            later = {d: max(0, rng.choice([1, 2, 2, 3]) - rng.randint(0, 2)) for d in domains}
            casework.assess_needs(case=case, by=user, stage=Stage.CLOSE, assessed_on=timezone.localdate(), levels=later)
            scores = {s: rng.randint(2, 5) for s in scales}
            casework.record_outcomes(
                case=case, by=user, stage=Stage.CLOSE, scored_on=timezone.localdate(), scores=scores
            )


def _early_action(rng: random.Random, orgs: dict[str, Any], users: dict[str, Any], config: dict[str, Any]) -> None:
    agreement = config["agreements"]["early"]
    for n in range(1, 13):
        case = refer(
            by=users["council"],
            programme=config["early"],
            person=_person(rng, n, rng.choice(["female", "male"]), rng.randint(19, 70)),
            reason="Example referral: repeated calls to services, rent arrears and isolation.",
            risk_level=rng.choice(RiskLevel.values),
            needs=rng.sample(list(NeedDomain.objects.all()), 3),
            basis=ReferralBasis.CONSENT,
            is_example=True,
        )
        _work(rng, case, users["council"], config["services"], n % 5)
        if n % 3:
            sharing.record_consent(
                case=case,
                by=users["council"],
                agreement=agreement,
                status=ConsentStatus.GIVEN,
                given_by="The person",
                scope="Share my support plan with the Early Action partners",
                version="EA consent v2 (example)",
            )
        if n <= 3:
            casework.add_team_member(
                case=case, by=users["council"], organisation=orgs["opcc"], role="Early Action lead"
            )


def _offences(rng: random.Random, member: Any, effect: float) -> None:
    if rng.random() >= member.ogrs3_one_year * effect:
        return
    for _ in range(rng.choice([1, 1, 2, 3])):
        committed = member.start_date + timedelta(days=rng.randint(5, 380))
        proven = committed + timedelta(days=rng.randint(10, 240))
        if proven <= timezone.localdate():
            ProvenOffence.objects.get_or_create(
                member=member,
                offence_date=committed,
                proven_date=proven,
                disposal=rng.choice(["conviction", "conviction", "caution"]),
                offence_code="",
                defaults={"source": "entered", "description": "Example offence"},
            )


def _member(
    rng: random.Random, n: int, cohort: Cohort, effect: float, users: dict[str, Any], config: dict[str, Any]
) -> None:
    sex = "male" if rng.random() < 0.85 else "female"
    age = rng.randint(18, 52)
    start = date(2022, 1, 1) + timedelta(days=rng.randint(0, 700))
    case = refer(
        by=users["probation"],
        programme=config["iom"],
        person=_person(rng, n, sex, age, start),
        reason="Example IOM referral: prolific acquisitive offending.",
        risk_level=RiskLevel.HIGH,
        iom_cohort=rng.choice(IomCohort.values),
        basis=ReferralBasis.LAW_ENFORCEMENT,
        basis_reason="Example: IOM supervision on licence, where consent is not asked (Data Protection Act 2018 "
        "Part 3).",
        is_example=True,
    )
    Case.objects.filter(pk=case.pk).update(funded_project=cohort.funded_project)
    _work(rng, case, users["probation"], config["services"], rng.choice([3, 4]))
    names, weights = zip(*CATEGORIES, strict=True)
    member = reoffending.add_member(
        cohort=cohort,
        by=users["probation"],
        reference=f"M{n:04d}",
        case=case,
        start_event=rng.choice(StartEvent.values[:3]),
        start_date=start,
        sex=sex,
        age_at_start=age,
        age_first_sanction=rng.randint(12, age),
        sanctions=rng.randint(1, 40),
        offence_category=rng.choices(names, weights)[0],
    )
    _offences(rng, member, effect)


def _cohorts(rng: random.Random, users: dict[str, Any], config: dict[str, Any]) -> None:
    """IOM cases in three cohorts (one plain, one per funded project); offences drawn from OGRS3."""
    projects = config["projects"]
    plans = [
        ("Example IOM cohort 2022-23 (example)", None, 48, 1.0),
        ("Example mentoring project cohort (example)", projects["mentoring"], 24, 0.8),
        ("Example housing first cohort (example)", projects["housing"], 16, 0.9),
    ]
    n = 100
    for name, project, size, effect in plans:
        cohort = Cohort.objects.create(
            name=name,
            programme=config["iom"],
            organisation=users["probation"].organisation,
            funded_project=project,
            is_example=True,
        )
        for _ in range(size):
            n += 1
            _member(rng, n, cohort, effect, users, config)


def _asb_and_volunteers(rng: random.Random, users: dict[str, Any]) -> None:
    victim = _person(rng, 900, "female", 67)
    for day in (80, 50, 20):
        reported = timezone.localdate() - timedelta(days=day)
        asb.record_incident(
            by=users["council"],
            victim=victim,
            address="1 Example Street, Exampletown",
            postcode="EX1 1AB",
            occurred_on=reported,
            reported_on=reported,
            description="Example complaint: noise and threats from a group outside the house late at night.",
            is_example=True,
        )
    charity = users["charity"]
    for i, checked in enumerate(
        [timezone.localdate() - timedelta(days=200), timezone.localdate() - timedelta(days=1500), None]
    ):
        volunteers.add_volunteer(
            by=charity,
            organisation=charity.organisation,
            name=f"Example volunteer {i + 1}",
            dbs_checked_on=checked,
            trained_on=timezone.localdate() - timedelta(days=100),
            training="Mentoring basics (example)",
            domains=list(NeedDomain.objects.all()[: 3 + i]),
            is_example=True,
        )


def _retention_example() -> None:
    """One example case closed long ago, so ``crimeplan cases retention`` has something to list."""
    case = Case.objects.filter(is_example=True, status=Status.CLOSED, programme__slug="early-action").first()
    if case is not None:
        Case.objects.filter(pk=case.pk).update(status_changed_at=timezone.now() - timedelta(days=31 * 30))


@transaction.atomic
def load_demo(password: str = "") -> str:
    """Load the example data once and (re)set the partner users' password; return what to tell the person.

    The password is ``password``, else ``CRIMEPLAN_DEMO_PASSWORD``, else a random one.
    """
    password = password or os.environ.get("CRIMEPLAN_DEMO_PASSWORD") or secrets.token_urlsafe(12)
    orgs = _organisations()
    users = _users(orgs, password)
    names = ", ".join(f"demo-{k}" for k in ORGANISATIONS)
    logins = f"Partner users {names}, password {password!r}; demo-council also sees the Board report."
    if FundedProject.objects.filter(name=MARK).exists():
        return f"The example case work data is already loaded. {logins}"
    rng = random.Random(SEED)  # noqa: S311  (example data, not secrets)
    config = _configure(orgs)
    config["agreements"] = _agreements(orgs, config, users["council"])
    _early_action(rng, orgs, users, config)
    _cohorts(rng, users, config)
    _asb_and_volunteers(rng, users)
    _retention_example()
    return f"Example case work data loaded (invented people, labelled as examples). {logins}"

"""The Reducing Reoffending Board report: aggregates only, for a programme and each funded project."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from statistics import mean

from django.db.models import Count, Q, QuerySet

from crimeplan.analytics.reoffending import CohortResult, Member, ProvenOffence, proven_reoffending
from crimeplan.cases.constants import DELIVERED, NEED_THRESHOLD, Stage, Status
from crimeplan.cases.models import (
    Case,
    Cohort,
    CohortMember,
    FundedProject,
    Intervention,
    NeedRating,
    OutcomeScore,
    Programme,
)
from crimeplan.cases.models import ProvenOffence as ProvenOffenceRecord


@dataclass(frozen=True)
class ReoffendingRow:
    label: str
    result: CohortResult
    is_example: bool


@dataclass(frozen=True)
class NeedChange:
    """People with a first and a later assessment: how many had a need (medium or high) then and now."""

    domain: str
    people: int
    before: int
    after: int
    improved: int
    worsened: int


@dataclass(frozen=True)
class OutcomeChange:
    scale: str
    people: int
    start: float
    latest: float
    higher_is_better: bool


@dataclass(frozen=True)
class InterventionRow:
    service: str
    kind: str
    referred: int
    delivered: int


@dataclass(frozen=True)
class Section:
    title: str
    project: FundedProject | None
    cases: int
    by_status: list[tuple[str, int]]
    reoffending: list[ReoffendingRow]
    needs: list[NeedChange]
    outcomes: list[OutcomeChange]
    interventions: list[InterventionRow]


@dataclass(frozen=True)
class BoardReport:
    programme: Programme
    as_of: date
    overall: Section
    projects: list[Section]
    has_examples: bool


def cohort_result(members: QuerySet[CohortMember], *, as_of: date) -> CohortResult:
    """The library's measure for these members, from their stored start dates, scores and offences."""
    rows = list(members.values_list("pk", "start_date", "ogrs3_one_year"))
    offences = ProvenOffenceRecord.objects.filter(member__in=[pk for pk, _, _ in rows]).values_list(
        "member_id", "offence_date", "proven_date"
    )
    return proven_reoffending(
        [Member(str(pk), start, expected) for pk, start, expected in rows],
        [ProvenOffence(str(member), committed, proven) for member, committed, proven in offences],
        as_of=as_of,
    )


def _reoffending(cohorts: QuerySet[Cohort], as_of: date) -> list[ReoffendingRow]:
    rows = [
        ReoffendingRow(c.name, cohort_result(c.members.all(), as_of=as_of), c.is_example)
        for c in cohorts.order_by("name")
    ]
    if len(rows) > 1:
        every = CohortMember.objects.filter(cohort__in=cohorts)
        rows.append(ReoffendingRow("All cohorts", cohort_result(every, as_of=as_of), any(r.is_example for r in rows)))
    return rows


def _needs(cases: QuerySet[Case]) -> list[NeedChange]:
    ratings = NeedRating.objects.filter(assessment__case__in=cases).values_list(
        "assessment__case_id", "assessment__assessed_on", "assessment_id", "domain__name", "domain__order", "level"
    )
    by_case: dict[tuple[int, str, int], list[tuple[date, int, int]]] = defaultdict(list)
    for case, on, assessment, domain, order, level in ratings:
        by_case[(case, domain, order)].append((on, assessment, level))
    changes: dict[tuple[int, str], list[tuple[int, int]]] = defaultdict(list)
    for (_, domain, order), series in by_case.items():
        if len(series) > 1:
            series.sort()
            changes[(order, domain)].append((series[0][2], series[-1][2]))
    return [
        NeedChange(
            domain=domain,
            people=len(pairs),
            before=sum(1 for first, _ in pairs if first >= NEED_THRESHOLD),
            after=sum(1 for _, last in pairs if last >= NEED_THRESHOLD),
            improved=sum(1 for first, last in pairs if last < first),
            worsened=sum(1 for first, last in pairs if last > first),
        )
        for (_, domain), pairs in sorted(changes.items())
    ]


def _outcomes(cases: QuerySet[Case]) -> list[OutcomeChange]:
    scores = OutcomeScore.objects.filter(case__in=cases).values_list(
        "case_id", "scale__name", "scale__order", "scale__higher_is_better", "stage", "scored_on", "score"
    )
    series: dict[tuple[int, str, bool], dict[int, list[tuple[bool, date, int]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for case, scale, order, better, stage, on, score in scores:
        series[(order, scale, better)][case].append((stage != Stage.START, on, score))
    rows = []
    for (_, scale, better), by_case in sorted(series.items()):
        pairs = [(min(s)[2], max(s)[2]) for s in by_case.values() if len(s) > 1 and not min(s)[0]]
        if pairs:
            rows.append(OutcomeChange(scale, len(pairs), mean(a for a, _ in pairs), mean(b for _, b in pairs), better))
    return rows


def _interventions(cases: QuerySet[Case]) -> list[InterventionRow]:
    counts = (
        Intervention.objects.filter(case__in=cases)
        .values("service__name", "service__kind")
        .annotate(referred=Count("pk"), delivered=Count("pk", filter=Q(status__in=DELIVERED)))
        .order_by("service__name")
    )
    return [InterventionRow(c["service__name"], c["service__kind"], c["referred"], c["delivered"]) for c in counts]


def _section(
    title: str, project: FundedProject | None, cases: QuerySet[Case], cohorts: QuerySet[Cohort], as_of: date
) -> Section:
    by_status = dict(cases.values_list("status").annotate(n=Count("pk")).values_list("status", "n"))
    return Section(
        title=title,
        project=project,
        cases=sum(by_status.values()),
        by_status=[(label, by_status.get(value, 0)) for value, label in Status.choices],
        reoffending=_reoffending(cohorts, as_of),
        needs=_needs(cases),
        outcomes=_outcomes(cases),
        interventions=_interventions(cases),
    )


def board_report(*, programme: Programme, as_of: date) -> BoardReport:
    """The report for the programme's cases referred by ``as_of``, and for each funded project."""
    cases = Case.objects.filter(programme=programme, created_at__date__lte=as_of)
    cohorts = Cohort.objects.filter(programme=programme)
    projects = FundedProject.objects.filter(Q(cases__in=cases) | Q(cohorts__in=cohorts)).distinct().order_by("name")
    return BoardReport(
        programme=programme,
        as_of=as_of,
        overall=_section(programme.name, None, cases, cohorts, as_of),
        projects=[
            _section(p.name, p, cases.filter(funded_project=p), cohorts.filter(funded_project=p), as_of)
            for p in projects
        ],
        has_examples=cases.filter(is_example=True).exists() or cohorts.filter(is_example=True).exists(),
    )

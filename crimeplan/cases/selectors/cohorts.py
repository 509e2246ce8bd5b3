"""Reading reoffending cohorts (criminal offence data: the managing agency only, every read audited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest

from crimeplan.analytics.reoffending import CohortResult, counts, measurable
from crimeplan.analytics.reoffending import Member as LibraryMember
from crimeplan.analytics.reoffending import ProvenOffence as LibraryOffence
from crimeplan.audit.services import record_event
from crimeplan.cases.events import CohortViewed
from crimeplan.cases.models import Cohort, CohortMember, OffenceImport
from crimeplan.cases.permissions import organisation_of, require_cohort
from crimeplan.cases.selectors.board import cohort_result


def cohorts_for(user: Any) -> QuerySet[Cohort]:
    organisation = organisation_of(user)
    if organisation is None:
        return Cohort.objects.none()
    return (
        Cohort.objects.filter(organisation=organisation)
        .select_related("programme", "funded_project")
        .annotate(size=Count("members"))
    )


@dataclass(frozen=True)
class MemberRow:
    member: CohortMember
    measured: bool
    offences: list[tuple[Any, bool]]

    @property
    def reoffended(self) -> bool:
        return any(counted for _, counted in self.offences)


@dataclass(frozen=True)
class CohortDetail:
    cohort: Cohort
    result: CohortResult
    members: list[MemberRow]
    imports: list[OffenceImport]
    as_of: date


def _row(member: CohortMember, as_of: date) -> MemberRow:
    subject = LibraryMember(str(member.pk), member.start_date, member.ogrs3_one_year)
    offences = [
        (o, counts(subject, LibraryOffence(subject.key, o.offence_date, o.proven_date))) for o in member.offences.all()
    ]
    return MemberRow(member, measurable(subject, as_of), offences)


def read_cohort(user: Any, pk: int, *, as_of: date, request: HttpRequest | None = None) -> CohortDetail:
    cohort = Cohort.objects.select_related("programme", "organisation", "funded_project").filter(pk=pk).first()
    if cohort is None:
        raise Http404("No cohort found")
    require_cohort(user, cohort)
    members = cohort.members.prefetch_related("offences").select_related("case")
    detail = CohortDetail(
        cohort=cohort,
        result=cohort_result(cohort.members.all(), as_of=as_of),
        members=[_row(m, as_of) for m in members],
        imports=list(cohort.imports.all()[:10]),
        as_of=as_of,
    )
    record_event(
        CohortViewed(cohort=cohort.name, members=len(detail.members)),
        actor=user,
        request=request,
        obj=cohort,
        purpose="Reoffending cohort managed by the user's organisation",
    )
    return detail

"""Cohorts: members with their OGRS3 inputs, proven offences entered or imported from a CSV."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from crimeplan.analytics import reoffending
from crimeplan.analytics.readers.proven_offences import FileRejected, OffenceRow, ParsedOffences, read_proven_offences
from crimeplan.audit.services import record_event
from crimeplan.cases.constants import OffenceSource
from crimeplan.cases.events import CohortMemberAdded, OffencesRecorded
from crimeplan.cases.models import (
    Case,
    Cohort,
    CohortMember,
    OffenceImport,
    OffenceImportRejection,
    ProvenOffence,
)
from crimeplan.cases.services.common import save, today
from crimeplan.core.exceptions import ApplicationError


def ogrs3_model() -> reoffending.Ogrs3:
    return reoffending.load(settings.SHIPPED_DATA_DIR / "reoffending")


def _category(offence_category: str, offence_code: str) -> str:
    model = ogrs3_model()
    try:
        return model.category_for_code(offence_code) if offence_code else model.category(offence_category)
    except ValueError as exc:
        raise ValidationError(
            {"offence_code" if offence_code else "offence_category": ValidationError(str(exc), code="invalid")}
        ) from exc


@transaction.atomic
def add_member(
    *,
    cohort: Cohort,
    by: Any,
    reference: str,
    start_event: str,
    start_date: date,
    sex: str,
    age_at_start: int,
    age_first_sanction: int,
    sanctions: int,
    offence_category: str = "",
    offence_code: str = "",
    case: Case | None = None,
) -> CohortMember:
    """Add a member and compute OGRS3 at the start date (for the cohort's expected rate only)."""
    inputs: dict[str, Any] = {"sex": sex, "age_at_start": age_at_start, "sanctions": sanctions}
    inputs["age_first_sanction"] = age_first_sanction
    category, score = _ogrs3(offence_category, offence_code, **inputs)
    inputs |= {"offence_category": category, "offence_code": offence_code.zfill(5) if offence_code else ""}
    member = CohortMember(
        cohort=cohort,
        reference=reference,
        case=case,
        person=case.person if case else None,
        start_event=start_event,
        start_date=start_date,
        ogrs3_one_year=score.one_year,
        ogrs3_two_year=score.two_year,
        ogrs3_band=score.band,
        **inputs,
    )
    save(member)
    record_event(CohortMemberAdded(cohort=cohort.name, reference=reference), actor=by, obj=member, purpose="Cohort")
    return member


def _ogrs3(
    offence_category: str, offence_code: str, *, sex: str, age_at_start: int, age_first_sanction: int, sanctions: int
) -> tuple[str, reoffending.Ogrs3Score]:
    category = _category(offence_category, offence_code)
    try:
        score = ogrs3_model().score(
            sex=sex,
            age=age_at_start,
            age_first_sanction=age_first_sanction,
            sanctions=sanctions,
            offence_category=category,
        )
    except ValueError as exc:
        raise ValidationError(str(exc), code="invalid") from exc
    return category, score


@transaction.atomic
def record_offence(
    *,
    member: CohortMember,
    by: Any,
    offence_date: date,
    proven_date: date,
    disposal: str,
    offence_code: str = "",
    description: str = "",
) -> ProvenOffence:
    """One proven offence entered by staff."""
    if offence_code and offence_code.zfill(5) not in ogrs3_model().codes:
        raise ValidationError(
            {
                "offence_code": ValidationError(
                    "Enter a Home Office offence code of 5 digits, e.g. 05911", code="invalid"
                )
            }
        )
    if proven_date > today():
        raise ValidationError(
            {"proven_date": ValidationError("The date it was proven must be today or in the past", code="future")}
        )
    if proven_date < offence_date:
        raise ValidationError(
            {"proven_date": ValidationError("An offence is proven on or after the date it was committed", code="order")}
        )
    offence = ProvenOffence(
        member=member,
        offence_date=offence_date,
        proven_date=proven_date,
        disposal=disposal,
        offence_code=offence_code.zfill(5) if offence_code else "",
        description=description,
        source=OffenceSource.ENTERED,
        recorded_by=by,
    )
    save(offence)
    record_event(
        OffencesRecorded(cohort=member.cohort.name, source="entered", rows_read=1, rows_stored=1, rows_rejected=0),
        actor=by,
        obj=member,
        purpose="Reoffending cohort",
    )
    return offence


Row = tuple[int, str, str, str]


def _sort_rows(cohort: Cohort, parsed: ParsedOffences) -> tuple[list[OffenceRow], list[Row]]:
    """The rows to store, and every rejection: the reader's, unknown members, offences already held."""
    members = set(cohort.members.values_list("reference", flat=True))
    existing = set(
        ProvenOffence.objects.filter(member__cohort=cohort).values_list(
            "member__reference", "offence_date", "proven_date", "disposal", "offence_code"
        )
    )
    rejections = [(r.line, r.column, r.value, r.reason) for r in parsed.rejections]
    stored = []
    for row in parsed.rows:
        key = (row.member_reference, row.offence_date, row.proven_date, row.disposal, row.offence_code)
        if row.member_reference not in members:
            rejections.append(
                (row.line, "member_reference", row.member_reference, f"{cohort.name} has no member with this reference")
            )
        elif key in existing:
            rejections.append((row.line, "", "", "this offence is already recorded for the member"))
        else:
            stored.append(row)
    return stored, sorted(rejections)


def _store(run: OffenceImport, rows: list[OffenceRow], rejections: list[Row], by: Any) -> None:
    members = {m.reference: m for m in run.cohort.members.all()}
    ProvenOffence.objects.bulk_create(
        ProvenOffence(
            member=members[row.member_reference],
            offence_date=row.offence_date,
            proven_date=row.proven_date,
            disposal=row.disposal,
            offence_code=row.offence_code,
            description=row.description,
            source=OffenceSource.IMPORTED,
            imported_in=run,
            recorded_by=by,
        )
        for row in rows
    )
    OffenceImportRejection.objects.bulk_create(
        OffenceImportRejection(run=run, line=line, column=column, value=value[:200], reason=reason[:300])
        for line, column, value, reason in rejections
    )


@transaction.atomic
def import_offences(*, cohort: Cohort, by: Any, file_name: str, data: bytes) -> OffenceImport:
    """Read the CSV row by row; store the good rows and every rejection with its line and reason."""
    try:
        parsed = read_proven_offences(data, today=today(), known_codes=ogrs3_model().codes.keys())
    except FileRejected as exc:
        raise ApplicationError(str(exc), field="file") from exc
    stored, rejections = _sort_rows(cohort, parsed)
    run = OffenceImport(
        cohort=cohort,
        file_name=file_name[:200],
        sha256=hashlib.sha256(data).hexdigest(),
        rows_read=parsed.read,
        rows_stored=len(stored),
        rows_rejected=len(rejections),
        created_by=by,
    )
    save(run)
    _store(run, stored, rejections, by)
    record_event(
        OffencesRecorded(
            cohort=cohort.name,
            source="imported",
            rows_read=run.rows_read,
            rows_stored=run.rows_stored,
            rows_rejected=run.rows_rejected,
        ),
        actor=by,
        obj=run,
        purpose="Reoffending cohort",
    )
    return run

"""Volunteers: their checks, matching them to cases and the hours they give."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from crimeplan.accounts.models import Organisation
from crimeplan.analytics.reoffending import add_months
from crimeplan.cases.constants import DBS_VALID_YEARS, EntryKind
from crimeplan.cases.models import Case, NeedDomain, Volunteer, VolunteerHours, VolunteerMatch
from crimeplan.cases.services.common import add_to_timeline, changed, save, today


def dbs_current(volunteer: Volunteer, on: date) -> bool:
    """Whether the volunteer's DBS check is less than ``DBS_VALID_YEARS`` old on the date."""
    checked = volunteer.dbs_checked_on
    return checked is not None and checked <= on < add_months(checked, 12 * DBS_VALID_YEARS)


@transaction.atomic
def add_volunteer(
    *,
    by: Any,
    organisation: Organisation,
    name: str,
    email: str = "",
    phone: str = "",
    dbs_checked_on: date | None = None,
    training: str = "",
    trained_on: date | None = None,
    domains: Iterable[NeedDomain] = (),
    is_example: bool = False,
) -> Volunteer:
    if dbs_checked_on and dbs_checked_on > today():
        raise ValidationError(
            {"dbs_checked_on": ValidationError("The DBS check date must be today or in the past", code="future")}
        )
    volunteer = Volunteer(
        organisation=organisation,
        name=name,
        email=email,
        phone=phone,
        dbs_checked_on=dbs_checked_on,
        training=training,
        trained_on=trained_on,
        is_example=is_example,
    )
    save(volunteer)
    volunteer.domains.set(domains)
    return volunteer


@transaction.atomic
def match_volunteer(*, case: Case, by: Any, volunteer: Volunteer, matched_on: date | None = None) -> VolunteerMatch:
    """Match a volunteer with a current DBS check and training to a case."""
    matched_on = matched_on or today()
    if not volunteer.is_active:
        raise ValidationError({"volunteer": ValidationError(f"{volunteer} is not active", code="inactive")})
    if not dbs_current(volunteer, matched_on):
        raise ValidationError(
            {
                "volunteer": ValidationError(
                    f"{volunteer} needs a DBS check from the last {DBS_VALID_YEARS} years before matching",
                    code="dbs_expired",
                )
            }
        )
    if not volunteer.trained_on:
        raise ValidationError(
            {"volunteer": ValidationError(f"{volunteer} needs to finish training before matching", code="untrained")}
        )
    if VolunteerMatch.objects.filter(case=case, volunteer=volunteer, ended_on__isnull=True).exists():
        raise ValidationError(
            {"volunteer": ValidationError(f"{volunteer} is already matched with this case", code="duplicate")}
        )
    match = VolunteerMatch(volunteer=volunteer, case=case, matched_on=matched_on, matched_by=by)
    save(match)
    add_to_timeline(case=case, by=by, kind=EntryKind.NOTE, summary=f"Matched with volunteer {volunteer}")
    changed(case=case, by=by, change="volunteer matched")
    return match


@transaction.atomic
def log_hours(
    *, volunteer: Volunteer, by: Any, worked_on: date, hours: Decimal, activity: str, case: Case | None = None
) -> VolunteerHours:
    if worked_on > today():
        raise ValidationError({"worked_on": ValidationError("The date must be today or in the past", code="future")})
    entry = VolunteerHours(
        volunteer=volunteer, case=case, worked_on=worked_on, hours=hours, activity=activity, recorded_by=by
    )
    save(entry)
    return entry


def suggested_volunteers(case: Case, volunteers: Iterable[Volunteer], on: date) -> list[tuple[Volunteer, int]]:
    """Volunteers who can be matched now, with how many of the case's needs they can help with, best first."""
    needs = set(case.needs.values_list("pk", flat=True))
    ranked = [
        (v, len(needs & {d.pk for d in v.domains.all()}))
        for v in volunteers
        if v.is_active and v.trained_on and dbs_current(v, on)
    ]
    return sorted(ranked, key=lambda pair: (-pair[1], pair[0].name))

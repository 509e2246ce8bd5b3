"""Recording a potential victim of modern slavery: an NRM referral or a Duty to Notify notification.

Children are always referred (the model refuses a notification for a child, and so does the database);
an adult is referred only with consent, else notified anonymously. A record linked to a group adds the
person to the group as a nominal with the role "victim (exploited)", under the record's handling code.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from crimeplan.audit.services import record_event
from crimeplan.core.permissions import check
from crimeplan.ocg.constants import Exploitation, HandlingCode, NrmRoute, Role
from crimeplan.ocg.events import SlaveryDecisionsRecorded, SlaveryRecorded
from crimeplan.ocg.models import ModernSlaveryRecord, Nominal, OrganisedCrimeGroup
from crimeplan.ocg.permissions import MANAGE


def _next_reference(on: date, is_example: bool) -> str:
    prefix = f"{'EX-' if is_example else ''}MS-{on.year}-"
    taken = ModernSlaveryRecord.objects.filter(reference__startswith=prefix).count()
    number = taken + 1
    while ModernSlaveryRecord.objects.filter(reference=f"{prefix}{number:04d}").exists():
        number += 1
    return f"{prefix}{number:04d}"


@transaction.atomic
def record_slavery(
    *,
    user: Any,
    is_child: bool,
    consent: bool,
    exploitation: list[str],
    referred_on: date,
    route: str | None = None,
    reasonable_grounds_on: date | None = None,
    conclusive_grounds_on: date | None = None,
    support_provider: str = "",
    group: OrganisedCrimeGroup | None = None,
    summary: str = "",
    handling_code: str = HandlingCode.OFFICIAL_SENSITIVE,
    need_to_know: str = "",
    is_example: bool = False,
) -> ModernSlaveryRecord:
    """Record the referral or notification; ``route`` defaults to what the law asks (child or consent → NRM)."""
    if user is not None:
        check(user, MANAGE)
    if route is None:
        route = NrmRoute.NRM if (is_child or consent) else NrmRoute.DUTY_TO_NOTIFY
    record = ModernSlaveryRecord(
        reference=_next_reference(referred_on, is_example),
        route=route,
        is_child=is_child,
        consent=consent and not is_child,
        exploitation=[e for e in Exploitation.values if e in exploitation] or [Exploitation.NOT_KNOWN],
        referred_on=referred_on,
        reasonable_grounds_on=reasonable_grounds_on,
        conclusive_grounds_on=conclusive_grounds_on,
        support_provider=support_provider,
        group=group,
        summary=summary,
        recorded_by=user.get_username() if user is not None else "",
        handling_code=handling_code,
        need_to_know=need_to_know,
        is_example=is_example,
    )
    record.full_clean()
    if group is not None:
        record.victim = Nominal.objects.create(
            group=group,
            reference=f"V-{record.reference}",
            role=Role.VICTIM,
            first_seen=referred_on,
            handling_code=handling_code,
            need_to_know=need_to_know,
            is_example=is_example,
        )
    record.save()
    record_event(
        SlaveryRecorded(reference=record.reference, route=record.route, is_child=is_child),
        actor=user,
        obj=record,
        purpose="modern slavery first responder",
    )
    return record


@transaction.atomic
def record_decisions(
    *,
    user: Any,
    record: ModernSlaveryRecord,
    reasonable_grounds_on: date | None,
    conclusive_grounds_on: date | None,
    support_provider: str = "",
) -> ModernSlaveryRecord:
    """The Single Competent Authority's decision dates as they come (referral, then reasonable, then conclusive)."""
    check(user, MANAGE)
    record.reasonable_grounds_on = reasonable_grounds_on
    record.conclusive_grounds_on = conclusive_grounds_on
    if support_provider:
        record.support_provider = support_provider
    record.full_clean()
    record.save()
    record_event(
        SlaveryDecisionsRecorded(reference=record.reference),
        actor=user,
        obj=record,
        purpose="modern slavery first responder",
    )
    return record

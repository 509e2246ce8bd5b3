"""Reads of reports, scoped by who is asking; every read of a report is audited with its purpose.

- holders of ``reporting.triage_reports`` (the office's hate-crime lead) see every report;
- a third-party reporting centre's staff see the reports their centre made;
- a victim service sees only the reports referred to it; a police force those passed to the police.
A report someone may not see is a 404 that says nothing more.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from crimeplan.accounts.constants import OrganisationKind
from crimeplan.audit.services import record_event
from crimeplan.core.permissions import has_permissions
from crimeplan.reporting.constants import DUPLICATE_WINDOW_DAYS, Status
from crimeplan.reporting.events import HateReportsListed, HateReportViewed
from crimeplan.reporting.models import Centre, Report, Strand
from crimeplan.reporting.services.codes import normalise

TRIAGE = "reporting.triage_reports"


def visible_reports(user: Any) -> QuerySet[Report]:
    """The reports ``user`` may see (none for an anonymous visitor)."""
    reports = Report.objects.filter(withdrawn_at__isnull=True)
    if has_permissions(user, (TRIAGE,)):
        return reports
    organisation = getattr(user, "organisation", None)
    if not getattr(user, "is_authenticated", False) or organisation is None or not user.is_active:
        return reports.none()
    scope = Q(centre__organisation=organisation) | Q(referred_to=organisation)
    if organisation.kind == OrganisationKind.POLICE:
        scope |= Q(passed_to_police_at__isnull=False)
    return reports.filter(scope)


def basis(user: Any, report: Report) -> str:
    """On what basis ``user`` sees ``report`` (for the audit record)."""
    if has_permissions(user, (TRIAGE,)):
        return "triage"
    organisation = getattr(user, "organisation", None)
    if report.centre_id and report.centre and report.centre.organisation_id == getattr(organisation, "pk", None):
        return "made by this centre"
    if report.referred_to_id == getattr(organisation, "pk", None):
        return "referred to this service"
    return "passed to the police"


def report_for(user: Any, pk: int, *, purpose: str, via: str = "page", request: HttpRequest | None = None) -> Report:
    """One report ``user`` may see, with the read audited; 404 otherwise."""
    report = visible_reports(user).select_related("centre__organisation", "referred_to").filter(pk=pk).first()
    if report is None:
        raise Http404("No such report")
    record_event(
        HateReportViewed(report=report.pk, basis=basis(user, report), via=via),
        actor=user,
        request=request,
        obj=report,
        purpose=purpose,
    )
    return report


def listed(user: Any, reports: list[Report], *, via: str, request: HttpRequest | None = None) -> list[Report]:
    record_event(HateReportsListed(rows=len(reports), via=via), actor=user, request=request, purpose="Triage queue")
    return reports


def report_by_code(code: str) -> Report | None:
    """The report a tracking code opens, or None for a wrong code and a withdrawn report alike."""
    normalised = normalise(code)
    if not normalised:
        return None
    return Report.objects.filter(tracking_code=normalised, withdrawn_at__isnull=True).first()


def public_updates(report: Report) -> list[dict[str, Any]]:
    """What the reporter sees: status changes and staff messages, never staff notes or other people's details."""
    return [
        {"at": u.at, "kind": u.kind, "status": u.status, "status_label": u.get_status_display(), "text": u.text}
        for u in report.updates.filter(is_public=True).order_by("at", "pk")
    ]


def active_strands() -> QuerySet[Strand]:
    return Strand.objects.filter(is_active=True)


def centre_of(user: Any) -> Centre | None:
    """The reporting centre ``user`` works for, if any (charity or other organisations only)."""
    organisation = getattr(user, "organisation", None)
    if organisation is None or organisation.kind not in (OrganisationKind.CHARITY, OrganisationKind.OTHER):
        return None
    return Centre.objects.filter(organisation=organisation, is_active=True).first()


def risk_flags(report: Report) -> list[str]:
    """Why a report may need to be looked at first."""
    flags = [
        ("repeat victim", report.repeat_victim),
        ("vulnerability", report.vulnerable),
        ("ongoing threat", report.ongoing_threat),
        ("online", report.is_online),
    ]
    return [name for name, raised in flags if raised]


def likely_duplicates(report: Report) -> list[Report]:
    """Other reports about the same place within a few days, or naming the same contact."""
    window = dt.timedelta(days=DUPLICATE_WINDOW_DAYS)
    near = Q(occurred_on__range=(report.occurred_on - window, report.occurred_on + window)) & (
        (Q(postcode=report.postcode) & ~Q(postcode=""))
        | (Q(lsoa_code=report.lsoa_code) & ~Q(lsoa_code=""))
        | (Q(online_platform__iexact=report.online_platform) & ~Q(online_platform=""))
    )
    same_person = (Q(email__iexact=report.email) & ~Q(email="")) | (Q(phone=report.phone) & ~Q(phone=""))
    others = Report.objects.filter(withdrawn_at__isnull=True).exclude(pk=report.pk)
    return list(others.filter(near | same_person).order_by("-created_at")[:10])


def queue(user: Any, *, status: str = "", request: HttpRequest | None = None) -> list[dict[str, Any]]:
    """Open reports ``user`` may see, riskiest first, then oldest; the read is audited."""
    reports = visible_reports(user).exclude(status=Status.CLOSED).prefetch_related("strands")
    if status:
        reports = reports.filter(status=status)
    rows: list[dict[str, Any]] = [
        {"report": r, "flags": risk_flags(r), "duplicates": len(likely_duplicates(r))} for r in reports[:200]
    ]
    rows.sort(key=lambda row: (-len(row["flags"]), row["report"].created_at))
    listed(user, [row["report"] for row in rows], via="page", request=request)
    return rows


def centre_dashboard(centre: Centre) -> dict[str, Any]:
    """A centre's oversight figures: reports made, referrals, median days to triage, feedback given."""
    reports = Report.objects.filter(centre=centre, is_example=centre.is_example)
    made = reports.count()
    waits = sorted(
        (r.triaged_at - r.created_at).total_seconds() / 86400
        for r in reports.filter(triaged_at__isnull=False).only("created_at", "triaged_at")
        if r.triaged_at is not None
    )
    told = reports.filter(updates__is_public=True, updates__by__isnull=False).distinct().count()
    return {
        "made": made,
        "to_police": reports.filter(passed_to_police_at__isnull=False).count(),
        "to_support": reports.filter(referred_at__isnull=False).count(),
        "median_days_to_triage": round(waits[len(waits) // 2], 1) if waits else None,
        "triaged": len(waits),
        "feedback": told,
        "staff": list(centre.staff.all()),
    }

"""Reads of reports, scoped by who is asking; every read of a report is audited with its purpose.

- holders of ``reporting.triage_reports`` (the office's hate-crime lead) see every report;
- a third-party reporting centre's staff see the reports their centre made;
- a victim service sees only the reports referred to it; a police force those passed to the police.
A report someone may not see is a 404 that says nothing more.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from crimeplan.accounts.constants import OrganisationKind
from crimeplan.audit.services import record_event
from crimeplan.core.permissions import has_permissions
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
        {"at": u.at, "kind": u.kind, "status": u.status, "text": u.text}
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

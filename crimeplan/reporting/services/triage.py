"""Staff triage: status changes the reporter sees, messages, and routing by the reporter's consent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from crimeplan.accounts.models import Organisation
from crimeplan.audit.services import record_event
from crimeplan.core.permissions import check
from crimeplan.grants.selectors import commissioned_services
from crimeplan.reporting.constants import RETENTION_DAYS, UPDATE_MAX, Status, UpdateKind
from crimeplan.reporting.events import HateReportReferred
from crimeplan.reporting.models import Report, ReportUpdate
from crimeplan.reporting.permissions import TRIAGE
from crimeplan.reporting.services.common import save, set_status


def _locked(report: Report) -> Report:
    return Report.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def change_status(*, user: Any, report: Report, status: str, text: str = "", outcome: str = "") -> Report:
    """Move a report on; closing needs an outcome in plain words, which the reporter sees."""
    check(user, TRIAGE)
    report = _locked(report)
    if status not in Status.values:
        raise ValidationError({"status": ValidationError(f"Choose one of {', '.join(Status.values)}.", code="status")})
    if status == Status.CLOSED:
        if not outcome.strip():
            raise ValidationError({"outcome": ValidationError("Say what the outcome was.", code="required")})
        report.outcome = outcome.strip()
        report.delete_after = timezone.localdate() + dt.timedelta(days=RETENTION_DAYS)
    set_status(report, user=user, status=status, text=text)
    return report


@transaction.atomic
def set_area(*, user: Any, report: Report, local_authority_code: str) -> Report:
    """Place a report in a local authority (a postcode alone is not looked up), so area figures count it."""
    check(user, TRIAGE)
    report = _locked(report)
    report.local_authority_code = local_authority_code
    save(report)
    return report


@transaction.atomic
def send_message(*, user: Any, report: Report, text: str) -> ReportUpdate:
    """A message the reporter reads on the tracking page."""
    check(user, TRIAGE)
    text = text.strip()
    if not text or len(text) > UPDATE_MAX:
        message = f"Write a message of 1 to {UPDATE_MAX:,} characters."
        raise ValidationError({"text": ValidationError(message, code="length")})
    update = ReportUpdate(report=report, kind=UpdateKind.MESSAGE, text=text, by=user)
    save(update)
    return update


@transaction.atomic
def pass_to_police(*, user: Any, report: Report, police_reference: str = "") -> Report:
    """Record that the package went to the police (only with consent); their reference can follow later."""
    check(user, TRIAGE)
    report = _locked(report)
    if not report.consent_police:
        raise ValidationError("The reporter did not agree to this going to the police.", code="no_consent")
    report.police_reference = police_reference.strip()[:40] or report.police_reference
    first_time = report.passed_to_police_at is None
    report.passed_to_police_at = report.passed_to_police_at or timezone.now()
    if first_time or report.status != Status.PASSED_TO_POLICE:
        text = f"Police reference {report.police_reference}." if report.police_reference else ""
        set_status(report, user=user, status=Status.PASSED_TO_POLICE, text=text)
    else:
        save(report)
    record_event(
        HateReportReferred(report=report.pk, to="police", reference=report.police_reference),
        actor=user,
        obj=report,
        purpose="Passing a report to the police with consent",
    )
    return report


@transaction.atomic
def refer_to_support(*, user: Any, report: Report, service_reference: str) -> Report:
    """Refer to a commissioned victim service (only with consent); that service's staff then see the report."""
    check(user, TRIAGE)
    report = _locked(report)
    if not report.consent_support:
        raise ValidationError("The reporter did not agree to a referral to support.", code="no_consent")
    contract = commissioned_services().filter(reference=service_reference).first()
    if contract is None:
        raise ValidationError(
            {"service": ValidationError("Choose a commissioned service running now.", code="service")}
        )
    provider = Organisation.objects.filter(name=contract.provider, is_active=True).first()
    if provider is None:
        message = f"{contract.provider} has no organisation on crimeplan yet: add it, with its staff, first."
        raise ValidationError({"service": ValidationError(message, code="no_organisation")})
    report.referred_to, report.service_reference, report.referred_at = provider, contract.reference, timezone.now()
    set_status(report, user=user, status=Status.REFERRED_TO_SUPPORT, text=f"{contract.provider} will contact you.")
    record_event(
        HateReportReferred(report=report.pk, to=provider.name, reference=contract.reference),
        actor=user,
        obj=report,
        purpose="Referral to victim support with consent",
    )
    return report

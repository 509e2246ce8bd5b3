"""Making a report (public form, centre, API) and the reporter's own follow-up by tracking code."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from crimeplan.analytics.vocabulary import LSOA_CODE
from crimeplan.audit.services import record_event
from crimeplan.geography.selectors import local_authority_code_of
from crimeplan.reporting.constants import DESCRIPTION_MAX, UPDATE_MAX, IncidentKind, Reporter, UpdateKind, Via
from crimeplan.reporting.events import HateReportFollowedUp, HateReportMade
from crimeplan.reporting.models import Centre, Report, ReportUpdate, Strand
from crimeplan.reporting.services.codes import display, new_code
from crimeplan.reporting.services.common import acting, save

POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")
PHONE = re.compile(r"^\+?[0-9 ()-]{7,20}$")
EARLIEST = dt.date(2000, 1, 1)


@dataclass
class ReportDetails:
    """What a reporter tells us, however it arrives; ``validate`` says what is wrong, field by field."""

    reporter: str
    description: str
    occurred_on: dt.date
    strands: list[str]
    postcode: str = ""
    lsoa_code: str = ""
    online_platform: str = ""
    consent_police: bool = False
    consent_support: bool = False
    email: str = ""
    phone: str = ""
    contact_name: str = ""
    incident_kind: str = IncidentKind.NOT_SURE
    offender: str = ""
    victim_consented: bool = False
    repeat_victim: bool = False
    vulnerable: bool = False
    ongoing_threat: bool = False
    errors: dict[str, ValidationError] = field(default_factory=dict, repr=False)

    def validate(self) -> None:
        """Tidy the answers and raise one ``ValidationError`` naming every field that is wrong."""
        self.errors = {}
        self.postcode = " ".join(self.postcode.upper().split())
        self.lsoa_code = self.lsoa_code.strip().upper()
        self.online_platform = self.online_platform.strip()
        self.email, self.phone = self.email.strip(), self.phone.strip()
        self._check_who()
        self._check_what()
        self._check_where()
        self._check_strands()
        self._check_contact()
        if self.errors:
            raise ValidationError(self.errors)

    def _fail(self, name: str, message: str, code: str) -> None:
        self.errors.setdefault(name, ValidationError(message, code=code))

    def _check_who(self) -> None:
        if self.reporter not in Reporter.values:
            self._fail("reporter", f"Say who is reporting: one of {', '.join(Reporter.values)}.", "reporter")
        if self.incident_kind not in IncidentKind.values:
            allowed = ", ".join(IncidentKind.values)
            self._fail("incident_kind", f"Say whether it was a crime: one of {allowed}.", "incident_kind")

    def _check_what(self) -> None:
        if not self.description.strip():
            self._fail("description", "Describe what happened.", "required")
        elif len(self.description) > DESCRIPTION_MAX:
            self._fail("description", f"Describe what happened in {DESCRIPTION_MAX:,} characters or fewer.", "long")
        if len(self.offender) > 1000:
            self._fail("offender", "Describe the person responsible in 1,000 characters or fewer.", "long")
        today = timezone.localdate()
        if self.occurred_on > today:
            self._fail("occurred_on", "The date it happened must be today or in the past.", "future")
        elif self.occurred_on < EARLIEST:
            self._fail("occurred_on", "The date it happened must be in 2000 or later.", "too_old")

    def _check_where(self) -> None:
        given = [name for name in ("postcode", "lsoa_code", "online_platform") if getattr(self, name)]
        if len(given) != 1:
            message = "Say where it happened with one of: postcode, lsoa_code or online_platform."
            self._fail("location", message, "location")
        elif self.postcode and not POSTCODE.match(self.postcode):
            self._fail("location", "Enter a full UK postcode, like PR1 2AB.", "postcode")
        elif self.lsoa_code and not re.match(LSOA_CODE, self.lsoa_code):
            self._fail("location", "An LSOA code is E01 or W01 and six digits, like E01012345.", "lsoa_code")
        elif len(self.online_platform) > 100:
            self._fail("location", "Name the website or app in 100 characters or fewer.", "long")

    def _check_strands(self) -> None:
        known = dict(Strand.objects.filter(is_active=True).values_list("slug", "pk"))
        unknown = sorted({s for s in self.strands if s not in known})
        if not self.strands or unknown:
            allowed = ", ".join(known)
            start = f"Unknown strands {', '.join(unknown)}: use" if unknown else "Choose at least one of"
            self._fail("strands", f"{start} {allowed}.", "strands")

    def _check_contact(self) -> None:
        if self.email:
            try:
                validate_email(self.email)
            except ValidationError:
                self._fail("contact", "Enter an email address like name@example.com.", "email")
        if self.phone and not PHONE.match(self.phone):
            self._fail("contact", "Enter a phone number, like 01772 123456 or +44 7700 900123.", "phone")
        if len(self.contact_name) > 120:
            self._fail("contact_name", "Enter a name of 120 characters or fewer.", "long")


def _new_report(details: ReportDetails, **extra: Any) -> Report:
    fields = {name: getattr(details, name) for name in vars(details) if name not in ("strands", "errors")}
    report = Report(**fields, **extra)
    report.local_authority_code = local_authority_code_of(details.lsoa_code) if details.lsoa_code else ""
    for _ in range(5):
        report.tracking_code = new_code()
        try:
            with transaction.atomic():
                save(report)
            return report
        except IntegrityError:  # a repeated code: draw another
            report.pk = None
    raise RuntimeError("could not draw an unused tracking code")


@transaction.atomic
def make_report(
    *, user: Any, details: ReportDetails, via: str = Via.PUBLIC, centre: Centre | None = None, is_example: bool = False
) -> Report:
    """A new report in the ``received`` status, with a tracking code; confirms by email when one is given."""
    details.validate()
    if centre is not None and details.reporter == Reporter.THIRD_PARTY and not details.victim_consented:
        raise ValidationError(
            {"victim_consented": ValidationError("Record that the person agreed to this report.", code="consent")}
        )
    report = _new_report(details, via=via, centre=centre, submitted_by=acting(user), is_example=is_example)
    report.strands.set(Strand.objects.filter(slug__in=details.strands))
    save(ReportUpdate(report=report, kind=UpdateKind.STATUS, status=report.status, text="We have your report."))
    record_event(
        HateReportMade(report=report.pk, via=via, centre=str(centre or "")),
        actor=acting(user),
        obj=report,
        purpose="Hate-crime report received",
    )
    if report.email:
        transaction.on_commit(lambda: confirm(report))
    return report


def confirm(report: Report) -> None:
    """The confirmation email, through the project's mail backend (GOV.UK Notify in production)."""
    body = (
        "Thank you for reporting. We have your report.\n\n"
        f"Your tracking code is {display(report.tracking_code)}. Keep it safe: use it on the tracking page to see "
        "what is happening, add information or withdraw your consent.\n\n"
        "If you are in danger now, call 999."
    )
    send_mail("Your hate crime report", body, None, [report.email], fail_silently=True)


@transaction.atomic
def add_information(*, report: Report, text: str) -> ReportUpdate:
    """The reporter adds something; staff see it in the report's history."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": ValidationError("Enter what you want to add.", code="required")})
    if len(text) > UPDATE_MAX:
        message = f"Enter {UPDATE_MAX:,} characters or fewer."
        raise ValidationError({"text": ValidationError(message, code="long")})
    update = ReportUpdate(report=report, kind=UpdateKind.REPORTER, text=text)
    save(update)
    record_event(HateReportFollowedUp(report=report.pk, action="added"), obj=report, purpose="Reporter follow-up")
    return update


@transaction.atomic
def withdraw_consent(*, report: Report, what: str) -> Report:
    """``police`` or ``support`` withdraws that consent; ``report`` withdraws the whole report (code stops working)."""
    if what not in ("police", "support", "report"):
        raise ValidationError({"what": ValidationError("Choose police, support or report.", code="choice")})
    if what == "report":
        report.withdrawn_at = timezone.now()
        report.delete_after = timezone.localdate()
    else:
        setattr(report, f"consent_{what}", False)
    save(report)
    text = {
        "police": "You withdrew consent to pass this to the police.",
        "support": "You withdrew consent to refer you to support.",
    }
    save(ReportUpdate(report=report, kind=UpdateKind.CONSENT, text=text.get(what, "You withdrew this report.")))
    record_event(
        HateReportFollowedUp(report=report.pk, action=f"withdrew {what}"), obj=report, purpose="Reporter follow-up"
    )
    return report

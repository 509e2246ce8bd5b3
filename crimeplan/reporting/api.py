"""API for hate-crime reports: centres' own systems and the public form's JSON twin.

``POST /api/reports/hate`` takes a report from a third-party reporting centre's system
(``Authorization: Bearer cpk_...``, a key made with ``crimeplan cases apikey create`` for the
centre's organisation, see ADR 0006) or from anyone without a key (rate-limited). ``GET
/api/reports/track/{code}`` is public: it answers the status and the public updates only, and a
wrong code and a withdrawn report get the same 404; the 16th wrong code in a minute from one
client is refused with 429.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as RequestInvalid
from ninja.security import HttpBearer

from crimeplan.cases.selectors.apikeys import account_for_key
from crimeplan.core import ratelimit
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.permissions import SIGNED_IN, api_signed_in, public
from crimeplan.reporting.constants import DESCRIPTION_MAX, REPORTS_PER_HOUR, WRONG_CODES_PER_MINUTE, Reporter, Via
from crimeplan.reporting.models import Report
from crimeplan.reporting.selectors import centre_of, listed, public_updates, report_by_code, visible_reports
from crimeplan.reporting.services.reports import ReportDetails, make_report

router = Router(tags=["hate crime reporting"])


class CentreKey(HttpBearer):
    """``Authorization: Bearer <key>``: a wrong key is refused (401), never taken as anonymous."""

    openapi_description = "A reporting centre's API key: `Authorization: Bearer cpk_...`"
    access_rule = SIGNED_IN  # a centre's service account, scoped by the selectors like staff

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        account = account_for_key(token)
        if account is None:
            raise AuthenticationError()
        return account


def anonymous(request: HttpRequest) -> Any:
    """No key: the public form's JSON twin (documented as public)."""
    return AnonymousUser()


class LocationIn(Schema):
    postcode: str | None = Field(None, max_length=10, description="a UK postcode, e.g. PR1 2AB")
    lsoa_code: str | None = Field(None, max_length=9, description="an LSOA 2011 code, e.g. E01012345")
    online_platform: str | None = Field(None, max_length=100, description="the website or app, when online")


class ConsentIn(Schema):
    police: bool = Field(..., description="may the report be passed to the police")
    support: bool = Field(..., description="may the reporter be referred to victim support")


class ContactIn(Schema):
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=30)


class HateReportIn(Schema):
    reporter: Reporter = Field(..., description="victim, witness or third_party")
    description: str = Field(..., max_length=DESCRIPTION_MAX)
    occurred_on: str = Field(..., description="YYYY-MM-DD, today or earlier", max_length=10)
    location: LocationIn = Field(..., description="exactly one of postcode, lsoa_code or online_platform")
    strands: list[str] = Field(
        ..., description="disability, race, religion, sexual_orientation, transgender or a local slug", max_length=20
    )
    consent: ConsentIn
    contact: ContactIn | None = None
    victim_consented: bool = Field(False, description="for third_party reports: the person agreed")


class TrackingOut(Schema):
    tracking_code: str


class UpdateOut(Schema):
    at: dt.datetime
    kind: str
    status: str
    text: str


class TrackOut(Schema):
    status: str
    updates: list[UpdateOut]


class ReportRow(Schema):
    id: int
    tracking_code: str
    status: str
    created_at: dt.datetime
    police_reference: str
    referred: bool


def _invalid(errors: dict[str, list[str]]) -> RequestInvalid:
    return RequestInvalid(
        [
            {"type": "value_error", "loc": ["body", "payload", name], "msg": " ".join(msgs)}
            for name, msgs in errors.items()
        ]
    )


def _details(payload: HateReportIn) -> ReportDetails:
    try:
        occurred_on = dt.date.fromisoformat(payload.occurred_on)
    except ValueError:
        raise _invalid({"occurred_on": ["Give the date it happened as YYYY-MM-DD, e.g. 2025-10-14."]}) from None
    where, contact = payload.location, payload.contact or ContactIn(email=None, phone=None)
    return ReportDetails(
        reporter=payload.reporter.value,
        description=payload.description,
        occurred_on=occurred_on,
        strands=list(payload.strands),
        postcode=where.postcode or "",
        lsoa_code=where.lsoa_code or "",
        online_platform=where.online_platform or "",
        consent_police=payload.consent.police,
        consent_support=payload.consent.support,
        email=contact.email or "",
        phone=contact.phone or "",
        victim_consented=payload.victim_consented,
    )


@router.post(
    "/reports/hate",
    response={201: TrackingOut},
    auth=[CentreKey(), api_signed_in, anonymous],
    summary="Report a hate crime or hate incident",
)
@public
def report_hate(request: HttpRequest, payload: HateReportIn) -> Status[dict[str, str]]:
    """A new report in the ``received`` status. With a centre's key it is the centre's report; without a key
    it is anonymous and limited to a few reports an hour from one client. Errors are 422, one message per field."""
    user = request.auth  # type: ignore[attr-defined]
    centre = centre_of(user)
    if user.is_authenticated and centre is None:
        raise ApplicationError("This key's organisation is not a registered reporting centre.", status=403)
    if centre is None and not ratelimit.hit(
        "hate-report", ratelimit.client_address(request), times=REPORTS_PER_HOUR, per_s=3600
    ):
        raise HttpError(429, "Too many reports from here: try again in an hour, or call 101.")
    details = _details(payload)
    try:
        report = make_report(user=user, details=details, via=Via.API, centre=centre)
    except ValidationError as exc:
        raise _invalid(exc.message_dict) from None
    return Status(201, {"tracking_code": report.tracking_code})


@router.get("/reports/hate", response=list[ReportRow], auth=[CentreKey(), api_signed_in], summary="Your reports")
def my_reports(request: HttpRequest) -> list[dict[str, Any]]:
    """The reports the key's centre made (or, for staff, those their role lets them see); newest first, 100 at most."""
    reports = list(visible_reports(request.auth)[:100])  # type: ignore[attr-defined]
    listed(request.auth, reports, via="api", request=request)  # type: ignore[attr-defined]
    return [_row(r) for r in reports]


def _row(report: Report) -> dict[str, Any]:
    return {
        "id": report.pk,
        "tracking_code": report.tracking_code,
        "status": report.status,
        "created_at": report.created_at,
        "police_reference": report.police_reference,
        "referred": report.referred_to_id is not None,
    }


@router.get("/reports/track/{code}", response=TrackOut, auth=None, summary="Follow a report by its tracking code")
@public
def track(request: HttpRequest, code: str) -> dict[str, Any]:
    """Public. The status and public updates only, never the description or anyone's details. A wrong code and a
    withdrawn report both answer 404; after 15 wrong codes in a minute from one client, 429."""
    who = ratelimit.client_address(request)
    if ratelimit.exceeded("hate-track", who, times=WRONG_CODES_PER_MINUTE):
        raise HttpError(429, "Too many wrong codes: wait a minute and check the code.")
    report = report_by_code(code[:40])
    if report is None:
        if not ratelimit.hit("hate-track", who, times=WRONG_CODES_PER_MINUTE, per_s=60):
            raise HttpError(429, "Too many wrong codes: wait a minute and check the code.")
        raise HttpError(404, "No report has this tracking code.")
    return {"status": report.status, "updates": public_updates(report)}

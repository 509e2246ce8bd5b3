"""The hate-crime reporting audit vocabulary. Reads of a report carry their purpose.

Registered in ``crimeplan.audit.events.EVENTS`` when first imported; ``docs/audit.md`` lists every event.
"""

from __future__ import annotations

import dataclasses

from crimeplan.audit.events import Event


@dataclasses.dataclass(frozen=True, kw_only=True)
class HateReportMade(Event):
    """A hate-crime report arrived (public form, a centre, or the API)."""

    name = "hate_report_made"
    report: int
    via: str
    centre: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class HateReportViewed(Event):
    """Someone read a hate-crime report; the purpose says why and on what basis."""

    name = "hate_report_viewed"
    report: int
    basis: str
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class HateReportsListed(Event):
    """Someone read a list of hate-crime reports (the triage queue or a centre's list)."""

    name = "hate_reports_listed"
    rows: int
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class HateReportStatusChanged(Event):
    """A report's status changed (the reporter sees it on the tracking page)."""

    name = "hate_report_status_changed"
    report: int
    from_status: str
    to_status: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class HateReportReferred(Event):
    """A report was passed to the police or referred to a commissioned victim service, by consent."""

    name = "hate_report_referred"
    report: int
    to: str
    reference: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class HateReportExported(Event):
    """A referral package (CSV or JSON) of a report was downloaded for the police."""

    name = "hate_report_exported"
    report: int
    format: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class HateReportFollowedUp(Event):
    """The reporter, with the tracking code, added information or withdrew consent."""

    name = "hate_report_followed_up"
    report: int
    action: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class HateReportsDeleted(Event):
    """Reports past their retention date were deleted on schedule."""

    name = "hate_reports_deleted"
    count: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class CentreRegistered(Event):
    """A third-party reporting centre was registered or its details changed."""

    name = "reporting_centre_registered"
    centre: str

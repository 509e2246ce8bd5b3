"""The audit vocabulary: every kind of event crimeplan records, one dataclass each.

An event's fields are what is stored in the audit record's ``data``; its
docstring says when it is recorded. ``docs/audit.md`` lists every event (a
test checks that none is missing).
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

EVENTS: dict[str, type[Event]] = {}


@dataclasses.dataclass(frozen=True, kw_only=True)
class Event:
    name: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.name in EVENTS:
            raise ValueError(f"audit event {cls.name!r} is declared twice")
        EVENTS[cls.name] = cls

    def data(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True, kw_only=True)
class SignedIn(Event):
    """A user signed in."""

    name = "signed_in"


@dataclasses.dataclass(frozen=True, kw_only=True)
class SignedOut(Event):
    """A user signed out."""

    name = "signed_out"


@dataclasses.dataclass(frozen=True, kw_only=True)
class SignInFailed(Event):
    """Someone tried to sign in with a wrong username or password."""

    name = "sign_in_failed"
    username: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class GeographyLoaded(Event):
    """Reference geography files were loaded into the database and the store."""

    name = "geography_loaded"
    files: list[str]
    lsoas: int
    boundaries: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class ImportStored(Event):
    """A police.uk file was imported and replaced its force-month in the store."""

    name = "import_stored"
    file: str
    kind: str
    force: str
    month: str
    rows_read: int
    rows_stored: int
    rows_rejected: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class ImportFailed(Event):
    """A police.uk file could not be read at all; the store kept what it had."""

    name = "import_failed"
    file: str
    reason: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class StoreQueried(Event):
    """An analyst ran their own SQL against the crime store."""

    name = "store_queried"
    sql: str
    rows: int
    truncated: bool


@dataclasses.dataclass(frozen=True, kw_only=True)
class DataExported(Event):
    """Data left crimeplan as a file or an API response meant for download."""

    name = "data_exported"
    what: str
    format: str
    rows: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class FigureEntered(Event):
    """Staff entered (or replaced) a figure for a plan measure."""

    name = "figure_entered"
    measure: str
    first_month: str
    last_month: str
    value: str
    previous: str | None
    source: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class HotspotEvaluationRecorded(Event):
    """A rolling-origin evaluation of hotspot methods was run and its scores saved."""

    name = "hotspot_evaluation_recorded"
    run: int
    force: str
    crime_type: str
    test_months: list[str]
    methods: list[str]
    chosen_method: str


# -- grants --------------------------------------------------------------------
@dataclasses.dataclass(frozen=True, kw_only=True)
class ApplicationStarted(Event):
    """Someone started an application to a grant round and was sent a link to return to it."""

    name = "application_started"
    round: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ApplicationRefused(Event):
    """An applicant tried to submit an application that broke eligibility rules; it stays a draft."""

    name = "application_refused"
    reasons: list[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class ApplicationSubmitted(Event):
    """An eligible application was submitted and given its reference number."""

    name = "application_submitted"
    reference: str
    requested: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ApplicationViewed(Event):
    """Staff opened an application, which holds the applicant's contact details (personal data)."""

    name = "application_viewed"
    reference: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class InterestDeclared(Event):
    """An assessor declared whether they have a conflict of interest in an application."""

    name = "interest_declared"
    reference: str
    conflict: bool
    details: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class AssessmentSubmitted(Event):
    """An assessor scored an application against the fund's criteria."""

    name = "assessment_submitted"
    reference: str
    scores: dict[str, int]
    weighted_score: str
    recommendation: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ApplicationModerated(Event):
    """A moderator settled an application's score from the assessors' scores."""

    name = "application_moderated"
    reference: str
    assessor_scores: list[str]
    moderated_score: str
    note: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class DecisionRecorded(Event):
    """The panel's decision on an application was recorded, with reasons and conditions."""

    name = "decision_recorded"
    reference: str
    outcome: str
    amount: str | None
    reasons: str
    conditions: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class AwardMade(Event):
    """Money was committed to an applicant from a fund (the fund's budget was checked under a lock)."""

    name = "award_made"
    reference: str
    fund: str
    amount: str
    fund_awarded_total: str
    fund_budget: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class PaymentsScheduled(Event):
    """A payment schedule was set for an award."""

    name = "payments_scheduled"
    reference: str
    instalments: list[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class PaymentRecorded(Event):
    """A payment to a grantee was recorded as made."""

    name = "payment_recorded"
    reference: str
    amount: str
    paid_on: str
    payment_reference: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReturnRecorded(Event):
    """A grantee's monitoring return (interim or final) was recorded."""

    name = "return_recorded"
    reference: str
    kind: str
    spend: str | None


@dataclasses.dataclass(frozen=True, kw_only=True)
class AllocationDecided(Event):
    """The CSP allocation under a set of weights was saved as a dated decision record."""

    name = "allocation_decided"
    title: str
    total: int
    weights: dict[str, float]


@dataclasses.dataclass(frozen=True, kw_only=True)
class PerformanceReturnEntered(Event):
    """A commissioned service's quarterly performance figures were entered."""

    name = "performance_return_entered"
    contract: str
    quarter: str
    in_treatment: int
    successful_completions: int
    cjs_referrals: int

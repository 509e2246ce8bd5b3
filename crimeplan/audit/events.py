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


# --- Case work (crimeplan.cases). Records of people carry the purpose in the audit record. ---


@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseReferred(Event):
    """A person was referred and a case made (by a partner, the public form, a partner system or an ASB trigger)."""

    name = "case_referred"
    reference: str
    programme: str
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


# -- cases ---------------------------------------------------------------------
@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseViewed(Event):
    """Someone read a case (page, PDF or API); the purpose says on what basis they may see it."""

    name = "case_viewed"
    reference: str
    basis: str
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class CasesListed(Event):
    """Someone read a list of cases (names, programmes and statuses)."""

    name = "cases_listed"
    rows: int
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseAccessRefused(Event):
    """Someone asked for a case their organisation may not see (they were told it was not found)."""

    name = "case_access_refused"
    reference: str
    via: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseChanged(Event):
    """Something was added to or changed in a case (contact, note, needs, plan, intervention, outcome, team)."""

    name = "case_changed"
    reference: str
    change: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseStatusChanged(Event):
    """A case moved along the status workflow."""

    name = "case_status_changed"
    reference: str
    from_status: str
    to_status: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ConsentRecorded(Event):
    """A person's consent to sharing under an agreement was recorded as given or withdrawn."""

    name = "consent_recorded"
    reference: str
    agreement: str
    status: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class LawfulExceptionRecorded(Event):
    """A case was opened to an agreement's parties without consent, for a recorded lawful reason."""

    name = "lawful_exception_recorded"
    reference: str
    agreement: str
    expires_on: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class AgreementRecorded(Event):
    """An information sharing agreement was recorded."""

    name = "agreement_recorded"
    title: str
    legal_gateway: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class PeopleSearched(Event):
    """A data protection officer searched people by name to answer a request about one of them."""

    name = "people_searched"
    rows: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class PersonViewed(Event):
    """Someone opened a person's page (to export or correct their record)."""

    name = "person_viewed"


@dataclasses.dataclass(frozen=True, kw_only=True)
class PersonRectified(Event):
    """A person's record was corrected; the fields are named, their values are not kept."""

    name = "person_rectified"
    fields: list[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class SubjectAccessExported(Event):
    """Everything held about a person was exported for a subject access request."""

    name = "subject_access_exported"
    format: str
    cases: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseDeleted(Event):
    """A case past its programme's retention period was deleted (this record outlives it)."""

    name = "case_deleted"
    reference: str
    programme: str
    finished_on: str
    retention_months: int
    person_deleted: bool


@dataclasses.dataclass(frozen=True, kw_only=True)
class AsbIncidentsDeleted(Event):
    """ASB incidents that never reached a review were deleted after the ASB programme's retention period."""

    name = "asb_incidents_deleted"
    incidents: int
    reported_before: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class CohortViewed(Event):
    """Someone read a reoffending cohort's members and their proven offences."""

    name = "cohort_viewed"
    cohort: str
    members: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class CohortMemberAdded(Event):
    """A person was added to a reoffending cohort with their OGRS3 inputs."""

    name = "cohort_member_added"
    cohort: str
    reference: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class OffencesRecorded(Event):
    """Proven offences were entered or imported for a cohort (imports reconcile read = stored + rejected)."""

    name = "offences_recorded"
    cohort: str
    source: str
    rows_read: int
    rows_stored: int
    rows_rejected: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class BoardReportViewed(Event):
    """The Reducing Reoffending Board report (aggregates) was viewed or downloaded."""

    name = "board_report_viewed"
    programme: str
    format: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class AsbIncidentRecorded(Event):
    """An anti-social behaviour complaint was recorded against a victim and an address."""

    name = "asb_incident_recorded"
    review_raised: bool


@dataclasses.dataclass(frozen=True, kw_only=True)
class AsbIncidentsListed(Event):
    """Someone read the list of ASB complaints their agency recorded."""

    name = "asb_incidents_listed"
    rows: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class AsbReviewRaised(Event):
    """Complaints reached the ASB case review threshold and a review was raised."""

    name = "asb_review_raised"
    reference: str
    incidents: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class ApiKeyCreated(Event):
    """A partner system's API key was made (only its hash is kept)."""

    name = "api_key_created"
    key_name: str
    prefix: str
    organisation: str


@dataclasses.dataclass(frozen=True, kw_only=True)
class ApiKeyRevoked(Event):
    """A partner system's API key was revoked."""

    name = "api_key_revoked"
    prefix: str

"""The case work audit vocabulary. Records of people carry the purpose in the audit record.

Registered in the audit vocabulary (``crimeplan.audit.events.EVENTS``) when first
imported; ``docs/audit.md`` lists every event.
"""

from __future__ import annotations

import dataclasses

from crimeplan.audit.events import Event


@dataclasses.dataclass(frozen=True, kw_only=True)
class CaseReferred(Event):
    """A person was referred and a case made (by a partner, the public form, a partner system or an ASB trigger)."""

    name = "case_referred"
    reference: str
    programme: str
    source: str


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
class VolunteersListed(Event):
    """Someone read their agency's list of volunteers (names, DBS check dates, training, hours)."""

    name = "volunteers_listed"
    rows: int


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

"""The grants audit vocabulary: applications, assessment, decisions, money and commissioning.

Registered in the audit vocabulary (``crimeplan.audit.events.EVENTS``) when first
imported; ``docs/audit.md`` lists every event.
"""

from __future__ import annotations

import dataclasses

from crimeplan.audit.events import Event


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


@dataclasses.dataclass(frozen=True, kw_only=True)
class AssessorsAssigned(Event):
    """A grants manager set who assesses a round's applications."""

    name = "assessors_assigned"
    round: str
    added: list[str]
    removed: list[str]


@dataclasses.dataclass(frozen=True, kw_only=True)
class ReturnLinksSent(Event):
    """An applicant asked for new links to their applications; each was sent a fresh link (old ones stop working)."""

    name = "return_links_sent"
    applications: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class ApplicationContactErased(Event):
    """Retention erased an application's contact details (the grant's record stays)."""

    name = "application_contact_erased"
    reference: str
    ended_on: str
    retention_months: int


@dataclasses.dataclass(frozen=True, kw_only=True)
class DraftApplicationDeleted(Event):
    """Retention deleted a draft application that was never submitted."""

    name = "draft_application_deleted"
    application: int
    last_changed_on: str
    retention_months: int

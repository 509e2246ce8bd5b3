"""ASB incidents and the case reviews they raise when complaints reach the threshold."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

from crimeplan.analytics.reoffending import add_months
from crimeplan.audit.services import record_event
from crimeplan.cases.constants import FINISHED, EntryKind, ProgrammeKind, ReferralBasis, RiskLevel
from crimeplan.cases.events import AsbIncidentRecorded, AsbReviewRaised
from crimeplan.cases.models import AsbIncident, AsbPolicy, AsbReview, Person, Programme, ReferralSource
from crimeplan.cases.permissions import organisation_of
from crimeplan.cases.services.common import add_to_timeline, changed, save
from crimeplan.cases.services.referrals import PersonDetails, find_or_create_person, refer
from crimeplan.core.exceptions import ApplicationError


def _programme() -> Programme:
    programme = Programme.objects.filter(kind=ProgrammeKind.ASB_REVIEW, is_active=True).order_by("pk").first()
    if programme is None:
        raise ApplicationError("No ASB case review programme is set up: ask the office to add one.")
    return programme


def _open_review(victim: Person) -> AsbReview | None:
    return (
        AsbReview.objects.filter(case__person=victim)
        .exclude(case__status__in=FINISHED)
        .order_by("-triggered_on")
        .first()
    )


def counted_incidents(incident: AsbIncident, policy: AsbPolicy) -> list[AsbIncident]:
    """Complaints by the same victim or about the same address, reported in the window up to this one."""
    since = add_months(incident.reported_on, -policy.window_months)
    return list(
        AsbIncident.objects.filter(review__isnull=True, reported_on__gt=since, reported_on__lte=incident.reported_on)
        .filter(Q(victim=incident.victim) | Q(address_key=incident.address_key))
        .order_by("reported_on", "pk")
    )


@transaction.atomic
def record_incident(
    *,
    by: Any,
    victim: PersonDetails | Person,
    address: str,
    postcode: str,
    occurred_on: date,
    reported_on: date,
    description: str,
    reference: str = "",
    is_example: bool = False,
) -> tuple[AsbIncident, AsbReview | None]:
    """Record the complaint; link it to the victim's open review, or raise one at the threshold."""
    organisation = organisation_of(by)
    if organisation is None:
        raise ApplicationError("Only staff of a partner agency can record ASB incidents.")
    person = (
        victim
        if isinstance(victim, Person)
        else find_or_create_person(victim, referring=organisation, holder=organisation)
    )
    incident = AsbIncident(
        victim=person,
        address=address,
        postcode=postcode.upper().strip(),
        occurred_on=occurred_on,
        reported_on=reported_on,
        description=description,
        reference=reference,
        recorded_by_organisation=organisation,
        recorded_by=by,
        is_example=is_example,
    )
    save(incident)
    review = _join_or_raise(incident, by, is_example)
    record_event(AsbIncidentRecorded(review_raised=review is not None), actor=by, obj=incident, purpose="ASB")
    return incident, review


def _join_or_raise(incident: AsbIncident, by: Any, is_example: bool) -> AsbReview | None:
    """Add the complaint to the victim's open review, or raise one when the threshold is reached."""
    review = _open_review(incident.victim)
    if review is not None:
        incident.review = review
        save(incident)
        add_to_timeline(case=review.case, by=by, kind=EntryKind.NOTE, summary="Another complaint recorded")
        changed(case=review.case, by=by, change="ASB incident added to the review")
        return review
    policy = AsbPolicy.current()
    counted = counted_incidents(incident, policy)
    if len(counted) < policy.threshold_incidents:
        return None
    return _raise_review(by=by, person=incident.victim, incidents=counted, policy=policy, is_example=is_example)


def _raise_review(
    *, by: Any, person: Person, incidents: list[AsbIncident], policy: AsbPolicy, is_example: bool
) -> AsbReview:
    programme = _programme()
    reached = incidents[-1].reported_on
    case = refer(
        by=by,
        programme=programme,
        person=person,
        reason=(
            f"{len(incidents)} complaints of anti-social behaviour between {incidents[0].reported_on:%d %B %Y} and "
            f"{reached:%d %B %Y}: the case review threshold ({policy}) is met."
        ),
        risk_level=RiskLevel.MEDIUM,
        source=ReferralSource.ASB_TRIGGER,
        basis=ReferralBasis.PUBLIC_TASK,
        basis_reason="An ASB case review is a statutory duty (Anti-social Behaviour, Crime and Policing Act 2014, "
        "section 104), started when the threshold is met.",
        is_example=is_example,
    )
    review = AsbReview(
        case=case,
        triggered_on=reached,
        threshold_incidents=policy.threshold_incidents,
        window_months=policy.window_months,
        decision_days=policy.decision_days,
        meeting_days=policy.meeting_days,
        outcome_days=policy.outcome_days,
    )
    save(review)
    AsbIncident.objects.filter(pk__in=[i.pk for i in incidents]).update(review=review)
    record_event(AsbReviewRaised(reference=case.reference, incidents=len(incidents)), actor=by, obj=case, purpose="ASB")
    return review


@transaction.atomic
def update_review(
    *,
    review: AsbReview,
    by: Any,
    decision_on: date | None,
    meeting_on: date | None,
    outcome_sent_on: date | None,
    recommendations: str,
) -> AsbReview:
    """Record the review's steps as they happen."""
    for name, value in (("decision_on", decision_on), ("meeting_on", meeting_on)):
        if value and value < review.triggered_on:
            raise ValidationError(
                {name: ValidationError("The date must be on or after the review was raised", code="order")}
            )
    if outcome_sent_on and (meeting_on is None or outcome_sent_on < meeting_on):
        raise ValidationError(
            {"outcome_sent_on": ValidationError("The outcome is sent on or after the review meeting", code="order")}
        )
    review.decision_on, review.meeting_on = decision_on, meeting_on
    review.outcome_sent_on, review.recommendations = outcome_sent_on, recommendations
    save(review)
    add_to_timeline(case=review.case, by=by, kind=EntryKind.NOTE, summary="ASB case review steps updated")
    changed(case=review.case, by=by, change="ASB case review updated")
    return review

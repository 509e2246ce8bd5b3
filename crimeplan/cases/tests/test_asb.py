"""ASB complaints raise a case review at the threshold; its deadlines follow the policy."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from crimeplan.audit.models import AuditEvent
from crimeplan.cases.models import AsbIncident, AsbPolicy, AsbReview, ReferralSource
from crimeplan.cases.models.asb import address_key
from crimeplan.cases.services.asb import record_incident, update_review
from crimeplan.cases.services.referrals import PersonDetails
from crimeplan.core.exceptions import ApplicationError

pytestmark = pytest.mark.django_db

VICTIM = PersonDetails(given_name="Pat", family_name="Victimtest", date_of_birth=date(1950, 1, 1))
OTHER = PersonDetails(given_name="Lee", family_name="Neighbour", date_of_birth=date(1970, 1, 1))


def complain(by, on, victim=VICTIM, address="4 Test Road, Preston", postcode="PR1 2AB"):
    return record_incident(
        by=by,
        victim=victim,
        address=address,
        postcode=postcode,
        occurred_on=on,
        reported_on=on,
        description="Shouting and stones thrown at the window",
    )


def test_the_third_complaint_in_six_months_raises_a_review(owner):
    assert complain(owner, date(2025, 1, 10))[1] is None
    assert complain(owner, date(2025, 3, 1))[1] is None
    _, review = complain(owner, date(2025, 7, 9))
    assert review is not None and review.triggered_on == date(2025, 7, 9)
    assert review.case.source == ReferralSource.ASB_TRIGGER and review.case.programme.slug == "asb-case-review"
    assert review.case.owner == owner.organisation
    assert AsbIncident.objects.filter(review=review).count() == 3
    assert AuditEvent.objects.filter(event="asb_review_raised").count() == 1


def test_complaints_older_than_the_window_do_not_count(owner):
    complain(owner, date(2025, 1, 9))  # 6 months before 2025-07-09 is 2025-01-09: outside (after, not on)
    complain(owner, date(2025, 3, 1))
    assert complain(owner, date(2025, 7, 9))[1] is None
    assert complain(owner, date(2025, 7, 10))[1] is not None


def test_complaints_by_different_victims_about_one_address_count_together(owner):
    complain(owner, date(2025, 5, 1), victim=VICTIM, address="4 Test Road, Preston")
    complain(owner, date(2025, 5, 2), victim=OTHER, address="4, Test Road, Preston", postcode="pr12ab")
    _, review = complain(owner, date(2025, 5, 3), victim=OTHER, address="4 TEST ROAD", postcode="PR1 2AB")
    assert review is not None
    assert address_key("4 Test Road, Preston", "PR1 2AB") == address_key("4 TEST ROAD", "pr1 2ab")


def test_the_threshold_and_deadlines_come_from_the_policy(owner):
    AsbPolicy.objects.create(threshold_incidents=2, window_months=3, decision_days=5, meeting_days=15, outcome_days=7)
    complain(owner, date(2025, 5, 1))
    _, review = complain(owner, date(2025, 5, 20))
    assert review is not None and review.threshold_incidents == 2
    assert (review.decision_due, review.meeting_due) == (date(2025, 5, 25), date(2025, 6, 4))
    steps = review.deadlines(date(2025, 5, 26))
    assert [s["late"] for s in steps] == [True, False, False]
    update_review(
        review=review,
        by=owner,
        decision_on=date(2025, 5, 24),
        meeting_on=date(2025, 6, 10),
        outcome_sent_on=None,
        recommendations="Mediation",
    )
    review.refresh_from_db()
    assert review.outcome_due == date(2025, 6, 17)
    assert [s["late"] for s in review.deadlines(date(2025, 6, 12))] == [False, True, False]


def test_later_complaints_join_the_open_review(owner):
    AsbPolicy.objects.create(threshold_incidents=1)
    _, review = complain(owner, date(2025, 5, 1))
    incident, again = complain(owner, date(2025, 5, 10))
    assert again is not None and again.pk == review.pk and incident.review == review
    assert AsbReview.objects.count() == 1


def test_review_dates_must_follow_in_order(owner):
    AsbPolicy.objects.create(threshold_incidents=1)
    _, review = complain(owner, date(2025, 5, 1))
    with pytest.raises(ValidationError, match="on or after the review was raised"):
        update_review(
            review=review,
            by=owner,
            decision_on=date(2025, 4, 1),
            meeting_on=None,
            outcome_sent_on=None,
            recommendations="",
        )
    with pytest.raises(ValidationError, match="on or after the review meeting"):
        update_review(
            review=review,
            by=owner,
            decision_on=None,
            meeting_on=None,
            outcome_sent_on=date(2025, 6, 1),
            recommendations="",
        )


def test_only_partner_staff_record_complaints(db):
    with pytest.raises(ApplicationError, match="Only staff of a partner agency"):
        complain(AnonymousUser(), date(2025, 1, 1))

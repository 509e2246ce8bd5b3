"""Assessing, moderating and deciding: access, conflicts, audit."""

import datetime as dt
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.testing import tagged_pdf_facts
from crimeplan.grants.models import Decision
from crimeplan.grants.services import assessment, awards
from crimeplan.grants.tests.factories import scored, submitted

pytestmark = pytest.mark.django_db


def test_assessors_see_only_rounds_they_are_assigned_to(client, open_round, assessors):
    application = submitted(open_round)
    outsider = assessors[2]
    client.force_login(outsider)
    assert client.get(reverse("grants:round", args=[open_round.pk])).status_code == 403
    assert client.get(reverse("grants:application", args=[application.pk])).status_code == 403
    assert client.post(reverse("grants:declare", args=[application.pk]), {"conflict": "no"}).status_code == 403
    assert str(open_round) not in client.get(reverse("grants:dashboard")).content.decode()
    with pytest.raises(PermissionDenied):
        assessment.declare_interest(application=application, assessor=outsider, conflict=False, details="")
    client.force_login(assessors[0])
    assert client.get(reverse("grants:round", args=[open_round.pk])).status_code == 200
    assert client.get(reverse("grants:application", args=[application.pk])).status_code == 200
    assert AuditEvent.objects.filter(event="application_viewed", actor=assessors[0]).count() == 1


def test_staff_pages_need_sign_in(client, open_round):
    application = submitted(open_round)
    for url in (
        reverse("grants:dashboard"),
        reverse("grants:application", args=[application.pk]),
        reverse("grants:allocation"),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/sign-in/" in response.url


def test_a_conflict_of_interest_stops_scoring(client, open_round, assessors):
    application = submitted(open_round)
    client.force_login(assessors[0])
    client.post(
        reverse("grants:declare", args=[application.pk]), {"conflict": "yes", "conflict_details": "I coach there"}
    )
    mine = application.assessments.get(assessor=assessors[0])
    assert mine.conflict
    with pytest.raises(ApplicationError, match="conflict of interest"):
        assessment.submit_scores(assessment=mine, scores={}, recommendation="fund", comments="")
    page = client.post(reverse("grants:declare", args=[application.pk]), {"conflict": "no"}).content.decode()
    assert "already made your declaration" in page


def test_scores_through_the_page_and_moderation_needs_two_independent_assessors(client, open_round, assessors, manager):
    application = submitted(open_round)
    criteria = list(open_round.fund.criteria.all())
    client.force_login(assessors[0])
    client.post(reverse("grants:declare", args=[application.pk]), {"conflict": "no"})
    data = {f"score_{c.pk}": "4" for c in criteria} | {"recommendation": "fund"}
    page = client.post(reverse("grants:score", args=[application.pk]), {"recommendation": "fund"}).content.decode()
    assert "Score need" in page  # every criterion must be scored
    assert client.post(reverse("grants:score", args=[application.pk]), data).status_code == 302
    with pytest.raises(ApplicationError, match="2 or more assessors"):
        assessment.moderate(application=application, by=manager, score=None, note="")
    scored(application, [assessors[1]], marks=(2,))
    # weights: need counts twice; mean of 4.00 and 2.00
    with pytest.raises(ValidationError, match="reason"):
        assessment.moderate(application=application, by=manager, score=Decimal("3.5"), note="")
    assessors[0].user_permissions.add(Permission.objects.get(codename="manage_grants"))
    with pytest.raises(ApplicationError, match="You scored this application"):
        assessment.moderate(
            application=application, by=type(assessors[0]).objects.get(pk=assessors[0].pk), score=None, note=""
        )
    assessment.moderate(application=application, by=manager, score=None, note="")
    application.refresh_from_db()
    assert application.moderated_score == Decimal("3.00") and application.status == "moderated"
    events = list(AuditEvent.objects.filter(event="assessment_submitted").order_by("id").values_list("data", flat=True))
    assert [e["weighted_score"] for e in events] == ["4.00", "2.00"]


def test_a_decision_records_reasons_and_makes_the_award(client, open_round, assessors, manager):
    application = scored(submitted(open_round), assessors[:2])
    assessment.moderate(application=application, by=manager, score=None, note="")
    client.force_login(assessors[0])
    assert client.get(reverse("grants:decide", args=[application.pk])).status_code == 403
    client.force_login(manager)
    data = {"outcome": "approved", "amount": "2600", "reasons": "Strong need", "conditions": "", "panel_on": "1 4 2026"}
    page = client.post(reverse("grants:decide", args=[application.pk]), data).content.decode()
    assert "cannot be more than was asked for" in page
    data["amount"] = "2000"
    sent = len(mail.outbox)
    confirm = client.post(reverse("grants:decide", args=[application.pk]), data).content.decode()
    assert "Check the decision before you send it" in confirm and "£2,000" in confirm and "1 April 2026" in confirm
    assert not Decision.objects.filter(application=application).exists() and len(mail.outbox) == sent
    data["confirmed"] = "yes"
    assert client.post(reverse("grants:decide", args=[application.pk]), data).status_code == 302
    application.refresh_from_db()
    award = application.award
    assert (award.amount, application.status, application.decision.reasons) == (
        Decimal(2000),
        "approved",
        "Strong need",
    )
    assert award.returns.count() == 2  # a project of six months gets an interim and a final return
    assert AuditEvent.objects.filter(event__in=["decision_recorded", "award_made"]).count() == 2
    pdf = client.get(reverse("grants:offer_letter", args=[award.pk]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    facts = tagged_pdf_facts(pdf.content)
    assert facts["tagged"] and facts["marked"] and facts["lang"] == "en-GB"
    assert facts["title"] == f"Grant offer {application.reference}"


def test_declining_records_no_award(open_round, assessors, manager):
    application = scored(submitted(open_round), assessors[:2], marks=(1, 1))
    assessment.moderate(application=application, by=manager, score=None, note="")
    awards.record_decision(
        application=application,
        by=manager,
        outcome="declined",
        amount=Decimal(5),
        reasons="Low score",
        conditions="",
        panel_on=dt.date.today(),
    )
    application.refresh_from_db()
    assert (
        application.status == "declined" and not hasattr(application, "award") and application.decision.amount is None
    )


def test_the_applicant_is_emailed_the_decision_with_a_link_that_opens_it(
    open_round, assessors, manager, client, mailoutbox, django_capture_on_commit_callbacks
):
    application = scored(submitted(open_round), assessors[:2], marks=(1, 1))
    assessment.moderate(application=application, by=manager, score=None, note="")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        awards.record_decision(
            application=application, by=manager, outcome="declined", amount=None,
            reasons="Scored below the threshold", conditions="", panel_on=dt.date.today(),
        )  # fmt: skip
    (message,) = mailoutbox
    application.refresh_from_db()
    assert message.to == [application.email]
    assert message.subject == f"Decision on application {application.reference}"
    assert "not funded this time" in message.body and "Scored below the threshold" in message.body
    link = next(line for line in message.body.splitlines() if "/grants/" in line and "return" in line)
    assert client.get(link.replace(settings.BASE_URL, "")).status_code in (200, 302)

"""Retention of applicants' contact details: when each kind of application is due, what erasing keeps and
removes, drafts deleted, the audit trail, the command, and the privacy notice quoting the same periods."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from crimeplan.analytics.reoffending import add_months
from crimeplan.audit.models import AuditEvent
from crimeplan.grants.constants import (
    DRAFT_RETENTION_MONTHS,
    FUNDED_RETENTION_MONTHS,
    UNFUNDED_RETENTION_MONTHS,
    ApplicationStatus,
    AwardStatus,
    DecisionOutcome,
)
from crimeplan.grants.models import Application, Award, Decision
from crimeplan.grants.services import awards, retention
from crimeplan.grants.services.applications import send_new_links, start_application
from crimeplan.grants.tests.factories import submitted

pytestmark = pytest.mark.django_db
ENDED = dt.date(2022, 3, 31)


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


@pytest.fixture
def ended(open_round, manager):
    """A stale draft, a refused, a withdrawn, a completed grant and a live grant, each ended on ``ENDED``."""
    draft, _ = start_application(round_=open_round, email="draft@example.org")
    refused = submitted(open_round, email="refused@example.org")
    Decision.objects.create(
        application=refused, outcome=DecisionOutcome.DECLINED, reasons="Out of scope", panel_on=ENDED,
        decided_by=manager,
    )  # fmt: skip
    Decision.objects.filter(application=refused).update(decided_at=_at(ENDED))
    withdrawn = submitted(open_round, email="withdrawn@example.org")
    done, live = submitted(open_round, email="done@example.org"), submitted(open_round, email="live@example.org")
    for application in (done, live):
        awards.make_award(application=application, amount=Decimal(1000), by=manager, awarded_on=ENDED)
    Award.objects.filter(application=done).update(status=AwardStatus.COMPLETED, completed_on=ENDED)
    statuses = {draft: ApplicationStatus.DRAFT, refused: ApplicationStatus.DECLINED,
                withdrawn: ApplicationStatus.WITHDRAWN, done: ApplicationStatus.APPROVED,
                live: ApplicationStatus.APPROVED}  # fmt: skip
    for application, status in statuses.items():
        Application.objects.filter(pk=application.pk).update(status=status, updated_at=_at(ENDED))
    return {"draft": draft, "refused": refused, "withdrawn": withdrawn, "done": done, "live": live}


def _due(today: dt.date) -> dict[int, str]:
    return {d.application.pk: d.kind for d in retention.due_for_retention(today=today)}


def test_each_kind_is_due_after_its_own_period_and_a_live_grant_never(ended):
    pk = {name: a.pk for name, a in ended.items()}
    day_before = {months: add_months(ENDED, months) - dt.timedelta(days=1) for months in (12, 24, 72)}
    assert DRAFT_RETENTION_MONTHS == 12 and UNFUNDED_RETENTION_MONTHS == 24 and FUNDED_RETENTION_MONTHS == 72
    assert _due(day_before[12]) == {}
    assert _due(add_months(ENDED, 12)) == {pk["draft"]: "draft"}
    assert _due(day_before[24]) == {pk["draft"]: "draft"}
    assert _due(add_months(ENDED, 24)) == {pk["draft"]: "draft", pk["refused"]: "contact", pk["withdrawn"]: "contact"}
    everything = _due(add_months(ENDED, 72))
    assert everything[pk["done"]] == "contact" and pk["live"] not in everything


def test_erasing_keeps_the_grant_record_and_removes_the_person(ended):
    today = add_months(ENDED, 72)
    for item in retention.due_for_retention(today=today):
        retention.apply_retention(item, today=today)
    assert not Application.objects.filter(pk=ended["draft"].pk).exists()
    done = Application.objects.get(pk=ended["done"].pk)
    assert (done.contact_name, done.contact_phone, done.email) == ("", "", retention.ERASED_EMAIL)
    assert done.token_hash != ended["done"].token_hash and done.contact_erased_on == today
    assert done.org_name == ended["done"].org_name and done.award.amount == Decimal(1000)  # the grant's record
    live = Application.objects.get(pk=ended["live"].pk)
    assert live.email == "live@example.org" and live.contact_erased_on is None
    erased = AuditEvent.objects.filter(event="application_contact_erased")
    assert erased.count() == 3 and AuditEvent.objects.filter(event="draft_application_deleted").count() == 1
    assert "done@example.org" not in str(list(erased.values_list("data", flat=True)))
    assert retention.due_for_retention(today=today) == []  # erased once, never again
    assert send_new_links(email=retention.ERASED_EMAIL) == 0  # nobody can ask for a link to an erased one


def test_the_command_lists_then_applies_and_the_staff_page_says_so(ended, client, manager):
    out = StringIO()
    call_command("grants", "retention", "--today", "2028-03-31", stdout=out)
    assert "4 listed. Nothing was changed" in out.getvalue()
    assert Application.objects.get(pk=ended["done"].pk).email == "done@example.org"
    call_command("grants", "retention", "--today", "2028-03-31", "--apply", stdout=StringIO())
    assert Application.objects.get(pk=ended["refused"].pk).email == retention.ERASED_EMAIL
    client.force_login(manager)
    page = client.get(reverse("grants:application", args=[ended["refused"].pk])).content.decode()
    assert "Contact details erased on 31 March 2028" in page and "refused@example.org" not in page


def test_the_privacy_notice_quotes_the_periods_the_code_applies(client):
    notice = client.get(reverse("core:privacy_notice", args=["grants"])).content.decode()
    assert f"6 years ({FUNDED_RETENTION_MONTHS} months) after a grant is completed" in notice
    assert f"{UNFUNDED_RETENTION_MONTHS} months after an application is refused" in notice
    assert f"deleted {DRAFT_RETENTION_MONTHS} months after it was last changed" in notice

"""No message to anyone without current consent for the provider and a live channel; quiet hours defer."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from crimeplan.engagement.models import Delivery, Member, Subscription
from crimeplan.engagement.services import alerts, imports, members, sending
from crimeplan.engagement.tests.conftest import OTHER_LSOA, WARD, WARD_LSOA, write_csv

pytestmark = pytest.mark.django_db


def _alert(provider: str, *, topics: list[str] | None = None, priority: int = 2) -> int:
    alert = alerts.create_alert(
        user=None,
        provider=provider,
        subject=f"{provider} alert",
        body="Lock your doors.",
        topics=topics or ["burglary"],
        target_kind="ward",
        target_code=WARD,
        priority=priority,
    )
    sending.queue_alert(alert=alert, start=False)
    while sending.send_batch(alert.pk, per_second=10_000).sent:
        pass
    return alert.pk


def _import(tmp_path, rows):
    report = imports.import_members(write_csv(tmp_path / "members.csv", rows))
    assert report.rejected == 0, report.rejections
    return report


def test_a_member_with_police_consent_gets_police_alerts_and_not_council_ones(geography_db, tmp_path):
    _import(tmp_path, [
        f"police.only@example.org,,BB1 1AA,{WARD_LSOA},burglary,police,email,2021-03-02T10:00:00,double opt-in",
        f"both@example.org,,BB1 1AB,{WARD_LSOA},burglary,police;council,email,2021-03-02T10:00:00,double opt-in",
        f"elsewhere@example.org,,PR1 1AA,{OTHER_LSOA},burglary,police;council,email,2021-03-02T10:00:00,double opt-in",
    ])  # fmt: skip
    mail.outbox.clear()
    _alert("police")
    assert sorted(m.to[0] for m in mail.outbox) == ["both@example.org", "police.only@example.org"]
    mail.outbox.clear()
    _alert("council")
    assert [m.to[0] for m in mail.outbox] == ["both@example.org"]


def test_every_alert_email_has_one_click_unsubscribe(geography_db, tmp_path):
    _import(tmp_path, [f"a@example.org,,,{WARD_LSOA},burglary,police,email,2021-03-02,evidence"])
    mail.outbox.clear()
    _alert("police")
    (message,) = mail.outbox
    member = Member.objects.get(email="a@example.org")
    assert f"/alerts/you/{member.manage_token}/stop/email/" in message.extra_headers["List-Unsubscribe"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_an_unsubscribed_member_gets_nothing(geography_db, tmp_path):
    _import(tmp_path, [
        f"stays@example.org,,,{WARD_LSOA},burglary,police,email,2021-03-02,evidence",
        f"left@example.org,,,{WARD_LSOA},burglary,police,email,2021-03-02,evidence",
    ])  # fmt: skip
    members.unsubscribe(member=Member.objects.get(email="left@example.org"), channel="email", how="test")
    mail.outbox.clear()
    _alert("police")
    assert [m.to[0] for m in mail.outbox] == ["stays@example.org"]


def test_consent_withdrawn_after_queueing_stops_the_message(geography_db, tmp_path):
    _import(tmp_path, [f"late@example.org,,,{WARD_LSOA},burglary,police,email,2021-03-02,evidence"])
    alert = alerts.create_alert(user=None, provider="police", subject="s", body="b", topics=["burglary"],
                                target_kind="ward", target_code=WARD)  # fmt: skip
    assert sending.queue_alert(alert=alert, start=False) == 1
    member = Member.objects.get(email="late@example.org")
    members.set_consents(member, [], when=timezone.now())
    mail.outbox.clear()
    sending.send_batch(alert.pk, per_second=10_000)
    assert mail.outbox == []
    assert Delivery.objects.get(alert=alert).failure_reason == "not sent: no current consent for police"


def test_a_member_in_quiet_hours_gets_it_after_they_end(geography_db, tmp_path, monkeypatch):
    _import(tmp_path, [f"sleeper@example.org,,,{WARD_LSOA},burglary,police,email,2021-03-02,evidence"])
    Subscription.objects.filter(member__email="sleeper@example.org").update(
        quiet_start=dt.time(22, 0), quiet_end=dt.time(7, 0)
    )
    night = dt.datetime(2026, 12, 2, 23, 30, tzinfo=dt.UTC)  # 23:30 in London (GMT in December)
    monkeypatch.setattr(timezone, "now", lambda: night)
    mail.outbox.clear()
    alert_id = _alert("police")
    assert mail.outbox == []
    delivery = Delivery.objects.get(alert_id=alert_id)
    assert delivery.state == "queued"
    assert delivery.not_before == dt.datetime(2026, 12, 3, 7, 0, tzinfo=dt.UTC)
    assert sending.next_due(alert_id) == delivery.not_before

    monkeypatch.setattr(timezone, "now", lambda: dt.datetime(2026, 12, 3, 7, 1, tzinfo=dt.UTC))
    sending.send_batch(alert_id, per_second=10_000)
    assert [m.to[0] for m in mail.outbox] == ["sleeper@example.org"]
    assert sending.finish_if_done(alert_id)


def test_thresholds_and_topics_filter_who_is_reached(geography_db, tmp_path):
    _import(tmp_path, [
        f"urgent.only@example.org,,,{WARD_LSOA},burglary,police,email,2021-03-02,evidence",
        f"scams@example.org,,,{WARD_LSOA},scams,police,email,2021-03-02,evidence",
    ])  # fmt: skip
    Member.objects.filter(email="urgent.only@example.org").update(priority_threshold=3)
    mail.outbox.clear()
    _alert("police", topics=["burglary", "scams"])
    assert [m.to[0] for m in mail.outbox] == ["scams@example.org"]


def test_queueing_twice_never_makes_a_second_delivery(geography_db, tmp_path):
    _import(tmp_path, [f"once@example.org,07700900123,,{WARD_LSOA},burglary,police,email;sms,2021-03-02,evidence"])
    alert = alerts.create_alert(user=None, provider="police", subject="s", body="b", topics=[],
                                target_kind="ward", target_code=WARD)  # fmt: skip
    assert sending.queue_alert(alert=alert, start=False) == 1
    sending.Delivery.objects.bulk_create(
        [Delivery(alert=alert, member=Member.objects.get(email="once@example.org"), channel="email")],
        ignore_conflicts=True,
    )
    assert Delivery.objects.filter(alert=alert).count() == 2  # one email, one text


def test_a_high_priority_alert_needs_a_second_persons_approval(geography_db, staff_with):
    author = staff_with("author", "compose_alerts", "approve_alerts")
    other = staff_with("other", "approve_alerts")
    alert = alerts.create_alert(user=author, provider="police", subject="s", body="b", topics=[],
                                target_kind="ward", target_code=WARD, priority=3)  # fmt: skip
    with pytest.raises(Exception, match="approval"):
        sending.queue_alert(alert=alert, start=False)
    with pytest.raises(Exception, match="Someone other"):
        alerts.approve_alert(alert=alert, user=author)
    alerts.approve_alert(alert=alert, user=other)
    sending.queue_alert(alert=alert, start=False)

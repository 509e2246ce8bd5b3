"""``crimeplan alerts send|status`` and the plan measures this module counts (examples never count)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from crimeplan.engagement.models import Delivery
from crimeplan.engagement.services import imports
from crimeplan.engagement.tests.conftest import WARD, WARD_LSOA, write_csv
from crimeplan.performance.providers import get_provider

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(geography_db, tmp_path):
    rows = [
        f"one@example.org,07700900111,,{WARD_LSOA},burglary,police,email;sms,2021-03-02,double opt-in",
        f"two@example.org,,,{WARD_LSOA},burglary,council,email,2021-03-02,double opt-in",
        f"three@example.org,,,{WARD_LSOA},scams,police,email,2021-03-02,double opt-in",
    ]
    return imports.import_members(write_csv(tmp_path / "m.csv", rows))


def test_send_wait_json_and_status(imported, tmp_path, capsys, settings):
    settings.ALERTS_SMS_DIR = tmp_path / "sms"
    body = tmp_path / "body.txt"
    body.write_text("Lock your doors.", encoding="utf-8")
    mail.outbox.clear()
    call_command("alerts", "send", "--provider", "police", "--ward", WARD, "--topic", "burglary",
                 "--subject", "Burglaries", "--body-file", str(body), "--wait", "--json")  # fmt: skip
    sent = json.loads(capsys.readouterr().out)
    assert sent["targeted"] == 1
    assert [m.to for m in mail.outbox] == [["one@example.org"]]
    assert "Lock your doors." in (tmp_path / "sms").glob("*.jsonl").__next__().read_text()
    call_command("alerts", "status", str(sent["alert"]), "--json")
    status = json.loads(capsys.readouterr().out)
    assert status == {"alert": sent["alert"], "queued": 0, "sent": 2, "delivered": 0, "failed": 0}
    with pytest.raises(CommandError, match="No alert"):
        call_command("alerts", "status", "999999")


def test_send_refuses_an_unknown_ward(imported, tmp_path):
    body = tmp_path / "body.txt"
    body.write_text("x", encoding="utf-8")
    with pytest.raises(CommandError, match="covers no neighbourhood"):
        call_command("alerts", "send", "--provider", "police", "--ward", "E05999999", "--subject", "s",
                     "--body-file", str(body))  # fmt: skip


def test_plan_measures_count_members_by_channel_and_messages(imported, tmp_path, settings):
    from crimeplan.engagement.demo import load_examples

    settings.ALERTS_SMS_DIR = tmp_path / "sms"
    load_examples()  # examples are never counted
    today = timezone.localdate()
    period = (today - dt.timedelta(days=30), today)
    assert get_provider("engagement.members").count(*period).value == 3
    assert get_provider("engagement.members-email").count(*period).value == 3
    assert get_provider("engagement.members-sms").count(*period).value == 1
    assert get_provider("engagement.messages-sent").count(*period).value == 0  # the example alert does not count
    assert Delivery.objects.filter(alert__is_example=True, state="sent").exists()
    long_ago = (dt.date(2020, 1, 1), dt.date(2020, 12, 31))
    assert get_provider("engagement.members").count(*long_ago).value == 0  # opted in in March 2021


def test_the_sending_task_sends_then_ends_its_chain(imported, tmp_path, settings):
    from django_tasks_db.models import DBTaskResult

    from crimeplan.engagement.models import Alert
    from crimeplan.engagement.services import alerts, sending
    from crimeplan.engagement.tasks import send_alert

    settings.ALERTS_SMS_DIR = tmp_path / "sms"
    alert = alerts.create_alert(user=None, provider="police", subject="s", body="b", topics=["burglary"],
                                target_kind="ward", target_code=WARD)  # fmt: skip
    sending.queue_alert(alert=alert, start=False)
    mail.outbox.clear()
    assert send_alert.call(alert.pk)["sent"] == 2
    successor = DBTaskResult.objects.get()  # the insurance successor, brought forward to now
    assert successor.run_after <= timezone.now()
    assert Alert.objects.get(pk=alert.pk).status == "sent"
    assert send_alert.call(alert.pk) == {}  # the successor finds nothing to do and enqueues nothing
    assert DBTaskResult.objects.count() == 1
    assert len(mail.outbox) == 1


def test_email_replies_reach_the_inbox_by_the_message_they_answer(imported, tmp_path, capsys, settings):
    from crimeplan.engagement.models import Reply

    settings.ALERTS_SMS_DIR = tmp_path / "sms"
    body = tmp_path / "body.txt"
    body.write_text("Lock your doors.", encoding="utf-8")
    call_command("alerts", "send", "--provider", "police", "--ward", WARD, "--subject", "Burglaries",
                 "--body-file", str(body), "--wait", "--json")  # fmt: skip
    delivery = Delivery.objects.get(member__email="one@example.org", channel="email")
    folder = tmp_path / "replies"
    folder.mkdir()
    (folder / "1.eml").write_text(
        "From: one@example.org\nTo: crimeplan@localhost\nSubject: Re: Burglaries\nMessage-ID: <r1@example.org>\n"
        f"In-Reply-To: <crimeplan-delivery-{delivery.pk}@crimeplan>\n\nI saw two men by the garages.\n\n"
        "On Tuesday crimeplan wrote:\n> Lock your doors.\n",
        encoding="utf-8",
    )
    (folder / "2.eml").write_text("From: x@example.org\nSubject: hello\n\nspam\n", encoding="utf-8")
    capsys.readouterr()
    call_command("alerts", "ingest-replies", str(folder))
    assert "read 2 = stored 1 + already stored 0 + skipped 1" in capsys.readouterr().out
    reply = Reply.objects.get()
    assert (reply.text, reply.via, reply.member_id, reply.consent_to_share) == (
        "I saw two men by the garages.", "email", delivery.member_id, False,
    )  # fmt: skip
    call_command("alerts", "ingest-replies", str(folder / "1.eml"))  # read twice, stored once
    assert "read 1 = stored 0 + already stored 1 + skipped 0" in capsys.readouterr().out
    assert Reply.objects.count() == 1


class FakeMailbox:
    """An IMAP server's side of imaplib's client calls, holding messages by UID with their flags."""

    def __init__(self, messages: dict[bytes, bytes], fail_store: bool = False) -> None:
        self.messages, self.fail_store = messages, fail_store
        self.seen: set[bytes] = set()
        self.logins: list[tuple[str, str]] = []

    def login(self, user: str, password: str) -> tuple[str, list[bytes]]:
        self.logins.append((user, password))
        return "OK", [b"logged in"]

    def select(self, mailbox: str) -> tuple[str, list[bytes]]:
        return ("OK", [b"2"]) if mailbox == "INBOX" else ("NO", [b"no such mailbox"])

    def uid(self, command: str, *args: object) -> tuple[str, list[object]]:
        if command == "SEARCH":
            return "OK", [b" ".join(u for u in self.messages if u not in self.seen)]
        if command == "FETCH":
            uid = args[0]
            assert isinstance(uid, bytes) and args[1] == "(BODY.PEEK[])"  # reading does not mark it read
            return "OK", [(b"1 (UID " + uid + b" BODY[] {n}", self.messages[uid]), b")"]
        if command == "STORE":
            if self.fail_store:
                raise OSError("connection reset")
            assert isinstance(args[0], bytes)
            self.seen.add(args[0])
            return "OK", []
        raise AssertionError(command)

    def logout(self) -> tuple[str, list[bytes]]:
        return "BYE", []


def test_replies_are_fetched_from_the_mailbox_once_each(imported, tmp_path, settings):
    from crimeplan.engagement.mailbox import fetch_replies
    from crimeplan.engagement.models import Reply
    from crimeplan.engagement.services import alerts, sending
    from crimeplan.engagement.tasks import send_alert

    settings.ALERTS_SMS_DIR = tmp_path / "sms"
    settings.REPLIES_IMAP = {"HOST": "imap.example.org", "PORT": "993", "USER": "replies", "PASSWORD": "secret",
                             "MAILBOX": "INBOX"}  # fmt: skip
    alert = alerts.create_alert(user=None, provider="police", subject="Burglaries", body="b", topics=["burglary"],
                                target_kind="ward", target_code=WARD)  # fmt: skip
    sending.queue_alert(alert=alert, start=False)
    send_alert.call(alert.pk)
    delivery = Delivery.objects.filter(channel="email").order_by("pk").first()
    reply = (f"From: one@example.org\r\nMessage-ID: <m1@example.org>\r\nIn-Reply-To: <crimeplan-delivery-{delivery.pk}"
             "@crimeplan>\r\nSubject: Re: Burglaries\r\n\r\nA van was parked by the school.\r\n").encode()  # fmt: skip
    broken = FakeMailbox({b"7": reply, b"8": b"Subject: out of office\r\n\r\nAway\r\n"}, fail_store=True)
    with pytest.raises(OSError):
        fetch_replies(lambda: broken)
    assert broken.seen == set() and Reply.objects.count() == 1  # stored, but not marked: read again next time
    mailbox = FakeMailbox(broken.messages)
    counts = fetch_replies(lambda: mailbox)
    assert (counts["read"], counts["stored"], counts["already stored"], counts["not a reply"]) == (2, 0, 1, 1)
    assert mailbox.seen == {b"7", b"8"} and mailbox.logins == [("replies", "secret")]
    assert Reply.objects.get().text == "A van was parked by the school."
    assert fetch_replies(lambda: mailbox)["read"] == 0  # nothing unread is left
    settings.REPLIES_IMAP = {**settings.REPLIES_IMAP, "HOST": ""}
    with pytest.raises(CommandError, match="Set CRIMEPLAN_REPLIES_IMAP_HOST"):
        call_command("alerts", "fetch-replies")

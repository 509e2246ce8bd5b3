"""How messages leave crimeplan: email (GOV.UK Notify, SMTP or files) and SMS (GOV.UK Notify or files).

An alert message is handed over in steps so a worker killed mid-send can tell what happened (see
``models.Delivery``): ``handover()`` is called just before the message content goes to the provider. Over
SMTP that is after the server has accepted the sender and the recipient and before ``DATA``; with Notify or
the file backends it is just before the one call that sends.
"""

from __future__ import annotations

import json
import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from crimeplan.engagement.models import Member

logger = logging.getLogger(__name__)


class SendFailed(Exception):
    """The provider refused the message: the reason is recorded on the delivery."""


@dataclass(frozen=True)
class Outgoing:
    channel: str
    to: str
    subject: str
    body: str
    unsubscribe_url: str = ""
    reference: str = ""


def notify_configured(channel: str) -> bool:
    if not settings.NOTIFY_API_KEY:
        return False
    return bool(settings.NOTIFY_TEMPLATE_ID if channel == "email" else settings.NOTIFY_SMS_TEMPLATE_ID)


def _email_message(message: Outgoing) -> EmailMessage:
    headers = {}
    if message.unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{message.unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    if message.reference:
        headers["Message-ID"] = f"<{message.reference}@crimeplan>"
    return EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.to],
        headers=headers,
    )


def _write_sms(message: Outgoing) -> None:
    folder = Path(settings.ALERTS_SMS_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    line = json.dumps(
        {"to": message.to, "body": message.body, "reference": message.reference, "at": timezone.now().isoformat()}
    )
    with (folder / f"sms-{timezone.now():%Y%m%d}.jsonl").open("a", encoding="utf-8") as out:
        out.write(line + "\n")


class Sender:
    """Sends messages of one channel, keeping one connection open for a batch (use as a context manager)."""

    def __init__(self, channel: str):
        self.channel = channel
        self.notify: Any = None
        self.connection: Any = None

    def __enter__(self) -> Sender:
        if notify_configured(self.channel):
            from notifications_python_client.notifications import NotificationsAPIClient

            self.notify = NotificationsAPIClient(settings.NOTIFY_API_KEY)  # type: ignore[no-untyped-call]
        elif self.channel == "email":
            self.connection = get_connection()
            self.connection.open()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except (smtplib.SMTPException, OSError):
                logger.warning("the mail connection did not close cleanly")

    def send(self, message: Outgoing, handover: Callable[[], None]) -> str:
        """Send one message; return the provider's reference. Raises :class:`SendFailed`."""
        if self.notify is not None:
            return self._notify(message, handover)
        if self.channel == "sms":
            handover()
            _write_sms(message)
            return message.reference
        smtp = getattr(self.connection, "connection", None)
        if isinstance(smtp, smtplib.SMTP):
            return self._smtp(smtp, message, handover)
        handover()
        if self.connection.send_messages([_email_message(message)]) != 1:
            raise SendFailed("the mail backend did not send the message")
        return message.reference

    def _smtp(self, smtp: smtplib.SMTP, message: Outgoing, handover: Callable[[], None]) -> str:
        email = _email_message(message).message()
        try:
            code, reply = smtp.mail(settings.DEFAULT_FROM_EMAIL)
            if code != 250:
                raise SendFailed(f"the mail server refused the sender: {code} {reply!r}")
            code, reply = smtp.rcpt(message.to)
            if code not in (250, 251):
                smtp.rset()
                raise SendFailed(f"the mail server refused the address: {code} {reply!r}")
            handover()
            code, reply = smtp.data(email.as_bytes(linesep="\r\n"))
        except smtplib.SMTPException as error:
            raise SendFailed(f"the mail server failed: {error}") from error
        if code != 250:
            raise SendFailed(f"the mail server did not accept the message: {code} {reply!r}")
        return message.reference

    def _notify(self, message: Outgoing, handover: Callable[[], None]) -> str:
        from notifications_python_client.errors import APIError

        handover()
        try:
            if self.channel == "email":
                response = self.notify.send_email_notification(
                    email_address=message.to,
                    template_id=settings.NOTIFY_TEMPLATE_ID,
                    personalisation={"subject": message.subject, "body": message.body},
                    reference=message.reference,
                    one_click_unsubscribe_url=message.unsubscribe_url or None,
                )
            else:
                response = self.notify.send_sms_notification(
                    phone_number=message.to,
                    template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
                    personalisation={"body": message.body},
                    reference=message.reference,
                )
        except APIError as error:
            raise SendFailed(f"GOV.UK Notify refused the message: {error}") from error
        return str(response.get("id", message.reference))


def send_system_email(member: Member, subject: str, body: str) -> None:
    """A confirmation or notice to a member (not an alert: no delivery row, no consent needed)."""
    if not member.email:
        return
    with Sender("email") as sender:
        sender.send(Outgoing("email", member.email, subject, body), lambda: None)


def send_system_sms(member: Member, body: str) -> None:
    if not member.phone:
        return
    with Sender("sms") as sender:
        sender.send(Outgoing("sms", member.phone, "", body), lambda: None)

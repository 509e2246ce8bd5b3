"""A Django email backend that sends through GOV.UK Notify.

Notify sends from templates: make one whose subject is ``((subject))`` and whose body is
``((body))``, and set ``NOTIFY_TEMPLATE_ID`` to it and ``NOTIFY_API_KEY`` to a key of the service.
Each recipient gets their own notification (Notify sends to one address at a time).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend


def notify_payloads(message: EmailMessage, template_id: str) -> list[dict[str, Any]]:
    """The ``send_email_notification`` arguments for each recipient of a message."""
    return [
        {
            "email_address": address,
            "template_id": template_id,
            "personalisation": {"subject": message.subject, "body": message.body},
        }
        for address in [*message.to, *message.cc, *message.bcc]
    ]


class NotifyEmailBackend(BaseEmailBackend):
    def __init__(self, fail_silently: bool = False, **kwargs: Any):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.api_key = kwargs.get("api_key") or settings.NOTIFY_API_KEY
        self.template_id = kwargs.get("template_id") or settings.NOTIFY_TEMPLATE_ID
        if not self.api_key or not self.template_id:
            raise ImproperlyConfigured(
                "Set NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID (a template with subject ((subject)) and body ((body)))."
            )

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from notifications_python_client.errors import APIError
        from notifications_python_client.notifications import NotificationsAPIClient

        client = NotificationsAPIClient(self.api_key)  # type: ignore[no-untyped-call]
        sent = 0
        for message in email_messages:
            try:
                for payload in notify_payloads(message, self.template_id):
                    client.send_email_notification(**payload)  # type: ignore[no-untyped-call]
            except APIError:
                if not self.fail_silently:
                    raise
            else:
                sent += 1
        return sent

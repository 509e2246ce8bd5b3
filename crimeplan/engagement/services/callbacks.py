"""GOV.UK Notify callbacks: delivery receipts, and inbound texts (STOP unsubscribes)."""

from __future__ import annotations

import hmac

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from crimeplan.engagement.constants import DeliveryState
from crimeplan.engagement.models import Delivery, Member
from crimeplan.engagement.services import members
from crimeplan.engagement.services.contacts import normalise_phone

STOP_WORDS = {"STOP", "STOPALL", "UNSUBSCRIBE", "END", "QUIT", "CANCEL"}
FAILED = {"permanent-failure": "permanent failure", "temporary-failure": "temporary failure",
          "technical-failure": "technical failure"}  # fmt: skip


def token_ok(header: str) -> bool:
    expected = settings.NOTIFY_CALLBACK_TOKEN
    if not expected or not header.startswith("Bearer "):
        return False
    return hmac.compare_digest(header.removeprefix("Bearer ").strip(), expected)


def _delivery_id(reference: str) -> int | None:
    prefix = "crimeplan-delivery-"
    tail = reference.removeprefix(prefix)
    return int(tail) if reference.startswith(prefix) and tail.isdigit() else None


def delivery_receipt(payload: dict[str, object]) -> bool:
    """Record Notify's receipt for one message; True when it named a delivery of ours."""
    reference, status = str(payload.get("reference") or ""), str(payload.get("status") or "")
    delivery_id = _delivery_id(reference)
    query = (
        Delivery.objects.filter(pk=delivery_id) if delivery_id else Delivery.objects.filter(reference=payload.get("id"))
    )
    rows = query.filter(state__in=[DeliveryState.SENT, DeliveryState.HANDING_OVER, DeliveryState.DELIVERED])
    if status == "delivered":
        when = parse_datetime(str(payload.get("completed_at") or "")) or timezone.now()
        return bool(rows.update(state=DeliveryState.DELIVERED, delivered_at=when))
    if status in FAILED:
        return bool(rows.update(state=DeliveryState.FAILED, failure_reason=f"GOV.UK Notify: {FAILED[status]}"))
    return query.exists()


def inbound_text(payload: dict[str, object]) -> str:
    """Handle an inbound text: STOP (and its synonyms) unsubscribes the number's SMS channel at once."""
    content = str(payload.get("content") or "").strip().upper()
    try:
        phone = normalise_phone(str(payload.get("source_number") or ""))
    except ValidationError:
        return "ignored"
    member = Member.objects.active().filter(phone=phone).first()
    if member is None:
        return "ignored"
    if content.split()[:1] and content.split()[0] in STOP_WORDS:
        members.unsubscribe(member=member, channel="sms", how="STOP text")
        return "unsubscribed"
    return "ignored"

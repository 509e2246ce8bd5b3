"""Queueing an alert and sending its deliveries: exactly one message per (alert, member, channel).

``queue_alert`` writes one :class:`Delivery` per member and live channel (the unique constraint makes a second
queueing a no-op) and starts the sending task. ``send_batch`` claims up to a batch of due rows with one UPDATE
(``queued`` → ``sending``, stamped with the worker), checks consent and quiet hours again, marks each row
``handing_over`` just before its content goes and ``sent`` once the provider accepts it. Rows whose worker died
are recovered: ``sending`` ones go back to the queue (nothing was handed over), ``handing_over`` ones are failed
and never resent (the member may have the message). See docs/engagement.md.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from crimeplan.audit.services import record_event
from crimeplan.engagement.constants import SMS_LENGTH, AlertStatus, DeliveryState, Priority
from crimeplan.engagement.events import AlertQueued
from crimeplan.engagement.models import Alert, Delivery, Subscription
from crimeplan.engagement.services import targeting
from crimeplan.engagement.services.messaging import Outgoing, Sender, SendFailed

HOST = socket.gethostname()


def quiet_until(start: dt.time | None, end: dt.time | None, at: dt.datetime) -> dt.datetime | None:
    """When quiet hours (local time) that include ``at`` end, or None when ``at`` is outside them."""
    if start is None or end is None or start == end:
        return None
    local = at.astimezone(ZoneInfo(settings.TIME_ZONE))
    t = local.time()
    inside = start <= t < end if start < end else (t >= start or t < end)
    if not inside:
        return None
    day = local.date() if (start < end or t < end) else local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(day, end, tzinfo=ZoneInfo(settings.TIME_ZONE))


def sms_text(alert: Alert) -> str:
    return alert.sms_body or f"{alert.subject}: {alert.body}"


def sms_parts(text: str) -> int:
    """How many SMS fragments a text takes (160 characters alone, 153 each when split)."""
    return 1 if len(text) <= SMS_LENGTH else -(-len(text) // 153)


def message_for(delivery: Delivery) -> Outgoing:
    alert, member = delivery.alert, delivery.member
    base = settings.BASE_URL
    unsubscribe = base + reverse("engagement:unsubscribe", args=[member.manage_token, delivery.channel])
    reference = f"crimeplan-delivery-{delivery.pk}"
    if delivery.channel == "sms":
        return Outgoing("sms", member.phone or "", "", f"{sms_text(alert)} Reply STOP to opt out.", reference=reference)
    reply = base + reverse("engagement:reply", args=[alert.pk, member.manage_token])
    body = (
        f"{alert.body}\n\n---\nFrom: {alert.get_provider_display()}\nReply or tell us something: {reply}\n"
        f"Change your alerts: {base + reverse('engagement:manage', args=[member.manage_token])}\n"
        f"Stop email alerts: {unsubscribe}\n"
    )
    return Outgoing("email", member.email or "", alert.subject, body, unsubscribe_url=unsubscribe, reference=reference)


@transaction.atomic
def queue_alert(*, alert: Alert, user: object = None, start: bool = True) -> int:
    """Write the alert's deliveries and start sending (now, or at its scheduled time); the members targeted."""
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.priority == Priority.HIGH and alert.approved_at is None:
        raise ValidationError("A high-priority alert needs a second person's approval first.", code="needs_approval")
    if alert.status in (AlertStatus.SENDING, AlertStatus.SENT, AlertStatus.CANCELLED):
        raise ValidationError(f"This alert is already {alert.get_status_display().lower()}.", code="not_draft")
    now = timezone.now()
    rows = []
    for sub in (
        targeting.channels_reached(alert)
        .only("member_id", "channel", "quiet_start", "quiet_end")
        .iterator(chunk_size=5000)
    ):
        rows.append(
            Delivery(
                alert=alert,
                member_id=sub.member_id,
                channel=sub.channel,
                not_before=quiet_until(sub.quiet_start, sub.quiet_end, max(now, alert.scheduled_for or now)),
            )
        )
    Delivery.objects.bulk_create(rows, batch_size=5000, ignore_conflicts=True)
    alert.targeted = len({row.member_id for row in rows})
    alert.queued_at = now
    later = alert.scheduled_for is not None and alert.scheduled_for > now
    alert.status = AlertStatus.SCHEDULED if later else AlertStatus.SENDING
    alert.save(update_fields=["targeted", "queued_at", "status"])
    record_event(AlertQueued(alert=alert.pk, provider=alert.provider, targeted=alert.targeted), actor=user, obj=alert)
    from crimeplan.engagement.tasks import start_sending

    if start:
        transaction.on_commit(lambda: start_sending(alert.pk, at=alert.scheduled_for if later else None))
    return alert.targeted


def worker_id() -> str:
    return f"{HOST}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _claimer_is_gone(claimed_by: str, claimed_at: dt.datetime | None, now: dt.datetime) -> bool:
    host, _, rest = claimed_by.partition(":")
    pid = rest.partition(":")[0]
    if host == HOST and pid.isdigit() and int(pid) != os.getpid():
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except PermissionError:
            return False
        return False
    return claimed_at is None or now - claimed_at > dt.timedelta(seconds=settings.ALERTS_LEASE_SECONDS)


def recover(alert_id: int) -> dict[str, int]:
    """Deal with rows a dead worker left: ``sending`` back to the queue, ``handing_over`` failed."""
    now = timezone.now()
    counts = {"requeued": 0, "failed": 0}
    stale = Delivery.objects.filter(alert_id=alert_id, state__in=[DeliveryState.SENDING, DeliveryState.HANDING_OVER])
    for pk, state, claimed_by, claimed_at in stale.values_list("pk", "state", "claimed_by", "claimed_at"):
        if not _claimer_is_gone(claimed_by, claimed_at, now):
            continue
        row = Delivery.objects.filter(pk=pk, state=state, claimed_by=claimed_by)
        if state == DeliveryState.SENDING:
            counts["requeued"] += row.update(state=DeliveryState.QUEUED, claimed_by="", claimed_at=None)
        else:
            counts["failed"] += row.update(
                state=DeliveryState.FAILED,
                failure_reason="interrupted while handed to the provider: it may have arrived, so it is not resent",
            )
    return counts


def _claim(alert_id: int, me: str, size: int) -> list[Delivery]:
    now = timezone.now()
    due = Delivery.objects.filter(alert_id=alert_id, state=DeliveryState.QUEUED).filter(
        Q(not_before__isnull=True) | Q(not_before__lte=now)
    )
    ids = list(due.order_by("id").values_list("id", flat=True)[:size])
    Delivery.objects.filter(id__in=ids, state=DeliveryState.QUEUED).update(
        state=DeliveryState.SENDING, claimed_by=me, claimed_at=now
    )
    return list(
        Delivery.objects.filter(id__in=ids, claimed_by=me, state=DeliveryState.SENDING)
        .select_related("alert", "member")
        .order_by("id")
    )


def _fail(delivery: Delivery, reason: str) -> None:
    Delivery.objects.filter(pk=delivery.pk).update(state=DeliveryState.FAILED, failure_reason=reason[:300])


def _defer_if_quiet(delivery: Delivery, now: dt.datetime) -> bool:
    sub = Subscription.objects.filter(member_id=delivery.member_id, channel=delivery.channel).first()
    until = quiet_until(sub.quiet_start, sub.quiet_end, now) if sub else None
    if until is None:
        return False
    Delivery.objects.filter(pk=delivery.pk).update(
        state=DeliveryState.QUEUED, claimed_by="", claimed_at=None, not_before=until
    )
    return True


@dataclass
class BatchResult:
    sent: int = 0
    failed: int = 0
    deferred: int = 0


def _send_one(delivery: Delivery, sender: Sender, me: str, result: BatchResult) -> None:
    reason = targeting.may_message(
        member_id=delivery.member_id, provider=delivery.alert.provider, channel=delivery.channel
    )
    if reason:
        _fail(delivery, f"not sent: {reason}")
        result.failed += 1
        return
    if _defer_if_quiet(delivery, timezone.now()):
        result.deferred += 1
        return
    mine = Delivery.objects.filter(pk=delivery.pk, claimed_by=me)

    def handover() -> None:
        mine.filter(state=DeliveryState.SENDING).update(state=DeliveryState.HANDING_OVER)

    try:
        reference = sender.send(message_for(delivery), handover)
    except SendFailed as error:
        mine.update(state=DeliveryState.FAILED, failure_reason=str(error)[:300])
        result.failed += 1
        return
    mine.update(state=DeliveryState.SENT, sent_at=timezone.now(), reference=reference[:100])
    result.sent += 1


def send_batch(alert_id: int, *, size: int | None = None, per_second: float | None = None) -> BatchResult:
    """Claim and send one batch of due deliveries of an alert, paced to the provider's rate."""
    me = worker_id()
    rows = _claim(alert_id, me, size or settings.ALERTS_BATCH_SIZE)
    result = BatchResult()
    pace = 1.0 / (per_second or settings.ALERTS_PER_SECOND)
    # Stop well inside the lease, so the task's successor never finds this worker still sending.
    deadline = time.monotonic() + settings.ALERTS_LEASE_SECONDS / 2
    for channel in ("email", "sms"):
        mine = [row for row in rows if row.channel == channel]
        if not mine:
            continue
        with Sender(channel) as sender:
            for delivery in mine:
                if time.monotonic() > deadline:
                    break
                started = time.monotonic()
                _send_one(delivery, sender, me, result)
                time.sleep(max(0.0, pace - (time.monotonic() - started)))
    # Rows claimed but not reached go back to the queue (nothing of theirs was handed over).
    Delivery.objects.filter(alert_id=alert_id, claimed_by=me, state=DeliveryState.SENDING).update(
        state=DeliveryState.QUEUED, claimed_by="", claimed_at=None
    )
    return result


def next_due(alert_id: int) -> dt.datetime | None:
    """When the alert's next queued row is due (now for a row without a deferral), or None when none is queued."""
    queued = Delivery.objects.filter(alert_id=alert_id, state=DeliveryState.QUEUED)
    if queued.filter(not_before__isnull=True).exists():
        return timezone.now()
    first: dt.datetime | None = queued.aggregate(first=Min("not_before"))["first"]
    return first


def mark_sending(alert_id: int) -> None:
    """A scheduled alert whose time has come is sending."""
    Alert.objects.filter(pk=alert_id, status=AlertStatus.SCHEDULED).update(status=AlertStatus.SENDING)


def finish_if_done(alert_id: int) -> bool:
    open_rows = Delivery.objects.filter(
        alert_id=alert_id, state__in=[DeliveryState.QUEUED, DeliveryState.SENDING, DeliveryState.HANDING_OVER]
    )
    if open_rows.exists():
        return False
    Alert.objects.filter(pk=alert_id, status__in=[AlertStatus.SENDING, AlertStatus.SCHEDULED]).update(
        status=AlertStatus.SENT, finished_at=timezone.now()
    )
    return True


def counts(alert_id: int) -> dict[str, int]:
    """Deliveries by state (``sending`` and ``handing_over`` count as queued): queued, sent, delivered, failed."""
    by_state = dict(
        Delivery.objects.filter(alert_id=alert_id)
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    return {
        "queued": sum(by_state.get(s, 0) for s in ("queued", "sending", "handing_over")),
        "sent": by_state.get("sent", 0),
        "delivered": by_state.get("delivered", 0),
        "failed": by_state.get("failed", 0),
    }

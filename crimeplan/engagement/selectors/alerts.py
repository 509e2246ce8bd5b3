"""Reads for the staff pages: alerts, their delivery logs, the replies inbox and the members list (audited)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from crimeplan.audit.services import record_event
from crimeplan.engagement.events import MemberDataRead
from crimeplan.engagement.models import Alert, Delivery, Member, Reply
from crimeplan.engagement.services import sending


def alerts() -> QuerySet[Alert]:
    return Alert.objects.select_related("created_by", "approved_by")


def progress(alert: Alert) -> dict[str, Any]:
    counts = sending.counts(alert.pk)
    total = sum(counts.values())
    done = total - counts["queued"]
    return {**counts, "total": total, "done": done, "percent": round(100 * done / total) if total else 0}


def delivery_log(alert: Alert, *, limit: int | None = 200) -> QuerySet[Delivery]:
    rows = Delivery.objects.filter(alert=alert).order_by("id")
    return rows[:limit] if limit else rows


def members_list(*, request: Any, limit: int = 500) -> list[Member]:
    """Members with their contact details, for staff: the read is audited."""
    members = list(Member.objects.active().prefetch_related("subscriptions", "consents").order_by("-id")[:limit])
    record_event(MemberDataRead(what="members list", members=len(members)), request=request)
    return members


def members_export(*, request: Any) -> QuerySet[Member]:
    members = Member.objects.active().order_by("id")
    record_event(MemberDataRead(what="members export", members=members.count()), request=request)
    return members


def inbox(*, request: Any) -> list[Reply]:
    replies = list(Reply.objects.select_related("alert", "member").order_by("-received_at")[:500])
    record_event(MemberDataRead(what="replies inbox", members=len(replies)), request=request)
    return replies


def reply_for_staff(*, request: Any, pk: int) -> Reply | None:
    reply = Reply.objects.select_related("alert", "member").filter(pk=pk).first()
    if reply is not None:
        record_event(MemberDataRead(what=f"reply {reply.pk}", members=1), request=request, obj=reply)
    return reply

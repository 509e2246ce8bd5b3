"""Composing, approving and cancelling alerts; templates with placeholders; suggested drafts."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from crimeplan.audit.services import record_event
from crimeplan.engagement.constants import ALERT_TEMPLATES, AlertStatus, Priority, Provider, Topic
from crimeplan.engagement.events import AlertApproved
from crimeplan.engagement.models import Alert
from crimeplan.engagement.services import targeting


def fill(text: str, *, area: str, provider: str) -> str:
    """Fill a template's placeholders: ((area)), ((provider)) and ((date))."""
    today = date_format(timezone.localdate(), "j F Y")
    return text.replace("((area))", area).replace("((provider))", provider).replace("((date))", today)


def from_template(key: str, *, area: str, provider: str) -> tuple[str, str]:
    subject, body = ALERT_TEMPLATES[key]
    label = Provider(provider).label if provider in Provider.values else provider
    return fill(subject, area=area, provider=label), fill(body, area=area, provider=label)


@transaction.atomic
def create_alert(
    *,
    user: object,
    provider: str,
    subject: str,
    body: str,
    topics: list[str],
    target_kind: str,
    target_code: str = "",
    target_geojson: dict[str, object] | None = None,
    target_latitude: float | None = None,
    target_longitude: float | None = None,
    target_radius_m: int | None = None,
    priority: int = Priority.NORMAL,
    sms_body: str = "",
    scheduled_for: dt.datetime | None = None,
    is_example: bool = False,
    suggested_from: str = "",
) -> Alert:
    if provider not in Provider.values:
        raise ValidationError(
            f"Unknown provider {provider!r}: use one of {', '.join(Provider.values)}.", code="provider"
        )
    unknown = sorted(set(topics) - set(Topic.values))
    if unknown:
        raise ValidationError(f"Unknown topic {', '.join(unknown)}: use {', '.join(Topic.values)}.", code="topic")
    if "((" in subject + body:
        raise ValidationError("Fill in every ((placeholder)) before saving.", code="placeholder")
    lsoas = targeting.area_lsoas(
        kind=target_kind,
        code=target_code,
        geojson=target_geojson,
        latitude=target_latitude,
        longitude=target_longitude,
        radius_m=target_radius_m,
    )
    alert = Alert(
        provider=provider,
        subject=subject.strip(),
        body=body.strip(),
        sms_body=sms_body.strip(),
        priority=priority,
        topics=topics,
        target_kind=target_kind,
        target_code=target_code,
        target_geojson=target_geojson,
        target_latitude=target_latitude,
        target_longitude=target_longitude,
        target_radius_m=target_radius_m,
        target_lsoas=lsoas,
        scheduled_for=scheduled_for,
        is_example=is_example,
        suggested_from=suggested_from,
        created_by=user if getattr(user, "pk", None) else None,  # type: ignore[misc]
        status=AlertStatus.AWAITING_APPROVAL if priority == Priority.HIGH else AlertStatus.DRAFT,
    )
    alert.full_clean()
    alert.save()
    return alert


@transaction.atomic
def approve_alert(*, alert: Alert, user: object) -> Alert:
    """A second person approves a high-priority alert (never the person who wrote it)."""
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.status != AlertStatus.AWAITING_APPROVAL:
        raise ValidationError("This alert is not waiting for approval.", code="not_awaiting")
    if alert.created_by_id is not None and alert.created_by_id == getattr(user, "pk", None):
        raise ValidationError("Someone other than the author must approve a high-priority alert.", code="same_person")
    alert.approved_by = user  # type: ignore[assignment]
    alert.approved_at = timezone.now()
    alert.status = AlertStatus.DRAFT
    alert.save(update_fields=["approved_by", "approved_at", "status"])
    record_event(AlertApproved(alert=alert.pk), actor=user, obj=alert)
    return alert


@transaction.atomic
def cancel_alert(*, alert: Alert, user: object) -> None:
    if alert.status not in (AlertStatus.DRAFT, AlertStatus.AWAITING_APPROVAL, AlertStatus.SCHEDULED):
        raise ValidationError("Only an alert not yet sending can be cancelled.", code="not_cancellable")
    from crimeplan.engagement.constants import DeliveryState

    alert.deliveries.filter(state=DeliveryState.QUEUED).update(
        state=DeliveryState.FAILED, failure_reason="the alert was cancelled before sending"
    )
    alert.status = AlertStatus.CANCELLED
    alert.save(update_fields=["status"])

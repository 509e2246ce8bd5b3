"""``record_event``: the one way to write to the audit trail."""

from __future__ import annotations

from typing import Any

from django.db import models, transaction
from django.http import HttpRequest

from crimeplan.audit.chain import append
from crimeplan.audit.coverage import note_written
from crimeplan.audit.events import EVENTS, Event
from crimeplan.audit.models import AuditEvent


def _client_ip(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_event(
    event: Event,
    *,
    actor: Any = None,
    request: HttpRequest | None = None,
    obj: models.Model | None = None,
    purpose: str = "",
) -> AuditEvent:
    """Append one event to the chain. ``actor`` defaults to the request's signed-in user."""
    if type(event).name not in EVENTS:
        raise ValueError(f"{type(event).__name__} is not a registered audit event")
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    organisation = getattr(actor, "organisation", None)
    record = AuditEvent(
        event=event.name,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=actor.get_username() if actor is not None else "",
        organisation_name=str(organisation) if organisation else "",
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        purpose=purpose,
        ip_address=_client_ip(request),
        data=event.data(),
    )
    record.full_clean(exclude=["sequence", "previous_hash", "hash"])
    with transaction.atomic():
        append(record)
    note_written(record.event)
    return record

"""The hash chain that makes the audit trail verifiable.

Each event's ``hash`` is SHA-256 over a canonical serialisation (sorted-key JSON, UTC timestamps
to the microsecond) of its fields and the previous event's hash. Events are numbered 1, 2, 3 …
(``sequence``) by the writer holding the lock on the one ``ChainHead`` row (``SELECT … FOR UPDATE``
on PostgreSQL; SQLite lets one writer at a time in), so concurrent writers still make one chain.
:func:`verify` recomputes it: an edited event no longer matches its hash, a deleted one leaves a
gap in the numbers, and deleted last events leave the head ahead of the table.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from django.db import connection
from django.db.models import F
from django.utils import timezone

from crimeplan.audit.models import AuditEvent, ChainHead

GENESIS = "0" * 64
HEAD = 1  # the primary key of the one ChainHead row


def _plain(value: Any) -> Any:
    """JSON as the database gives it back: whole floats are integers (PostgreSQL's jsonb keeps no float type)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def canonical(event: AuditEvent) -> bytes:
    """The bytes the hash is taken over: every recorded field and the previous hash."""
    fields = {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "event": event.event,
        "actor_id": event.actor_id,
        "actor_name": event.actor_name,
        "organisation_name": event.organisation_name,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "purpose": event.purpose,
        "ip_address": event.ip_address or None,
        "data": _plain(event.data),
        "previous_hash": event.previous_hash,
    }
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def digest(event: AuditEvent) -> str:
    return hashlib.sha256(canonical(event)).hexdigest()


def _locked_head() -> ChainHead:
    """The chain head, locked until the transaction ends (made from the last event if missing)."""
    heads = ChainHead.objects.filter(pk=HEAD)
    if connection.vendor == "sqlite":
        heads.update(sequence=F("sequence"))  # write first: take SQLite's one-writer lock before reading
    head = heads.select_for_update().first()
    if head is None:
        last = AuditEvent.objects.order_by("-sequence").first()
        head = ChainHead.objects.create(
            pk=HEAD, sequence=last.sequence if last else 0, hash=last.hash if last else GENESIS
        )
    return head


def append(record: AuditEvent) -> AuditEvent:
    """Number, chain and save ``record`` (already validated); call inside a transaction."""
    head = _locked_head()
    record.occurred_at = timezone.now()  # under the lock, so time never runs backwards along the chain
    record.data = _plain(json.loads(json.dumps(record.data)))
    record.sequence = head.sequence + 1
    record.previous_hash = head.hash
    record.hash = digest(record)
    record.save()
    head.sequence, head.hash = record.sequence, record.hash
    head.save(update_fields=["sequence", "hash"])
    return record


@dataclass(frozen=True)
class Verdict:
    """What :func:`verify` found: how many events it checked, and the first problem (None if sound)."""

    checked: int
    last_hash: str
    problem: str | None = None

    @property
    def sound(self) -> bool:
        return self.problem is None


def check(events: Iterable[AuditEvent], head: ChainHead | None) -> Verdict:
    """Walk the events in sequence order; stop at the first that breaks the chain."""
    previous, expected, checked = GENESIS, 1, 0
    for event in events:
        where = f"event {event.sequence} (id {event.pk}, {event.event}, {event.occurred_at:%Y-%m-%d %H:%M:%S})"
        if event.sequence != expected:
            missing = f"{expected}" if event.sequence == expected + 1 else f"{expected} to {event.sequence - 1}"
            return Verdict(checked, previous, f"{where}: event {missing} before it is missing (deleted)")
        if event.previous_hash != previous:
            return Verdict(checked, previous, f"{where}: its previous hash is not the hash of event {expected - 1}")
        if digest(event) != event.hash:
            return Verdict(checked, previous, f"{where}: its contents do not match its hash (edited)")
        previous, expected, checked = event.hash, expected + 1, checked + 1
    if head is not None and head.sequence != checked:
        return Verdict(checked, previous, f"event {checked + 1} to {head.sequence}: missing after the last (deleted)")
    if head is not None and head.hash != previous:
        return Verdict(checked, previous, f"event {checked}: the chain head holds a different hash (edited)")
    return Verdict(checked, previous)


def verify() -> Verdict:
    """Recompute the whole chain from the database."""
    events = AuditEvent.objects.order_by("sequence").iterator(chunk_size=2000)
    return check(events, ChainHead.objects.filter(pk=HEAD).first())

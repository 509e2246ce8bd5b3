"""The append-only audit trail: events chained by hashes, and the chain's head."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.db.models.fields.related_descriptors import ForwardManyToOneDescriptor
from django.utils import timezone


class AppendOnlyError(Exception):
    """Audit records are never changed or deleted."""


class AuditQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be changed")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("audit events cannot be deleted")


class _GoneIsNone(ForwardManyToOneDescriptor):  # type: ignore[type-arg]
    """``event.actor`` is None once the account is deleted; ``event.actor_id`` still says which it was."""

    def __get__(self, instance: Any, cls: Any = None) -> Any:
        try:
            return super().__get__(instance, cls)
        except self.field.remote_field.model.DoesNotExist:
            return None


class KeptForeignKey(models.ForeignKey):  # type: ignore[type-arg]
    """A reference that is never changed when its target goes (no database constraint, no cascade)."""

    forward_related_accessor_class = _GoneIsNone

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.update(on_delete=models.DO_NOTHING, db_constraint=False)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("on_delete", None)
        kwargs.pop("db_constraint", None)
        return name, path, args, kwargs


class AuditEvent(models.Model):
    """One thing that happened: who, what, to which object, why and when.

    Names of the actor and organisation are copied so that the record still says who acted after
    the account is removed (``actor_id`` is kept too). Each event stores the hash of the event
    before it (``previous_hash``) and its own (``hash``, over its fields and ``previous_hash``), in
    ``sequence`` order, so an edit or a gap is found by ``crimeplan audit verify``. Database
    triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL): see ``triggers``.
    """

    sequence = models.PositiveBigIntegerField(unique=True, help_text="1, 2, 3 … in the order written")
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    event = models.CharField(max_length=60, db_index=True)
    actor = KeptForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, related_name="+")  # type: ignore[misc]
    actor_name = models.CharField(max_length=150, blank=True)
    organisation_name = models.CharField(max_length=200, blank=True)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    purpose = models.CharField(max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.event} by {self.actor_name or 'system'}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("audit events cannot be deleted")


class ChainHead(models.Model):
    """One row: the last event's sequence and hash. Writers lock it, so the events form one chain."""

    sequence = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = "audit chain head"

    def __str__(self) -> str:
        return f"event {self.sequence}: {self.hash[:12]}"

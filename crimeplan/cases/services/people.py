"""Correcting a person's record (rectification)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from crimeplan.audit.services import record_event
from crimeplan.cases.events import PersonRectified
from crimeplan.cases.models import Person, Rectification
from crimeplan.cases.services.common import name_of, organisation_name, save

RECTIFIABLE = (
    "given_name",
    "family_name",
    "date_of_birth",
    "sex",
    "address",
    "postcode",
    "phone",
    "email",
    "ethnicity",
    "sexual_orientation",
)


@transaction.atomic
def rectify(*, person: Person, by: Any, changes: Mapping[str, Any], reason: str) -> Rectification:
    """Apply the corrections that differ from what is held, and record which fields and why."""
    unknown = sorted(set(changes) - set(RECTIFIABLE))
    if unknown:
        raise ValueError(f"cannot rectify {', '.join(unknown)}: use {', '.join(RECTIFIABLE)}")
    if not reason.strip():
        raise ValidationError({"reason": ValidationError("Enter why the record is being corrected", code="required")})
    fields = [name for name in RECTIFIABLE if name in changes and changes[name] != getattr(person, name)]
    if not fields:
        raise ValidationError(
            {"reason": ValidationError("Nothing was changed: correct at least one detail", code="unchanged")}
        )
    for name in fields:
        setattr(person, name, changes[name])
    save(person)
    correction = Rectification(
        person=person, fields=fields, reason=reason, by=by, by_name=name_of(by), organisation_name=organisation_name(by)
    )
    save(correction)
    record_event(PersonRectified(fields=fields), actor=by, obj=person, purpose=f"Rectification: {reason[:200]}")
    return correction

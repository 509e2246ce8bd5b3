"""Scoring a group (MoRiLE-style; see ``crimeplan.analytics.scoring``)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from crimeplan.analytics.scoring import score_group as calculate
from crimeplan.core.permissions import check
from crimeplan.ocg.models import GroupScore, OrganisedCrimeGroup
from crimeplan.ocg.permissions import MANAGE


@transaction.atomic
def score_group(
    *, user: Any, group: OrganisedCrimeGroup, inputs: dict[str, int | None], confidence: str, on: date
) -> GroupScore:
    """Record a new score for the group (earlier scores stay as its history)."""
    if user is not None:
        check(user, MANAGE)
    try:
        result = calculate(inputs, confidence=confidence)
    except ValueError as exc:
        raise ValidationError(str(exc), code="score") from exc
    row = GroupScore(
        group=group,
        inputs=inputs,
        confidence=confidence,
        score=result.score,
        high=result.high,
        band=result.band,
        unknown=list(result.unknown),
        scored_on=on,
        is_example=group.is_example,
    )
    row.full_clean()
    row.save()
    return row

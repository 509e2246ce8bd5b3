"""The plan version: changes with every save or delete of plan data or of a record a provider counts.

A receiver on every model's ``post_save``/``post_delete`` bumps it when the model is one of the
plan's own (plan, priority, measure, target, figure) or one a registered provider reads. Bulk
``QuerySet.update()`` calls send no signal: code that changes counted records that way calls
``bump()`` itself.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from crimeplan.performance.providers import watched_models

PLAN_MODELS = frozenset(
    {
        "performance.Plan",
        "performance.Priority",
        "performance.Measure",
        "performance.MeasureFigure",
        "performance.TargetPoint",
    }
)


def current() -> int:
    """The plan version now (0 before anything changed)."""
    from crimeplan.performance.models import PlanVersion

    return PlanVersion.objects.filter(pk=1).values_list("number", flat=True).first() or 0


def bump() -> None:
    """Move the plan version on (inside the caller's transaction, so it commits with the change)."""
    from crimeplan.performance.models import PlanVersion

    if not PlanVersion.objects.filter(pk=1).update(number=F("number") + 1):
        PlanVersion.objects.update_or_create(pk=1, defaults={"number": 1})


def _changed(sender: Any, **kwargs: Any) -> None:
    label = getattr(getattr(sender, "_meta", None), "label", "")
    if label in PLAN_MODELS or label in watched_models():
        bump()


def connect() -> None:
    post_save.connect(_changed, dispatch_uid="crimeplan.performance.versions.save")
    post_delete.connect(_changed, dispatch_uid="crimeplan.performance.versions.delete")

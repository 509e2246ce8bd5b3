"""Road safety vocabulary: kinds of partners' action, and what the demo loads."""

from __future__ import annotations

from django.db import models


class ActionKind(models.TextChoices):
    SPEEDWATCH = "speedwatch", "Community Speedwatch session"
    ENFORCEMENT = "enforcement", "Enforcement campaign"
    ENGINEERING = "engineering", "Engineering scheme"


#: Radius around an action's site that counts as "treated" in a before/after evaluation.
TREATED_RADIUS_M = 500
#: The force whose STATS19 tables the repository ships (``data/stats19/``).
SHIPPED_FORCE = "west-yorkshire"
SHIPPED_YEAR = 2024

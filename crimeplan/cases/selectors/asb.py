"""ASB complaints and case reviews as the acting user may see them."""

from __future__ import annotations

from typing import Any

from crimeplan.cases.constants import ProgrammeKind
from crimeplan.cases.models import AsbIncident, Case
from crimeplan.cases.permissions import organisation_of, visible_cases


def asb_incidents_for(user: Any, *, limit: int = 100) -> list[AsbIncident]:
    """The complaints the user's organisation recorded, newest first as stored."""
    return list(
        AsbIncident.objects.filter(recorded_by_organisation=organisation_of(user)).select_related("review__case")[
            :limit
        ]
    )


def asb_reviews_for(user: Any, *, limit: int = 50) -> list[Case]:
    """The ASB case reviews among the cases the user may see, newest first."""
    return list(
        visible_cases(user)
        .filter(programme__kind=ProgrammeKind.ASB_REVIEW)
        .select_related("asb_review", "person")
        .order_by("-created_at")[:limit]
    )

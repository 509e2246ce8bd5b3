"""Volunteers as their agency sees them: nobody reads another agency's volunteers."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.shortcuts import get_object_or_404

from crimeplan.cases.models import Volunteer
from crimeplan.cases.permissions import organisation_of


def volunteers_of(user: Any) -> QuerySet[Volunteer]:
    """The volunteers of the user's organisation, with their hours and open matches."""
    return (
        Volunteer.objects.filter(organisation=organisation_of(user))
        .annotate(
            hours_total=Sum("hours__hours"), open_matches=Count("matches", filter=Q(matches__ended_on__isnull=True))
        )
        .prefetch_related("domains")
    )


def volunteer_for(user: Any, pk: int) -> Volunteer:
    """One volunteer of the user's organisation; 404 for any other."""
    return get_object_or_404(Volunteer, pk=pk, organisation=organisation_of(user))

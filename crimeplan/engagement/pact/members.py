"""PACT's one door to the engagement app's members: who is a verified member of a neighbourhood.

"Verified" is the engagement app's rule (at least one confirmed channel subscription), read through its
selectors, so PACT never decides it twice.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet

from crimeplan.engagement.pact.models import Neighbourhood


def verified_members(neighbourhood: Neighbourhood) -> QuerySet[Any]:
    """The verified members living in the neighbourhood's LSOAs."""
    from crimeplan.engagement.selectors.members import verified_members_in

    return verified_members_in(list(neighbourhood.lsoa_codes))


def verified_member(neighbourhood: Neighbourhood, member_pk: int) -> Any | None:
    """The member with this id if they are a verified member of the neighbourhood, else None."""
    return verified_members(neighbourhood).filter(pk=member_pk).first()


def verified_member_by_email(neighbourhood: Neighbourhood, email: str) -> Any | None:
    return verified_members(neighbourhood).filter(email__iexact=email.strip()).order_by("pk").first()


def members_by_lsoa(neighbourhood: Neighbourhood) -> dict[str, int]:
    """Verified members (example members left out) in each of the neighbourhood's LSOAs."""
    rows = (
        verified_members(neighbourhood)
        .filter(is_example=neighbourhood.is_example)
        .order_by()
        .values("lsoa_code")
        .annotate(n=Count("pk", distinct=True))
    )
    return {row["lsoa_code"]: row["n"] for row in rows}

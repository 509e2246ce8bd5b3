"""Who may read what in the organised-crime register.

Rules (role × handling code × need-to-know):
- ``ocg.view_register`` reads OFFICIAL items; ``ocg.view_sensitive`` is needed as well for
  OFFICIAL-SENSITIVE items.
- An item with a need-to-know group is read only by members of the Django group of that name
  (superusers read everything).
- ``ocg.analyse_networks`` imports and analyses networks; ``ocg.manage_register`` changes the register.
Denied reads look exactly like "not found" (the selectors filter; views raise 404).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from crimeplan.ocg.constants import HandlingCode

VIEW = "ocg.view_register"
SENSITIVE = "ocg.view_sensitive"
MANAGE = "ocg.manage_register"
ANALYSE = "ocg.analyse_networks"


def readable_codes(user: Any) -> list[str]:
    """Handling codes the user may read (none without ``view_register``)."""
    if not (user.is_active and user.has_perm(VIEW)):
        return []
    if user.has_perm(SENSITIVE):
        return [HandlingCode.OFFICIAL, HandlingCode.OFFICIAL_SENSITIVE]
    return [HandlingCode.OFFICIAL]


def readable(user: Any, prefix: str = "") -> Q:
    """A filter for register items the user may read (``prefix`` for a related item, e.g. ``group__``)."""
    codes = readable_codes(user)
    if not codes:
        return Q(pk__in=[])
    allowed = Q(**{f"{prefix}handling_code__in": codes})
    if user.is_superuser:
        return allowed
    teams = list(user.groups.values_list("name", flat=True))
    return allowed & (Q(**{f"{prefix}need_to_know": ""}) | Q(**{f"{prefix}need_to_know__in": teams}))


def may_read(user: Any, item: Any) -> bool:
    """The same rule for one loaded item."""
    if item.handling_code not in readable_codes(user):
        return False
    if not item.need_to_know or user.is_superuser:
        return True
    return bool(user.groups.filter(name=item.need_to_know).exists())

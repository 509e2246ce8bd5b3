"""Values every page needs: the service and office names and the navigation."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from crimeplan.analytics.forces import all_forces
from crimeplan.core import navigation


def service(request: HttpRequest) -> dict[str, object]:
    force = all_forces().get(settings.DEFAULT_FORCE)
    return {
        "service_name": "crimeplan",
        "force_name": force.name if force else settings.DEFAULT_FORCE,
        "place_name": force.place if force else settings.DEFAULT_FORCE,
        "navigation": navigation.items(request),
        "contact": contact(),
    }


def contact() -> dict[str, str]:
    """How to reach the office (for pages and emails): its name, email address and telephone number."""
    return {"name": settings.FUNDER_NAME, "email": settings.CONTACT_EMAIL, "phone": settings.CONTACT_PHONE}

"""The service navigation: which sections a visitor sees, and which is current."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class Section:
    label: str
    url_name: str
    #: View names (or ``namespace:`` prefixes) under which the section is current.
    active_for: tuple[str, ...]
    staff_only: bool = False
    #: Shown only to visitors who are not signed in (staff reach the same page from their own section).
    public_only: bool = False


SECTIONS: tuple[Section, ...] = (
    Section(
        "Plan performance",
        "performance:dashboard",
        ("performance:dashboard", "performance:priority", "performance:figures", "performance:report"),
    ),
    Section("Areas", "performance:areas", ("performance:area", "geography:")),
    Section("Crime types", "performance:crime_types", ("performance:crime_type",)),
    Section("Crime map", "crimedata:map", ("crimedata:map",), staff_only=True),
    Section("Hotspots", "hotspots:map", ("hotspots:",), staff_only=True),
    Section("Road safety", "roads:overview", ("roads:",)),
    Section("PACT", "pact:index", ("pact:",)),
    Section("Grants", "grants:index", ("grants:",)),
    Section("Refer someone for support", "cases:public_referral", ("cases:public_referral",), public_only=True),
    Section("Cases", "cases:list", ("cases:",), staff_only=True),
    Section("Organised crime", "ocg:index", ("ocg:",), staff_only=True),
    Section(
        "Report hate crime",
        "reporting:start",
        ("reporting:start", "reporting:question", "reporting:check", "reporting:done", "reporting:track"),
    ),
    Section(
        "Hate reports", "reporting:queue", ("reporting:queue", "reporting:report", "reporting:gap"), staff_only=True
    ),
    Section("Get alerts", "engagement:signup", ("engagement:signup", "engagement:manage")),
    Section(
        "Community alerts",
        "engagement:alerts",
        ("engagement:alert", "engagement:members", "engagement:inbox", "engagement:suggestions"),
        staff_only=True,
    ),
    Section("Data", "crimedata:imports", ("crimedata:import", "crimedata:run"), staff_only=True),
)


def items(request: HttpRequest) -> list[dict[str, object]]:
    """Service navigation items for this request (GOV.UK service navigation shape)."""
    match = request.resolver_match
    current = match.view_name if match else ""
    signed_in = request.user.is_authenticated
    return [
        {
            "text": section.label,
            "href": reverse(section.url_name),
            "active": any(current.startswith(prefix) for prefix in section.active_for),
        }
        for section in SECTIONS
        if (signed_in or not section.staff_only) and not (signed_in and section.public_only)
    ]

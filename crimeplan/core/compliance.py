"""The notices the law asks of a public service: privacy notices per purpose and the cookies the service sets.

The cookie list is read from the settings that name and time the cookies, so the page cannot drift from
what the service really sets (a test signs in, applies and posts forms, then checks every cookie it was
given is on the page).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

#: The accessibility statement's dates: change STATEMENT_REVIEWED whenever the statement is reviewed.
STATEMENT_PREPARED = dt.date(2026, 12, 2)
STATEMENT_REVIEWED = dt.date(2026, 12, 2)
#: Since when the PDF documents are tagged (PDF/UA-1).
TAGGED_PDFS_SINCE = dt.date(2026, 12, 2)


@dataclass(frozen=True)
class Notice:
    slug: str
    title: str
    summary: str


#: One privacy notice per purpose for which the office holds personal data through crimeplan.
NOTICES = {
    notice.slug: notice
    for notice in (
        Notice(
            "grants", "Applying for a grant", "The details of organisations and their contacts who apply for grants."
        ),
        Notice(
            "case-work",
            "Multi-agency case work",
            "People referred to early action, integrated offender management and anti-social behaviour case reviews.",
        ),
        Notice(
            "hate-crime-reporting",
            "Reporting hate crime",
            "People who report a hate crime or incident online or through a third-party reporting centre.",
        ),
        Notice("alerts", "Community alerts", "People who sign up for crime and community alerts by email or text."),
    )
}


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: str
    expires: str


def _duration(seconds: int) -> str:
    hours = seconds // 3600
    if hours >= 24 * 300:
        return f"{round(hours / 24 / 365.25)} year{'s' if hours >= 24 * 548 else ''}"
    return f"{hours} hour{'s' if hours != 1 else ''}"


def cookies() -> list[Cookie]:
    """The cookies crimeplan sets, all essential: none for analytics or advertising, none from another site."""
    from django.contrib.messages.storage.cookie import CookieStorage

    return [
        Cookie(
            settings.SESSION_COOKIE_NAME,
            "Keeps you signed in, remembers the grant applications and hate crime report you are working on in "
            "this browser, and signs staff out after "
            f"{settings.SESSION_IDLE_SECONDS // 60} minutes without use",
            f"When you sign out, or after {_duration(settings.SESSION_COOKIE_AGE)}",
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            "Stops other websites sending forms to crimeplan in your name (cross-site request forgery protection)",
            _duration(settings.CSRF_COOKIE_AGE),
        ),
        Cookie(
            CookieStorage.cookie_name,
            "Shows a confirmation message, such as 'centre registered', on the next page after a change",
            "When you close your browser, or once the message has been shown",
        ),
    ]

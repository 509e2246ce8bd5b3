"""Take-part links: a signed token naming one member and one neighbourhood, valid for 30 days.

The token is signed with the project's secret (``django.core.signing``) under its own salt; it carries no
personal data beyond the member's database id. Anyone holding the link can act as that member in that
neighbourhood until it expires, so it is sent only to the member's confirmed email or given to staff.
"""

from __future__ import annotations

from django.core import signing

from crimeplan.engagement.pact.constants import LINK_MAX_AGE_S, LINK_SALT


def make_token(member_pk: int, slug: str) -> str:
    return signing.dumps({"m": member_pk, "n": slug}, salt=LINK_SALT, compress=True)


def read_token(token: str, slug: str, *, max_age: int = LINK_MAX_AGE_S) -> int | None:
    """The member id a token names for this neighbourhood, or None when it is forged, expired or for another."""
    try:
        data = signing.loads(token, salt=LINK_SALT, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is a BadSignature
        return None
    if not isinstance(data, dict) or data.get("n") != slug or not isinstance(data.get("m"), int):
        return None
    return int(data["m"])

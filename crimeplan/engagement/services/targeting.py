"""Who an alert reaches: its area as LSOA codes, then the members with a live channel and current consent.

A member is reached by channel only when all of these hold: not erased; lives in, or chose, an LSOA of the
area; follows one of the alert's topics (an alert with no topic reaches every topic); their priority threshold
is at or below the alert's priority; a *current* consent for the alert's provider; the channel confirmed and
not unsubscribed. The sending worker checks consent and channel again just before each message.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet

from crimeplan.engagement.constants import TargetKind
from crimeplan.engagement.models import Alert, AreaOfInterest, Member, MemberTopic, ProviderConsent, Subscription
from crimeplan.engagement.services import places
from crimeplan.geography import selectors as geography


def area_lsoas(
    *,
    kind: str,
    code: str = "",
    geojson: dict[str, object] | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    radius_m: int | None = None,
) -> list[str]:
    """The LSOA codes an alert's target covers; a ``ValidationError`` when it covers none."""
    if kind == TargetKind.WARD:
        codes = geography.lsoa_codes_in(ward=code)
    elif kind == TargetKind.CSP:
        codes = geography.lsoa_codes_in(csp=code)
    elif kind == TargetKind.LSOA:
        codes = [code] if geography.ward_code_of(code) is not None else []
    elif kind == TargetKind.POLYGON:
        codes = places.lsoas_in_polygon(geojson or {})
    elif kind == TargetKind.RADIUS:
        if latitude is None or longitude is None or not radius_m:
            raise ValidationError("Give the centre and the distance.", code="radius_incomplete")
        codes = places.lsoas_within(latitude, longitude, radius_m)
    else:
        raise ValidationError(f"Unknown target {kind!r}: use one of {', '.join(TargetKind.values)}.", code="target")
    if not codes:
        raise ValidationError(
            f"The {TargetKind(kind).label.lower()} {code} covers no neighbourhood crimeplan knows.".replace("  ", " "),
            code="empty_target",
        )
    return sorted(codes)


def members_reached(alert: Alert) -> QuerySet[Member]:
    codes = list(alert.target_lsoas)
    members = Member.objects.active().filter(
        Q(lsoa_code__in=codes) | Q(pk__in=AreaOfInterest.objects.filter(lsoa_code__in=codes).values("member_id"))
    )
    members = members.filter(
        priority_threshold__lte=alert.priority,
        pk__in=ProviderConsent.objects.filter(provider=alert.provider, withdrawn_at__isnull=True).values("member_id"),
    )
    if alert.topics:
        members = members.filter(pk__in=MemberTopic.objects.filter(topic__in=alert.topics).values("member_id"))
    return members


def channels_reached(alert: Alert) -> QuerySet[Subscription]:
    """The live channels of the members an alert reaches (one row per member and channel)."""
    return Subscription.objects.filter(
        member__in=members_reached(alert), confirmed_at__isnull=False, unsubscribed_at__isnull=True
    )


def may_message(*, member_id: int, provider: str, channel: str) -> str:
    """Why this member may not be messaged now by this provider and channel, or "" when they may."""
    member = Member.objects.filter(pk=member_id).values_list("erased_at", flat=True).first()
    if member is not None:
        return "the member deleted their details"
    if not ProviderConsent.objects.filter(member_id=member_id, provider=provider, withdrawn_at__isnull=True).exists():
        return f"no current consent for {provider}"
    if not Subscription.objects.filter(
        member_id=member_id, channel=channel, confirmed_at__isnull=False, unsubscribed_at__isnull=True
    ).exists():
        return f"{channel} is not confirmed or was unsubscribed"
    return ""

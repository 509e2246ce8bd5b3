"""Who the members are, who is verified, and who an alert can reach."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from crimeplan.engagement.models import Member, Subscription


def verified_members_in(lsoa_codes: Iterable[str]) -> QuerySet[Member]:
    """Members living in one of the LSOAs with at least one confirmed, not unsubscribed channel."""
    codes = list(lsoa_codes)
    return Member.objects.verified().filter(lsoa_code__in=codes)


def member_for_token(token: str) -> Member | None:
    """The (not erased) member whose self-service link carries ``token``, or None."""
    if not token:
        return None
    return Member.objects.active().filter(manage_token=token).first()


def member_for_contact(*, email: str = "", phone: str = "") -> Member | None:
    """The member with this email or phone (the key a member is known by), or None."""
    query = Q()
    if email:
        query |= Q(email__iexact=email)
    if phone:
        query |= Q(phone=phone)
    if not query:
        return None
    return Member.objects.filter(query).first()


def live_channels(member: Member) -> list[str]:
    return list(
        Subscription.objects.filter(member=member, confirmed_at__isnull=False, unsubscribed_at__isnull=True)
        .order_by("channel")
        .values_list("channel", flat=True)
    )


def members_by_channel() -> dict[str, int]:
    """Verified, non-example members per live channel."""
    counts: dict[str, int] = {}
    subs = Subscription.objects.filter(
        confirmed_at__isnull=False,
        unsubscribed_at__isnull=True,
        member__erased_at__isnull=True,
        member__is_example=False,
    )
    for channel in ("email", "sms"):
        counts[channel] = subs.filter(channel=channel).count()
    return counts

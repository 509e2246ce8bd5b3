"""Who the members are, who is verified, and who an alert can reach."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from crimeplan.engagement.constants import PREFER_NOT
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


def census_value(value: str) -> str:
    """An equality answer as a census category: "" for "Prefer not to say" (it counts as unknown)."""
    return "" if value == PREFER_NOT else value


def census_answers(member: Member) -> tuple[str, str]:
    """The member's (age band, ethnic group) as census categories; "" where not answered or not said."""
    return census_value(member.age_band), census_value(member.ethnicity)


def has_answered(member: Member) -> tuple[bool, bool]:
    """Whether the member has answered each equality question (a "Prefer not to say" is an answer)."""
    return bool(member.age_band), bool(member.ethnicity)


def census_answers_of(members: QuerySet[Member]) -> list[tuple[str | None, str | None]]:
    """Each member's census answers (None where not given), for aggregates only: no member is named."""
    rows = members.order_by().values_list("pk", "age_band", "ethnicity")  # pk: the query may be DISTINCT
    return [(census_value(age) or None, census_value(eth) or None) for _, age, eth in rows]

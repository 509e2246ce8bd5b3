"""What the engagement module counts for the plan's measures (registered in apps.py).

Examples and generated (benchmark) members are never counted.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from crimeplan.engagement.constants import MemberSource
from crimeplan.engagement.models import Delivery, Subscription
from crimeplan.performance.providers import Provided, Provider


def _end(last: dt.date) -> dt.datetime:
    return dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)


def _members(channels: tuple[str, ...]):  # type: ignore[no-untyped-def]
    def count(first: dt.date, last: dt.date) -> Provided:
        end = _end(last)
        subs = Subscription.objects.filter(
            channel__in=channels,
            confirmed_at__lt=end,
            member__is_example=False,
            member__source__in=[MemberSource.SIGNUP, MemberSource.IMPORT],
        ).filter(Q(unsubscribed_at__isnull=True) | Q(unsubscribed_at__gte=end))
        subs = subs.filter(Q(member__erased_at__isnull=True) | Q(member__erased_at__gte=end))
        return Provided(value=float(subs.values("member").distinct().count()), is_count=False)

    return count


def _deliveries(states: tuple[str, ...], stamp: str):  # type: ignore[no-untyped-def]
    def count(first: dt.date, last: dt.date) -> Provided:
        start = dt.datetime.combine(first, dt.time.min, tzinfo=dt.UTC)
        rows = Delivery.objects.filter(
            state__in=states,
            alert__is_example=False,
            member__is_example=False,
            **{f"{stamp}__gte": start, f"{stamp}__lt": _end(last)},
        )
        return Provided(value=float(rows.count()), is_count=True)

    return count


READS = ("engagement.Subscription", "engagement.Member", "engagement.Delivery")

PROVIDERS = [
    Provider(
        key="engagement.members",
        label="Members with a confirmed email or text channel at the end of the period (alerts)",
        unit="people",
        count=_members(("email", "sms")),
        reads=READS,
    ),
    Provider(
        key="engagement.members-email",
        label="Members with a confirmed email channel at the end of the period (alerts)",
        unit="people",
        count=_members(("email",)),
        reads=READS,
    ),
    Provider(
        key="engagement.members-sms",
        label="Members with a confirmed text message channel at the end of the period (alerts)",
        unit="people",
        count=_members(("sms",)),
        reads=READS,
    ),
    Provider(
        key="engagement.messages-sent",
        label="Alert messages sent (email and text)",
        unit="messages",
        count=_deliveries(("sent", "delivered"), "sent_at"),
        reads=READS,
    ),
    Provider(
        key="engagement.messages-delivered",
        label="Alert messages confirmed delivered by the provider",
        unit="messages",
        count=_deliveries(("delivered",), "delivered_at"),
        reads=READS,
    ),
]

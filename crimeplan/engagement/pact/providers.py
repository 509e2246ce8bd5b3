"""What PACT counts for the Police and Crime Plan's priority 2 (registered in apps.py).

Example neighbourhoods never count. A meeting counts when it was held (minutes published) and took place in the
period; a vote when its ballot was cast in the period; a priority when it was closed in the period by a
published "we did" update.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from crimeplan.engagement.pact.constants import MeetingKind, MeetingStatus, PriorityStatus
from crimeplan.engagement.pact.models import Ballot, Meeting, Priority
from crimeplan.performance.providers import Provided, Provider

READS = ("pact.Meeting", "pact.Ballot", "pact.Priority", "pact.Update")


def _span(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    return (
        timezone.make_aware(dt.datetime.combine(first, dt.time.min)),
        timezone.make_aware(dt.datetime.combine(last, dt.time.max)),
    )


def _held(first: dt.date, last: dt.date) -> QuerySet[Meeting]:
    return Meeting.objects.filter(
        neighbourhood__is_example=False, status=MeetingStatus.HELD, starts_at__range=_span(first, last)
    )


def _meetings_held(first: dt.date, last: dt.date) -> Provided:
    """PACT meetings held in the period (in person, online or hybrid)."""
    return Provided(value=float(_held(first, last).count()), is_count=True)


def _online_meetings_held(first: dt.date, last: dt.date) -> Provided:
    """PACT meetings held online or hybrid in the period."""
    online = _held(first, last).filter(kind__in=[MeetingKind.ONLINE, MeetingKind.HYBRID])
    return Provided(value=float(online.count()), is_count=True)


def _votes_cast(first: dt.date, last: dt.date) -> Provided:
    """Ballots cast by verified members in PACT cycles in the period."""
    ballots = Ballot.objects.filter(cycle__neighbourhood__is_example=False, cast_at__range=_span(first, last))
    return Provided(value=float(ballots.count()), is_count=True)


def _closed_with_we_did(first: dt.date, last: dt.date) -> Provided:
    """PACT priorities closed in the period by a published "you said, we did" update."""
    closed = Priority.objects.filter(
        cycle__neighbourhood__is_example=False,
        status=PriorityStatus.CLOSED,
        closed_on__range=(first, last),
        updates__closes_priority=True,
    ).distinct()
    return Provided(value=float(closed.count()), is_count=True)


PROVIDERS = [
    Provider(key="pact.meetings-held", label="PACT meetings held", unit="meetings", count=_meetings_held, reads=READS),
    Provider(
        key="pact.meetings-held.online",
        label="Online and hybrid PACT meetings held",
        unit="meetings",
        count=_online_meetings_held,
        reads=READS,
    ),
    Provider(key="pact.votes-cast", label="PACT votes cast", unit="votes", count=_votes_cast, reads=READS),
    Provider(
        key="pact.priorities-closed",
        label='PACT priorities closed with a "we did"',
        unit="priorities",
        count=_closed_with_we_did,
        reads=READS,
    ),
]

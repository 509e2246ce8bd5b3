"""The example PACT: Audley and Queen's Park, Blackburn (a real ward; the members, votes and priorities are made up).

``load_demo()`` is called by ``crimeplan demo load`` and is safe to run twice (it replaces its own example).
Everything is labelled Example: the neighbourhood (``is_example``), its members (``is_example``, addresses at
``example.org``), so no figure of the plan counts it.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction
from django.utils import timezone

from crimeplan.engagement.constants import PREFER_NOT
from crimeplan.engagement.models import Member, Subscription
from crimeplan.engagement.pact.constants import CycleStage, IssueStatus, MeetingKind, MeetingStatus
from crimeplan.engagement.pact.models import (
    Ballot,
    Cycle,
    Issue,
    Meeting,
    Neighbourhood,
    Priority,
    Update,
)
from crimeplan.engagement.selectors.members import census_answers
from crimeplan.geography.selectors import lsoa_codes_in

ACCEPTED = IssueStatus.ACCEPTED
SLUG = "example-audley-queens-park"
WARD = "E05011508"  # Audley & Queen's Park, Blackburn with Darwen
EMAIL = "pact-example-{n}@example.org"
#: Example members per LSOA: two LSOAs are deliberately thin, so the page shows under-heard areas.
MEMBERS = {"E01012571": 14, "E01012573": 2, "E01012575": 11, "E01012576": 3, "E01012632": 16, "E01012641": 18}
ISSUES = [
    ("Speeding on Audley Range", "Cars race along Audley Range in the evening, near the school.", "Audley Range"),
    (
        "Fly-tipping in back alleys",
        "Rubbish dumped in the alleys behind the terraces.",
        "Alleys off Whalley Range",
    ),
    ("Drug dealing near the park", "Dealing by the Queen's Park entrance after dark.", "Queen's Park"),
    ("Off-road bikes", "Off-road bikes ridden on pavements and in the park.", "Queen's Park"),
    ("Parking on pavements at school times", "Parents park on pavements so buggies cannot pass.", "Audley schools"),
]
# Example demographics: deliberately older and whiter than the ward, so weighting matters.
AGES = ["16-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75+"]
AGE_WEIGHTS = [1, 2, 3, 4, 5, 5, 3]
GROUPS = ["asian", "white", "black", "mixed", "other"]
GROUP_WEIGHTS = [4, 7, 1, 1, 1]


def _members(rng: random.Random) -> list[Member]:
    members, n = [], 0
    for lsoa, count in MEMBERS.items():
        for _ in range(count):
            n += 1
            member = Member.objects.create(
                email=EMAIL.format(n=n), lsoa_code=lsoa, ward_code=WARD, is_example=True, name=f"Example member {n}"
            )
            Subscription.objects.create(
                member=member, channel="email", confirmed_at=timezone.now(), confirmation_evidence="example data"
            )
            if rng.random() < 0.75:  # the optional equality questions, answered by some
                member.age_band = rng.choices(AGES, AGE_WEIGHTS)[0]
                member.ethnicity = rng.choices(GROUPS, GROUP_WEIGHTS)[0] if rng.random() < 0.9 else PREFER_NOT
                member.save(update_fields=["age_band", "ethnicity"])
            members.append(member)
    return members


def _meetings(place: Neighbourhood, today: dt.date) -> None:
    def at(days: int, hour: int) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour)))

    Meeting.objects.create(
        neighbourhood=place, kind=MeetingKind.IN_PERSON, starts_at=at(-70, 18), place="Audley Sports Centre",
        agenda="Welcome\nWhat the team did since the last meeting\nProposals for the autumn cycle",
        status=MeetingStatus.HELD, attendees=14,
        minutes="Example minutes. Fourteen residents came. Speeding and fly-tipping were raised most.",
    )  # fmt: skip
    Meeting.objects.create(
        neighbourhood=place, kind=MeetingKind.ONLINE, starts_at=at(-20, 19), link="https://meet.example.org/audley",
        agenda="Results of the vote\nThe priorities adopted", status=MeetingStatus.HELD, attendees=22,
        minutes="Example minutes. The team presented the vote and the three priorities.",
    )  # fmt: skip
    Meeting.objects.create(
        neighbourhood=place, kind=MeetingKind.HYBRID, starts_at=at(25, 18), place="Queen's Park Library",
        link="https://meet.example.org/audley-spring", agenda="You said, we did\nOpen discussion",
    )  # fmt: skip


def _ballot(cycle: Cycle, member: Member, issues: list[Issue], rng: random.Random, when: dt.datetime) -> None:
    age_band, ethnicity = census_answers(member)
    ballot = Ballot.objects.create(cycle=cycle, member=member, cast_at=when, age_band=age_band, ethnicity=ethnicity)
    weights = [5, 4, 3, 2, 2][: len(issues)]
    chosen = {rng.choices(issues, weights)[0] for _ in range(rng.randint(1, 3))}
    ballot.choices.set(chosen)


def _autumn(place: Neighbourhood, members: list[Member], rng: random.Random, today: dt.date) -> None:
    started = timezone.now() - dt.timedelta(days=80)
    cycle = Cycle.objects.create(
        neighbourhood=place, title="Autumn 2026 (example)", stage=CycleStage.ADOPTED, started_at=started,
        voting_opened_at=started + dt.timedelta(days=14), voting_closed_at=started + dt.timedelta(days=40),
        adopted_at=started + dt.timedelta(days=45),
    )  # fmt: skip
    issues = [
        Issue.objects.create(
            cycle=cycle, title=t, description=d, place=p, status=IssueStatus.ACCEPTED, created_at=started
        )
        for t, d, p in ISSUES
    ]
    Issue.objects.create(
        cycle=cycle, title="Noisy neighbour at number 12", status=IssueStatus.REJECTED, created_at=started,
        moderation_note="About one household: please call 101 so the team can help directly.",
    )  # fmt: skip
    for member in rng.sample(members, 40):
        _ballot(cycle, member, issues, rng, started + dt.timedelta(days=rng.randint(15, 39)))
    adopted = today - dt.timedelta(days=35)
    plans = [
        (issues[0], "Speed checks twice a week with Community Speedwatch; the council to survey for traffic calming.",
         "Blackburn with Darwen Council; Community Speedwatch"),
        (issues[1], "Joint patrols with council enforcement; cameras at the two worst alleys.",
         "Blackburn with Darwen Council environmental crime team"),
        (issues[2], "Targeted patrols at the park entrance; a warrant where intelligence allows.", ""),
    ]  # fmt: skip
    for rank, (issue, action, partners) in enumerate(plans, start=1):
        priority = Priority.objects.create(
            cycle=cycle, issue=issue, rank=rank, title=issue.title, action=action, partners=partners,
            adopted_on=adopted, review_on=today + dt.timedelta(days=60),
        )  # fmt: skip
        if rank == 2:
            Update.objects.create(
                priority=priority, you_said="Fly-tipping in the back alleys", published_on=today - dt.timedelta(days=5),
                we_did="Example: 9 fixed penalty notices, two alleys gated with residents' keys, 3 tonnes cleared.",
                closes_priority=True,
            )  # fmt: skip
            priority.status, priority.closed_on = "closed", today - dt.timedelta(days=5)
            priority.save()
        if rank == 1:
            Update.objects.create(
                priority=priority, you_said="Speeding on Audley Range", published_on=today - dt.timedelta(days=10),
                we_did="Example: 6 Speedwatch sessions, 41 letters to drivers; the council's survey is booked.",
            )  # fmt: skip


def _spring(place: Neighbourhood) -> None:
    cycle = Cycle.objects.create(
        neighbourhood=place, title="Spring 2027 (example)", stage=CycleStage.VOTING, voting_opened_at=timezone.now()
    )
    for title, description, where in ISSUES[1:]:
        Issue.objects.create(
            cycle=cycle, title=title, description=description, place=where, status=IssueStatus.ACCEPTED
        )
    Issue.objects.create(cycle=cycle, title="Street lighting on Whalley Range", place="Whalley Range",
                         description="Several lights out for weeks.", status=IssueStatus.ACCEPTED)  # fmt: skip


@transaction.atomic
def load_demo(*, seed: int = 13) -> dict[str, Any]:
    """Replace the example PACT; return what was made."""
    Member.objects.filter(email__startswith="pact-example-", is_example=True).delete()
    Neighbourhood.objects.filter(slug=SLUG, is_example=True).delete()
    rng = random.Random(seed)  # noqa: S311  (example data, not security)
    today = timezone.localdate()
    lsoas = lsoa_codes_in(ward=WARD) or sorted(MEMBERS)
    place = Neighbourhood.objects.create(
        name="Audley and Queen's Park", slug=SLUG, is_example=True, ward_codes=[WARD], lsoa_codes=lsoas,
        description="An example PACT in a real Blackburn ward, to show how PACT works. Members, votes and "
        "priorities are made up.", team_email="audley.pact@example.org",
    )  # fmt: skip
    members = _members(rng)
    _meetings(place, today)
    _autumn(place, members, rng, today)
    _spring(place)
    return {"neighbourhood": place, "members": len(members)}

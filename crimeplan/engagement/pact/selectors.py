"""Reads for PACT pages, the police.uk-shaped feed, results and representativeness (other apps import this)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from crimeplan.analytics import representativeness as rep
from crimeplan.engagement.pact import census
from crimeplan.engagement.pact.constants import CycleStage, IssueStatus
from crimeplan.engagement.pact.members import members_by_lsoa, verified_members
from crimeplan.engagement.pact.models import Ballot, Cycle, Meeting, Neighbourhood, Priority, Update
from crimeplan.geography.selectors import area_names


def neighbourhoods() -> QuerySet[Neighbourhood]:
    return Neighbourhood.objects.all()


def current_cycle(neighbourhood: Neighbourhood) -> Cycle | None:
    """The cycle in progress, or else the latest."""
    cycles = neighbourhood.cycles.order_by("-started_at", "-pk")
    return cycles.exclude(stage=CycleStage.ADOPTED).first() or cycles.first()


def ballot_issues(cycle: Cycle) -> QuerySet[Any]:
    return cycle.issues.filter(status=IssueStatus.ACCEPTED).order_by("title")


def priorities(neighbourhood: Neighbourhood) -> QuerySet[Priority]:
    """Adopted priorities, newest cycle first, each with its published updates."""
    return (
        Priority.objects.filter(cycle__neighbourhood=neighbourhood)
        .select_related("cycle", "issue")
        .prefetch_related(Prefetch("updates", queryset=Update.objects.order_by("-published_on", "-pk")))
        .order_by("-cycle__started_at", "rank")
    )


def meetings(neighbourhood: Neighbourhood) -> QuerySet[Meeting]:
    return neighbourhood.meetings.order_by("-starts_at")


def _iso(day: dt.date | None) -> str | None:
    return f"{day.isoformat()}T00:00:00" if day else None


def priorities_feed(neighbourhood: Neighbourhood) -> list[dict[str, str | None]]:
    """The neighbourhood's priorities in the shape of police.uk's ``/{force}/{neighbourhood}/priorities``.

    ``issue`` and ``issue-date`` are the priority and the day it was adopted; ``action`` and ``action-date`` the
    latest "we did" and its day (both null until one is published), as police.uk gives them.
    """
    feed = []
    for priority in priorities(neighbourhood):
        latest = next(iter(priority.updates.all()), None)
        described = priority.issue.description if priority.issue else ""
        feed.append(
            {
                "issue": f"{priority.title}: {described}" if described else priority.title,
                "issue-date": _iso(priority.adopted_on),
                "action": latest.we_did if latest else None,
                "action-date": _iso(latest.published_on) if latest else None,
            }
        )
    return feed


def ballots(cycle: Cycle) -> list[rep.Ballot]:
    """The cycle's ballots for counting: each voter's choices (issue titles) and the demographics they gave."""
    rows = Ballot.objects.filter(cycle=cycle).prefetch_related("choices").order_by("pk")
    return [rep.Ballot(tuple(i.title for i in b.choices.all()), b.age_band or None, b.ethnicity or None) for b in rows]


def results(cycle: Cycle) -> rep.PostStratified:
    """Votes raw and post-stratified to the neighbourhood's census population (the method: the library)."""
    return rep.poststratify(ballots(cycle), census.population(list(cycle.neighbourhood.lsoa_codes)))


@dataclass(frozen=True)
class Representativeness:
    population: rep.Population
    members: tuple[rep.Comparison, rep.Comparison]
    voters: tuple[rep.Comparison, rep.Comparison] | None
    cycle: Cycle | None
    rate_per_1000: float | None
    areas: list[rep.HeardArea]


def _member_demographics(neighbourhood: Neighbourhood) -> tuple[list[str | None], list[str | None]]:
    """The members' own answers to the optional equality questions (sign-up, their page or a ballot)."""
    from crimeplan.engagement.selectors.members import census_answers_of

    answers = census_answers_of(verified_members(neighbourhood).filter(is_example=neighbourhood.is_example))
    return [age for age, _ in answers], [eth for _, eth in answers]


def representativeness(neighbourhood: Neighbourhood) -> Representativeness:
    """Members and the latest voters against the census, and each LSOA's members per 1,000 residents."""
    codes = list(neighbourhood.lsoa_codes)
    population = census.population(codes)
    ages, groups = _member_demographics(neighbourhood)
    members = (rep.compare("age", population.age, ages), rep.compare("ethnicity", population.ethnicity, groups))
    cycle = neighbourhood.cycles.filter(ballots__isnull=False).order_by("-started_at").first()
    voters = None
    if cycle is not None:
        cast = list(Ballot.objects.filter(cycle=cycle).values_list("age_band", "ethnicity"))
        voters = (
            rep.compare("age", population.age, [a or None for a, _ in cast]),
            rep.compare("ethnicity", population.ethnicity, [e or None for _, e in cast]),
        )
    counts = members_by_lsoa(neighbourhood)
    names = area_names(codes)
    residents = census.residents(codes)
    rate, areas = rep.under_heard([rep.AreaMembers(c, names.get(c, c), residents[c], counts.get(c, 0)) for c in codes])
    return Representativeness(population, members, voters, cycle, rate, areas)

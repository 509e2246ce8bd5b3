"""Benchmark: case work at the scale of a large partnership, each against a baseline in the same run.

No real cohort or case records exist in any public source, so the records here are **generated
for timing only** (seeded; invented people, dates and offences). What is timed:

1. **Who sees what.** ``visible_cases`` (the case list and the API: one SQL query over owner,
   team and agreement-with-consent) against the obvious baseline: load every case and ask
   ``case_access`` for each. Both must give the same set.
2. **The proven-reoffending measure.** ``proven_reoffending`` for a large cohort against the
   same windows written with pandas (vectorised). Both must give the same counts.
3. **Reading a proven-offences CSV.** ``read_proven_offences`` (every line checked, with reasons)
   against a bare ``csv.reader`` pass that checks nothing.

Run with ``make bench`` (after the ingest benchmark) or ``python -m bench.cases``.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta

import pandas as pd
from rich.console import Console
from rich.table import Table

from bench._common import django_in, scratch, timed
from crimeplan.analytics.reoffending import Member, ProvenOffence, proven_reoffending

CASES = 6_000
AGENCIES = 30
MEMBERS = 200_000
CSV_LINES = 200_000


def make_cases(rng: random.Random) -> object:
    """Agencies, agreements between pairs, cases with teams, consent for two cases in three."""
    from django.utils import timezone

    from crimeplan.accounts.models import Organisation, User
    from crimeplan.cases.models import Case, ConsentRecord, InformationSharingAgreement, Person, Programme, TeamMember

    orgs = Organisation.objects.bulk_create(
        Organisation(name=f"Agency {i}", slug=f"agency-{i}", kind="council") for i in range(AGENCIES)
    )
    programme = Programme.objects.get(slug="early-action")
    today = timezone.localdate()
    agreements = []
    for i in range(0, AGENCIES, 2):
        agreement = InformationSharingAgreement.objects.create(
            title=f"Agreement {i}",
            purpose="x",
            legal_gateway="cda_s115",
            data_categories=["identity"],
            starts_on=today - timedelta(days=10),
            review_on=today + timedelta(days=100),
        )
        agreement.parties.set([orgs[i], orgs[i + 1]])
        agreement.programmes.set([programme])
        agreements.append(agreement)
    people = Person.objects.bulk_create(Person(given_name="Bench", family_name=f"P{i}") for i in range(CASES))
    now = timezone.now()
    cases = Case.objects.bulk_create(
        Case(
            reference=f"EA-B{i:05d}",
            person=people[i],
            programme=programme,
            owner=orgs[i % AGENCIES],
            source="partner",
            reason="x",
            risk_level="low",
            status="active",
            status_changed_at=now,
        )
        for i in range(CASES)
    )
    TeamMember.objects.bulk_create(
        TeamMember(case=c, organisation=orgs[rng.randrange(AGENCIES)], role="team") for c in cases if rng.random() < 0.3
    )
    ConsentRecord.objects.bulk_create(
        ConsentRecord(
            person=c.person,
            agreement=agreements[(i % AGENCIES) // 2],
            status="given",
            given_by="p",
            scope="s",
            version="1",
            recorded_on=today,
        )
        for i, c in enumerate(cases)
        if (i // AGENCIES) % 3
    )
    return User.objects.create_user(username="bench", organisation=orgs[1])


def visibility(rng: random.Random) -> list[tuple[str, int, float]]:
    from crimeplan.cases.models import Case
    from crimeplan.cases.permissions import case_access, visible_cases

    user = make_cases(rng)
    fast_s, fast = timed(lambda: set(visible_cases(user).values_list("pk", flat=True)), repeat=5)
    slow_s, slow = timed(
        lambda: {c.pk for c in Case.objects.select_related("owner") if case_access(user, c).can_view}, repeat=1
    )
    if fast != slow:
        raise RuntimeError("the list query and the object check disagree")
    return [
        (f"visible_cases: one query over {CASES:,} cases ({len(fast):,} visible)", CASES, fast_s),
        ("baseline: case_access on every case", CASES, slow_s),
    ]


def cohort(rng: random.Random) -> tuple[list[Member], list[ProvenOffence]]:
    members, offences = [], []
    for i in range(MEMBERS):
        start = date(2021, 1, 1) + timedelta(days=rng.randrange(900))
        members.append(Member(str(i), start, rng.uniform(0.1, 0.9)))
        for _ in range(rng.choice((0, 0, 1, 2))):
            committed = start + timedelta(days=rng.randrange(-30, 500))
            offences.append(ProvenOffence(str(i), committed, committed + timedelta(days=rng.randrange(0, 300))))
    return members, offences


def pandas_measure(members: list[Member], offences: list[ProvenOffence], as_of: date) -> tuple[int, int, int]:
    """The same windows in pandas: measured members, reoffenders, reoffences."""
    m = pd.DataFrame({"key": [x.key for x in members], "start": pd.to_datetime([x.start for x in members])})
    o = pd.DataFrame(
        {
            "key": [x.member for x in offences],
            "committed": pd.to_datetime([x.committed for x in offences]),
            "proven": pd.to_datetime([x.proven for x in offences]),
        }
    )
    m["end12"] = m["start"] + pd.DateOffset(months=12)
    m["end18"] = m["start"] + pd.DateOffset(months=18)
    m = m[m["end18"] <= pd.Timestamp(as_of)]
    j = o.merge(m, on="key")
    hit = j[(j["committed"] > j["start"]) & (j["committed"] <= j["end12"]) & (j["proven"] <= j["end18"])]
    return len(m), hit["key"].nunique(), len(hit)


def measure(rng: random.Random) -> list[tuple[str, int, float]]:
    members, offences = cohort(rng)
    as_of = date(2025, 6, 30)
    ours_s, ours = timed(lambda: proven_reoffending(members, offences, as_of=as_of), repeat=3)
    theirs_s, theirs = timed(lambda: pandas_measure(members, offences, as_of), repeat=3)
    if (ours.measured, ours.reoffenders, ours.reoffences) != theirs:
        raise RuntimeError(f"the measure and pandas disagree: {ours} {theirs}")
    return [
        (f"proven_reoffending: {MEMBERS:,} members, {len(offences):,} offences", MEMBERS, ours_s),
        ("baseline: the same windows in pandas (vectorised)", MEMBERS, theirs_s),
    ]


def reading(rng: random.Random) -> list[tuple[str, int, float]]:
    from crimeplan.analytics.readers.proven_offences import read_proven_offences

    lines = ["member_reference,offence_date,proven_date,disposal,offence_code,description"]
    for i in range(CSV_LINES):
        committed = date(2022, 1, 1) + timedelta(days=rng.randrange(700))
        proven = committed + timedelta(days=rng.randrange(200))
        lines.append(f"M{i % 5000},{committed},{proven},{rng.choice(['conviction', 'caution'])},05911,")
    data = "\n".join(lines).encode()
    ours_s, parsed = timed(lambda: read_proven_offences(data, today=date(2026, 1, 1)), repeat=3)
    bare_s, _ = timed(lambda: sum(1 for _ in csv.reader(io.StringIO(data.decode()))), repeat=3)
    assert parsed.reconciles
    return [
        (f"read_proven_offences: {CSV_LINES:,} lines, every rule", CSV_LINES, ours_s),
        ("baseline: csv.reader, no checks", CSV_LINES, bare_s),
    ]


def report(console: Console, title: str, rows: list[tuple[str, int, float]]) -> None:
    table = Table(title=title, title_justify="left")
    for column in ("case", "items", "seconds", "items/s", "this ÷ baseline (time)"):
        table.add_column(column, justify="left" if column == "case" else "right")
    baseline = rows[-1][2]
    for label, items, seconds in rows:
        table.add_row(label, f"{items:,}", f"{seconds:.3f}", f"{items / seconds:,.0f}", f"{seconds / baseline:.3f}")
    console.print(table)


def main() -> None:
    console = Console(width=150)
    django_in(scratch("cases"))
    rng = random.Random(2026)
    report(console, "Who sees what (SQLite)", visibility(rng))
    report(console, "Proven reoffending measure", measure(rng))
    report(console, "Proven-offences CSV", reading(rng))


if __name__ == "__main__":
    main()

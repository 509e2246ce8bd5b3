"""The police.uk-shaped priorities feed (checked against the real samples), post-stratified results, and the plan
measures this module counts."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from crimeplan.analytics.tests.data import SHARED, needs_shared
from crimeplan.engagement.pact.constants import IssueStatus, MeetingKind
from crimeplan.engagement.pact.models import Ballot, Cycle, Issue, Meeting, Priority, Update
from crimeplan.engagement.pact.providers import PROVIDERS
from crimeplan.engagement.pact.selectors import results
from crimeplan.engagement.pact.services import cycles
from crimeplan.engagement.pact.services.neighbourhoods import record_minutes, schedule_meeting
from crimeplan.engagement.pact.tests.conftest import AUDLEY_LSOAS, make_member

pytestmark = pytest.mark.django_db
SAMPLES = SHARED / "policeuk_api_samples"
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}T00:00:00$")


def _shape(sample: dict[str, object]) -> dict[str, set[type]]:
    """Each key of a police.uk priority and the JSON types it takes (null where a sample has null)."""
    return {key: {type(value)} for key, value in sample.items()}


def _validate(item: dict[str, object], shapes: list[dict[str, set[type]]]) -> None:
    allowed = {key: set().union(*(s[key] for s in shapes)) for key in shapes[0]}
    assert set(item) == set(allowed), f"keys {sorted(item)} are not police.uk's {sorted(allowed)}"
    for key, value in item.items():
        assert type(value) in allowed[key], f"{key}: {type(value).__name__} not in {allowed[key]}"
        if key.endswith("-date") and value is not None:
            assert DATE.match(str(value)), f"{key}: {value!r} is not in police.uk's date form"
    assert (item["action"] is None) == (item["action-date"] is None)


def _adopted(neighbourhood, team):
    cycle = Cycle.objects.create(neighbourhood=neighbourhood, title="Autumn", stage="counted")
    issue = Issue.objects.create(cycle=cycle, title="Street drinking", status=IssueStatus.ACCEPTED)
    done = cycles.adopt_priority(user=team, cycle=cycle, issue=issue, title="Street drinking", action="Patrols")
    open_one = cycles.adopt_priority(user=team, cycle=cycle, issue=None, title="Speeding", action="Checks")
    cycles.publish_update(user=team, priority=done, you_said="Street drinking", we_did="Order made", closes=True)
    return done, open_one


def test_feed_has_the_shape_of_the_police_uk_samples(client, neighbourhood, team):
    needs_shared()
    samples = [json.loads((SAMPLES / f"neighbourhood-priority{s}.json").read_text()) for s in ("", "-no-action")]
    shapes = [_shape(s) for s in samples]
    for sample in samples:  # the validator accepts police.uk's own samples...
        _validate(sample, shapes)
    done, _ = _adopted(neighbourhood, team)
    response = client.get(reverse("pact:priorities_json", kwargs={"slug": neighbourhood.slug}))
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    feed = response.json()
    assert isinstance(feed, list) and len(feed) == 2
    for item in feed:  # ...and ours
        _validate(item, shapes)
    by_issue = {item["issue"]: item for item in feed}
    assert by_issue["Street drinking"]["action"] == "Order made"
    assert by_issue["Street drinking"]["issue-date"] == f"{done.adopted_on.isoformat()}T00:00:00"
    assert by_issue["Speeding"]["action"] is None  # like neighbourhood-priority-no-action.json
    with pytest.raises(AssertionError):  # and it refuses what police.uk would not send
        _validate({**feed[0], "action-date": "14 April 2016"}, shapes)


def test_results_raw_and_poststratified_to_the_wards_census(neighbourhood):
    # Residents of the six LSOAs (counted with awk from the shipped files): aged 16-24 1,560 and 65-74 624 of
    # 7,650 aged 16+ (mid-2020); Asian 7,223 and White 2,903 of 10,713 (Census 2021).
    cycle = Cycle.objects.create(neighbourhood=neighbourhood, title="Autumn", stage="voting")
    a = Issue.objects.create(cycle=cycle, title="A", status=IssueStatus.ACCEPTED)
    b = Issue.objects.create(cycle=cycle, title="B", status=IssueStatus.ACCEPTED)
    voters = [make_member(f"v{n}@example.org", AUDLEY_LSOAS[n]) for n in range(4)]
    for member, issue, age, group in [
        (voters[0], a, "16-24", "asian"),
        (voters[1], a, "16-24", "asian"),
        (voters[2], b, "65-74", "white"),
        (voters[3], b, "", ""),
    ]:
        Ballot.objects.create(cycle=cycle, member=member, age_band=age, ethnicity=group).choices.set([issue])
    result = results(cycle)
    t1 = (1560 / 7650) * (7223 / 10713)
    t2 = (624 / 7650) * (2903 / 10713)
    by_option = {o.option: o for o in result.options}
    assert (by_option["A"].votes, by_option["B"].votes) == (2, 2)
    assert (result.known, result.unknown) == (3, 1)
    assert by_option["A"].weighted_votes == pytest.approx(3 * t1 / (t1 + t2))
    assert by_option["B"].weighted_votes == pytest.approx(3 * t2 / (t1 + t2) + 1)
    assert by_option["A"].weighted_share == pytest.approx(3 * t1 / (t1 + t2) / 4)
    assert by_option["A"].weighted_votes == pytest.approx(2.5845, abs=1e-4)  # 3 × 0.13749 / 0.15959


def test_plan_measures_count_real_meetings_votes_and_closed_priorities(neighbourhood, team, member):
    counters = {p.key: p.count for p in PROVIDERS}
    today = dt.date.today()
    when = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
    online = schedule_meeting(user=team, neighbourhood=neighbourhood, kind=MeetingKind.ONLINE, starts_at=when,
                              link="https://meet.example.org/a")  # fmt: skip
    schedule_meeting(user=team, neighbourhood=neighbourhood, kind=MeetingKind.IN_PERSON, starts_at=when, place="Hall")
    record_minutes(user=team, meeting=online, minutes="Met.")
    Meeting.objects.create(neighbourhood=neighbourhood, kind=MeetingKind.IN_PERSON, starts_at=when, status="held")
    done, _ = _adopted(neighbourhood, team)
    cycle = done.cycle
    Ballot.objects.create(cycle=cycle, member=member)
    first, last = today - dt.timedelta(days=30), today
    assert counters["pact.meetings-held"](first, last).value == 2  # the scheduled one is not held yet
    assert counters["pact.meetings-held.online"](first, last).value == 1
    assert counters["pact.votes-cast"](first, last).value == 1
    assert counters["pact.priorities-closed"](first, last).value == 1
    neighbourhood.is_example = True
    neighbourhood.save()
    assert all(counters[k](first, last).value == 0 for k in counters)  # example records never count
    assert Priority.objects.count() == 2 and Update.objects.count() == 1


def test_priority_two_pact_measures_are_counted_by_this_module():
    from django.core.management import call_command

    from crimeplan.performance.models import Measure

    call_command("loaddata", "lancashire_plan", verbosity=0)
    measures = Measure.objects.filter(provider__startswith="pact.").order_by("pk")
    assert [(m.pk, m.priority.number, m.source) for m in measures] == [
        (5, 2, "module"), (50, 2, "module"), (51, 2, "module"), (52, 2, "module")
    ]  # fmt: skip
    for measure in measures:
        measure.full_clean()  # names a registered provider

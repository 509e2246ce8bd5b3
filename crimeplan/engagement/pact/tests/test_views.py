"""PACT pages: the public page, proposing, asking for a link, taking part by link, staff pages, who is heard."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from crimeplan.audit.models import AuditEvent
from crimeplan.engagement.models import Member
from crimeplan.engagement.pact.constants import IssueStatus
from crimeplan.engagement.pact.demo import SLUG, load_demo
from crimeplan.engagement.pact.models import Ballot, Cycle, Issue, Neighbourhood
from crimeplan.engagement.pact.services.links import link_path
from crimeplan.engagement.pact.tests.conftest import AUDLEY_LSOAS, ELSEWHERE, make_member
from crimeplan.engagement.pact.tokens import make_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting(neighbourhood):
    cycle = Cycle.objects.create(neighbourhood=neighbourhood, title="Spring", stage="voting")
    issues = [Issue.objects.create(cycle=cycle, title=t, status=IssueStatus.ACCEPTED) for t in ("A", "B", "C", "D")]
    return cycle, issues


def test_public_proposal_waits_for_moderation(client, neighbourhood):
    Cycle.objects.create(neighbourhood=neighbourhood, title="Spring")
    url = reverse("pact:propose", kwargs={"slug": "audley"})
    response = client.post(url, {"title": "", "description": ""})
    assert response.status_code == 200 and "There is a problem" in response.content.decode()
    assert not Issue.objects.exists()
    response = client.post(url, {"title": "Speeding on Audley Range", "description": "Evenings", "place": ""})
    assert "Issue sent" in response.content.decode()
    assert Issue.objects.get().status == IssueStatus.PENDING


def test_a_verified_member_votes_once_by_link(client, voting, member):
    cycle, issues = voting
    url = link_path(cycle.neighbourhood, member.pk)
    page = client.get(url)
    assert page.status_code == 200 and "Choose up to 3 issues" in page.content.decode()
    too_many = client.post(url, {"choices": [i.pk for i in issues]})
    assert "Choose up to 3 issues." in too_many.content.decode() and not Ballot.objects.exists()
    sent = client.post(url, {"choices": [issues[0].pk, issues[2].pk], "age_band": "35-44", "ethnicity": ""})
    assert sent.status_code == 302
    again = client.get(url)
    assert "Vote recorded" in again.content.decode()
    client.post(url, {"choices": [issues[1].pk]})
    ballot = Ballot.objects.get()
    assert sorted(i.title for i in ballot.choices.all()) == ["A", "C"] and ballot.age_band == "35-44"


def test_the_ballot_does_not_ask_again_what_the_member_answered(client, voting, member):
    cycle, issues = voting
    Member.objects.filter(pk=member.pk).update(age_band="55-64")
    url = link_path(cycle.neighbourhood, member.pk)
    page = client.get(url).content.decode()
    assert 'name="age_band"' not in page and 'name="ethnicity"' in page and "already gave us" in page
    client.post(url, {"choices": [issues[0].pk], "age_band": "16-24", "ethnicity": "white"})
    assert (Ballot.objects.get().age_band, Ballot.objects.get().ethnicity) == ("55-64", "white")


def test_who_is_heard_shows_members_answers_only_in_aggregate(client, neighbourhood, team):
    for n in range(7):  # six white members aged 25-34 and one Black member aged 75 or over
        person = make_member(f"m{n}@example.org", AUDLEY_LSOAS[n % 6])
        answer = ("75+", "black") if n == 6 else ("25-34", "white")
        Member.objects.filter(pk=person.pk).update(age_band=answer[0], ethnicity=answer[1])
    client.force_login(team)
    page = client.get(reverse("pact:representativeness", kwargs={"slug": "audley"})).content.decode()
    assert "Members by age (7 said, 0 did not)" in page
    assert page.count("fewer than 5</td>") == 2  # the one 75+ member and the one Black member
    assert "m6@example.org" not in page


def test_links_of_other_neighbourhoods_and_forged_links_are_refused(client, voting, geography_db):
    outsider = make_member("preston@example.org", ELSEWHERE)
    for token in (make_token(outsider.pk, "audley"), "not-a-token", make_token(999, "audley")):
        response = client.get(reverse("pact:take_part", kwargs={"slug": "audley", "token": token}))
        assert response.status_code == 404
    other = Neighbourhood.objects.create(name="Preston", slug="preston", lsoa_codes=[ELSEWHERE])
    assert client.get(link_path(other, outsider.pk)).status_code == 200  # a member of Preston, in Preston
    stolen = reverse("pact:take_part", kwargs={"slug": "audley", "token": make_token(outsider.pk, "preston")})
    assert client.get(stolen).status_code == 404  # Preston's link does not open Audley's ballot


def test_asking_for_a_link_emails_only_verified_members(client, voting, member):
    make_member("unconfirmed@example.org", AUDLEY_LSOAS[1], verified=False)
    url = reverse("pact:request_link", kwargs={"slug": "audley"})
    for email in ("unconfirmed@example.org", "stranger@example.org", "resident@example.org"):
        response = client.post(url, {"email": email})
        assert "Check your email" in response.content.decode()  # the same answer whoever asks
    assert [m.to for m in mail.outbox] == [["resident@example.org"]]
    assert "/pact/audley/take-part/" in mail.outbox[0].body
    assert AuditEvent.objects.filter(event="pact_link_issued", data__via="email").count() == 1


def test_staff_pages_need_the_team_permission(client, neighbourhood, team, django_user_model):
    urls = [reverse("pact:staff"), reverse("pact:manage", kwargs={"slug": "audley"})]
    for url in urls:
        assert client.get(url).status_code == 302  # to sign in
    client.force_login(django_user_model.objects.create_user(username="other"))
    assert all(client.get(url).status_code == 403 for url in urls)
    client.force_login(team)
    assert all(client.get(url).status_code == 200 for url in urls)


def test_issuing_a_link_lists_members_with_an_audit_event(client, neighbourhood, team, member):
    client.force_login(team)
    url = reverse("pact:links", kwargs={"slug": "audley"})
    response = client.post(url, {"member": member.pk})
    assert "resident@example.org" in response.content.decode()
    assert "/pact/audley/take-part/" in response.content.decode()
    assert AuditEvent.objects.filter(event="pact_members_listed").exists()
    assert AuditEvent.objects.filter(event="pact_link_issued", data__via="staff").exists()


def test_the_example_pact_and_who_is_heard(client, team, geography_db):
    made = load_demo()
    load_demo()  # twice: replaces its own example
    assert Neighbourhood.objects.filter(slug=SLUG).count() == 1 and made["members"] == 64
    page = client.get(reverse("pact:neighbourhood", kwargs={"slug": SLUG})).content.decode()
    assert "Example" in page and "Fly-tipping in back alleys" in page and "Weighted share" in page
    client.force_login(team)
    page = client.get(reverse("pact:representativeness", kwargs={"slug": SLUG})).content.decode()
    assert "Under-heard" in page
    outlines = reverse("performance:area_outlines", args=[AUDLEY_LSOAS[0]])
    assert f'data-outlines="{outlines}"' in page and "Unit: members per 1,000 residents" in page
    assert 'href="#pact-lsoas"' in page and 'id="pact-lsoas"' in page
    rows = list(csv.DictReader(io.StringIO(
        client.get(reverse("pact:representativeness_csv", kwargs={"slug": SLUG})).content.decode()
    )))  # fmt: skip
    assert [r["lsoa_code"] for r in rows] == AUDLEY_LSOAS
    by_code = {r["lsoa_code"]: r for r in rows}
    # 64 members among 10,503 residents: 6.09 per 1,000; E01012573 has 2 members among its residents.
    assert sum(int(r["members"]) for r in rows) == 64
    assert by_code["E01012573"]["under_heard"] == "yes" and by_code["E01012641"]["under_heard"] == "no"


def test_moderation_errors_name_the_issue(client, neighbourhood, team):
    cycle = Cycle.objects.create(neighbourhood=neighbourhood, title="Spring")
    issue = Issue.objects.create(cycle=cycle, title="Noisy neighbour")
    client.force_login(team)
    url = reverse("pact:cycle", kwargs={"slug": "audley", "pk": cycle.pk})
    page = client.post(url, {"moderate": "1", "issue": issue.pk, "decision": "reject", "note": ""}).content.decode()
    assert "“Noisy neighbour”: Say why the issue is not on the ballot." in page
    page = client.post(url, {"advance": "1"}).content.decode()
    assert "Moderate every proposed issue before voting opens." in page
    response = client.post(url, {"moderate": "1", "issue": issue.pk, "decision": "reject", "note": "Call 101"})
    assert response.status_code == 302
    issue.refresh_from_db()
    assert (issue.status, issue.moderation_note) == (IssueStatus.REJECTED, "Call 101")


def test_voting_is_rate_limited_per_address(client, voting):
    from crimeplan.engagement.pact.constants import VOTE_LIMIT

    cycle, issues = voting
    times = VOTE_LIMIT[0]
    members = [make_member(f"m{n}@example.org", AUDLEY_LSOAS[n % 6]) for n in range(times + 1)]
    for member in members[:times]:
        assert client.post(link_path(cycle.neighbourhood, member.pk), {"choices": [issues[0].pk]}).status_code == 302
    refused = client.post(link_path(cycle.neighbourhood, members[-1].pk), {"choices": [issues[0].pk]})
    assert "Too many votes from this connection" in refused.content.decode()
    assert Ballot.objects.count() == times


def test_pact_is_in_the_service_navigation(client, neighbourhood):
    page = client.get(reverse("pact:neighbourhood", kwargs={"slug": "audley"})).content.decode()
    assert 'href="/pact/" aria-current="page"' in page
    assert "Audley and Queen&#x27;s Park" in client.get(reverse("pact:index")).content.decode()


def test_the_team_cancels_a_scheduled_meeting_and_residents_read_why(client, neighbourhood, team):
    from crimeplan.engagement.pact.constants import MeetingKind, MeetingStatus
    from crimeplan.engagement.pact.models import Meeting
    from crimeplan.engagement.pact.services.neighbourhoods import cancel_meeting, record_minutes, schedule_meeting

    when = timezone.now() + dt.timedelta(days=7)
    meeting = schedule_meeting(user=team, neighbourhood=neighbourhood, kind=MeetingKind.IN_PERSON, starts_at=when,
                               place="St Thomas' Hall")  # fmt: skip
    client.force_login(team)
    page = reverse("pact:meeting", kwargs={"slug": "audley", "pk": meeting.pk})
    url = reverse("pact:cancel_meeting", kwargs={"slug": "audley", "pk": meeting.pk})
    assert url in client.get(page).content.decode()
    public_url = reverse("pact:neighbourhood", kwargs={"slug": "audley"})
    assert "St Thomas&#x27; Hall" in client.get(public_url).content.decode()
    refused = client.post(url, {"reason": "  "})
    assert refused.status_code == 200 and "Say why the meeting is cancelled" in refused.content.decode()
    done = client.post(url, {"reason": "The hall is closed for repairs. The next meeting is on 4 March."})
    assert done.status_code == 302 and done["Location"] == page
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    staff_page = client.get(page).content.decode()
    assert "Cancelled: The hall is closed" in staff_page and "Publish the minutes" not in staff_page
    public = client.get(public_url).content.decode()
    assert "(cancelled)" in public and "Cancelled: The hall is closed for repairs" in public
    assert "St Thomas&#x27; Hall" not in public  # nobody is sent to a meeting that will not happen
    assert AuditEvent.objects.filter(event="pact_meeting_recorded", data__status="cancelled").count() == 1
    with pytest.raises(ValidationError) as again:
        cancel_meeting(user=team, meeting=meeting, reason="twice")
    assert again.value.code == "cancelled"
    with pytest.raises(ValidationError):
        record_minutes(user=team, meeting=meeting, minutes="We met anyway.")
    held = Meeting.objects.create(neighbourhood=neighbourhood, kind=MeetingKind.ONLINE, starts_at=when, status="held")
    with pytest.raises(ValidationError) as was_held:
        cancel_meeting(user=team, meeting=held, reason="too late")
    assert was_held.value.code == "held"

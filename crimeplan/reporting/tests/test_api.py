"""The hate-crime API: its contract, its scoping, its limits, and no 500 for any body."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core import mail
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crimeplan.reporting.constants import CODE_ALPHABET
from crimeplan.reporting.models import Report
from crimeplan.reporting.services.reports import withdraw_consent
from crimeplan.reporting.tests.factories import ReportFactory

URL = "/api/reports/hate"


def body(**changes):
    report = {
        "reporter": "victim",
        "description": "Two men shouted abuse about my headscarf at the bus stop.",
        "occurred_on": (dt.date.today() - dt.timedelta(days=1)).isoformat(),
        "location": {"postcode": "pr1 2ab"},
        "strands": ["religion", "race"],
        "consent": {"police": False, "support": True},
        "contact": {"email": "reporter@example.com"},
    }
    report.update(changes)
    return report


def post(client, data, key=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"} if key else {}
    return client.post(URL, json.dumps(data), content_type="application/json", **headers)


@pytest.mark.django_db
def test_anonymous_report_is_received_with_a_readable_code_and_a_confirmation(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, body())
    assert response.status_code == 201
    code = response.json()["tracking_code"]
    assert len(code) >= 10 and set(code) <= set(CODE_ALPHABET)
    assert not set(code) & set("01OIL")
    report = Report.objects.get(tracking_code=code)
    assert report.status == "received" and report.postcode == "PR1 2AB" and report.centre is None
    assert sorted(report.strands.values_list("slug", flat=True)) == ["race", "religion"]
    assert report.consent_support and not report.consent_police
    assert len(mail.outbox) == 1 and code[:4] in mail.outbox[0].body


@pytest.mark.django_db
def test_tracking_shows_status_and_updates_but_no_description_or_contact(client):
    code = post(client, body()).json()["tracking_code"]
    answer = client.get(f"/api/reports/track/{code.lower()}")
    assert answer.status_code == 200
    data = answer.json()
    assert data["status"] == "received" and data["updates"][0]["status"] == "received"
    text = answer.content.decode()
    assert "headscarf" not in text and "reporter@example.com" not in text and "PR1" not in text


@pytest.mark.django_db
def test_unknown_and_withdrawn_codes_look_the_same(client):
    report = ReportFactory()
    withdraw_consent(report=report, what="report")
    withdrawn = client.get(f"/api/reports/track/{report.tracking_code}")
    unknown = client.get("/api/reports/track/" + "2" * 12)
    assert withdrawn.status_code == unknown.status_code == 404
    assert withdrawn.content == unknown.content


@pytest.mark.django_db
def test_sixteenth_wrong_code_in_a_minute_is_refused(client):
    good = ReportFactory().tracking_code
    answers = [client.get(f"/api/reports/track/{'3' * 11}{c}").status_code for c in CODE_ALPHABET[:16]]
    assert answers == [404] * 15 + [429]
    assert client.get(f"/api/reports/track/{good}").status_code == 429
    other = client.get(f"/api/reports/track/{good}", REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"reporter": "bystander"}, "reporter", "victim"),
        ({"strands": ["gingers"]}, "strands", "sexual_orientation"),
        ({"strands": []}, "strands", "disability"),
        ({"occurred_on": "14/10/2025"}, "occurred_on", "YYYY-MM-DD"),
        ({"occurred_on": "2999-01-01"}, "occurred_on", "past"),
        ({"location": {}}, "location", "online_platform"),
        ({"location": {"postcode": "PR1", "online_platform": "X"}}, "location", "one of"),
        ({"location": {"postcode": "NOT A CODE"}}, "location", "PR1 2AB"),
        ({"contact": {"email": "nope"}}, "contact", "name@example.com"),
        ({"description": " "}, "description", "Describe"),
    ],
)
def test_each_wrong_field_gets_a_422_message_naming_what_is_allowed(client, changes, field, words):
    response = post(client, body(**changes))
    assert response.status_code == 422
    errors = {e["loc"][2]: e["msg"] for e in response.json()["detail"]}
    assert field in errors and words in errors[field]


@pytest.mark.django_db
def test_a_centres_key_reports_as_the_centre_and_sees_only_its_own(client, centre, other_centre, centre_key):
    mine = post(client, body(reporter="third_party", victim_consented=True), key=centre_key)
    assert mine.status_code == 201
    ReportFactory(centre=other_centre)
    ReportFactory()
    listed = client.get(URL, HTTP_AUTHORIZATION=f"Bearer {centre_key}").json()
    assert [r["tracking_code"] for r in listed] == [mine.json()["tracking_code"]]
    assert Report.objects.get(tracking_code=listed[0]["tracking_code"]).centre == centre


@pytest.mark.django_db
def test_a_wrong_key_is_refused_not_taken_as_anonymous(client):
    assert post(client, body(), key="cpk_not-a-real-key").status_code == 401
    assert Report.objects.count() == 0


@pytest.mark.django_db
def test_openapi_documents_both_routes(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "post" in paths["/api/reports/hate"] and "/api/reports/track/{code}" in paths


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=12,
)
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "reporter": st.sampled_from(["victim", "witness", "third_party", "x"]) | JSON,
        "description": st.text(max_size=60) | JSON,
        "occurred_on": st.dates().map(str) | JSON,
        "location": st.fixed_dictionaries(
            {}, optional={"postcode": st.text(max_size=12), "lsoa_code": st.text(max_size=10), "online_platform": JSON}
        )
        | JSON,
        "strands": st.lists(st.sampled_from(["race", "religion", "bad"]) | st.text(max_size=5)) | JSON,
        "consent": st.fixed_dictionaries({"police": st.booleans() | JSON, "support": st.booleans()}) | JSON,
        "contact": st.fixed_dictionaries({}, optional={"email": JSON, "phone": st.text(max_size=25)}) | JSON,
    },
)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=FIELDS | JSON)
def test_no_body_makes_a_500(client, data):
    from django.core.cache import cache

    cache.clear()
    response = post(client, data)
    assert response.status_code in (201, 400, 422), response.content

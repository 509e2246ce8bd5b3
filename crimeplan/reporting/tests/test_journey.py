"""The public report, page by page, without JavaScript; and following it by tracking code."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core import mail

from crimeplan.reporting.models import Report
from crimeplan.reporting.services.codes import display

YESTERDAY = dt.date.today() - dt.timedelta(days=1)
ANSWERS = [
    ("who", {"reporter": "victim"}),
    ("what", {"description": "A neighbour keeps shouting slurs about my wheelchair."}),
    ("crime", {"incident_kind": "not_sure"}),
    ("when", {"day": YESTERDAY.day, "month": YESTERDAY.month, "year": YESTERDAY.year}),
    ("where", {"place": "postcode", "postcode": "bb1 1aa"}),
    ("why", {"strands": ["disability", "sex_or_gender"]}),
    ("who-did-it", {"offender": ""}),
    ("safety", {"safety": ["repeat_victim", "ongoing_threat"]}),
    ("police", {"consent_police": "no"}),
    ("support", {"consent_support": "yes"}),
    ("contact", {"email": "me@example.com"}),
]


def answer_all(client):
    for slug, data in ANSWERS:
        response = client.post(f"/report-hate-crime/{slug}/", data)
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
    return response


@pytest.mark.django_db
def test_a_report_one_question_a_page_gets_a_tracking_code(client, django_capture_on_commit_callbacks):
    assert answer_all(client)["Location"] == "/report-hate-crime/check/"
    check = client.get("/report-hate-crime/check/")
    assert b"wheelchair" in check.content and b"Disability, Sex or gender" in check.content
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post("/report-hate-crime/check/", {"website": ""})
    assert sent["Location"] == "/report-hate-crime/sent/"
    report = Report.objects.get()
    assert report.postcode == "BB1 1AA" and report.repeat_victim and report.ongoing_threat and not report.vulnerable
    assert report.consent_support and not report.consent_police and report.occurred_on == YESTERDAY
    done = client.get("/report-hate-crime/sent/")
    assert display(report.tracking_code).encode() in done.content
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["me@example.com"]
    assert "hate_report_answers" not in client.session


@pytest.mark.django_db
def test_the_person_must_agree_when_someone_reports_for_them(client):
    client.post("/report-hate-crime/who/", {"reporter": "third_party"})
    assert client.post("/report-hate-crime/what/", {"description": "x"})["Location"] == "/report-hate-crime/crime/"
    refused = client.post("/report-hate-crime/agreed/", {"victim_consented": "no"})
    assert refused.status_code == 200 and b"only report for someone who agrees" in refused.content


@pytest.mark.django_db
def test_a_question_left_unanswered_is_explained(client):
    response = client.post("/report-hate-crime/why/", {})
    assert b"Select at least one reason" in response.content and b"There is a problem" in response.content
    when = client.post("/report-hate-crime/when/", {"day": 31, "month": 2, "year": 2024})
    assert b"Enter a real date" in when.content


@pytest.mark.django_db
def test_check_answers_sends_back_to_the_first_unanswered_question(client):
    client.post("/report-hate-crime/who/", {"reporter": "victim"})
    assert client.get("/report-hate-crime/check/")["Location"] == "/report-hate-crime/what/"


@pytest.mark.django_db
def test_the_honeypot_stops_a_robot_without_saying_so(client):
    answer_all(client)
    client.post("/report-hate-crime/check/", {"website": "http://spam.example"})
    assert Report.objects.count() == 0


@pytest.mark.django_db
def test_leaving_clears_the_answers_and_pages_are_not_cached(client):
    client.post("/report-hate-crime/who/", {"reporter": "victim"})
    page = client.get("/report-hate-crime/what/")
    assert "no-store" in page["Cache-Control"]
    assert b"Leave this site" in page.content and b"<script>" not in page.content
    left = client.get("/report-hate-crime/leave/")
    assert left["Location"].startswith("https://www.bbc.co.uk/")
    assert "hate_report_answers" not in client.session


@pytest.mark.django_db
def test_tracking_page_shows_status_adds_information_and_withdraws(client):
    answer_all(client)
    client.post("/report-hate-crime/check/")
    report = Report.objects.get()
    assert client.post("/track/", {"code": display(report.tracking_code).lower()})["Location"] == "/track/report/"
    page = client.get("/track/report/")
    assert b"Received" in page.content and b"wheelchair" not in page.content
    client.post("/track/report/", {"action": "add", "add-text": "It happened again today."})
    assert report.updates.filter(kind="reporter", text="It happened again today.").exists()
    client.post("/track/report/", {"action": "withdraw", "withdraw-what": "report"})
    again = client.post("/track/", {"code": report.tracking_code})
    wrong = client.post("/track/", {"code": "2" * 12})
    assert b"could not find a report" in again.content and b"could not find a report" in wrong.content


@pytest.mark.django_db
def test_the_tracking_page_refuses_the_sixteenth_wrong_code(client):
    statuses = [client.post("/track/", {"code": "3" * 11 + c}).status_code for c in "23456789ABCDEFGH"]
    assert statuses == [200] * 15 + [429]


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.django_db
def test_files_are_checked_by_their_bytes_and_kept_outside_the_web_root(client, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    answer_all(client)
    client.post("/report-hate-crime/check/")
    report = Report.objects.get()
    client.post("/track/", {"code": report.tracking_code})
    fake = SimpleUploadedFile("shot.png", b"<html>not an image</html>", content_type="image/png")
    refused = client.post("/track/report/", {"action": "attach", "attach-file": fake})
    assert b"must be a PNG, JPEG or PDF" in refused.content
    real = SimpleUploadedFile("screenshot.png", PNG, content_type="image/png")
    client.post("/track/report/", {"action": "attach", "attach-file": real})
    attachment = report.attachments.get()
    assert attachment.content_type == "image/png" and attachment.size == len(PNG)
    path = attachment.file.path
    assert path.startswith(str(settings.DATA_DIR)) and not path.startswith(str(settings.STATIC_ROOT))
    assert Path(path).read_bytes() == PNG

"""Staff pages, scoped; every reporting page declares its access rule; the plan's measures use this module."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import get_resolver

from crimeplan.core.permissions import rule_of
from crimeplan.performance.models import Measure
from crimeplan.reporting.tests.factories import ReportFactory, UserFactory


@pytest.mark.django_db
def test_every_reporting_page_declares_who_may_open_it():
    patterns = [p for p in get_resolver().url_patterns if getattr(p, "app_name", "") == "reporting"]
    views = [p.callback for group in patterns for p in group.url_patterns]
    assert len(views) >= 15 and all(rule_of(v) is not None for v in views)


@pytest.mark.django_db
def test_the_lead_opens_the_queue_and_a_report(client, lead):
    report = ReportFactory(incident_kind="non_crime", consent_police=True)
    client.force_login(lead)
    assert b"Report %d" % report.pk in client.get("/hate-reports/").content
    page = client.get(f"/hate-reports/{report.pk}/")
    assert b"Code of Practice" in page.content and b"Record as passed to the police" in page.content
    package = client.get(f"/hate-reports/{report.pk}/package.json")
    assert package.status_code == 200 and package.json()["crimeplan_id"] == report.pk


@pytest.mark.django_db
def test_staff_action_from_the_page_reaches_the_tracking_page(client, lead):
    report = ReportFactory()
    client.force_login(lead)
    client.post(f"/hate-reports/{report.pk}/", {"action": "message", "message-text": "We will call you tomorrow."})
    client.logout()
    session = client.session
    session["hate_report_tracked"] = report.pk
    session.save()
    assert b"We will call you tomorrow." in client.get("/track/report/").content


@pytest.mark.django_db
def test_someone_elses_report_is_a_404(client, centre, other_centre):
    theirs = ReportFactory(centre=other_centre)
    client.force_login(UserFactory(username="centre-worker", organisation=centre.organisation))
    assert client.get(f"/hate-reports/{theirs.pk}/").status_code == 404
    assert client.get(f"/hate-reports/centres/{other_centre.pk}/").status_code == 404
    assert client.get(f"/hate-reports/centres/{centre.pk}/").status_code == 200


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in_for_staff_pages(client):
    assert client.get("/hate-reports/")["Location"].startswith("/accounts/sign-in/")
    assert client.get("/hate-reports/gap/")["Location"].startswith("/accounts/sign-in/")


@pytest.mark.django_db
def test_a_centre_reports_for_someone_only_with_their_agreement(client, centre):
    client.force_login(UserFactory(username="centre-worker", organisation=centre.organisation))
    data = {
        "reporter": "third_party",
        "description": "Example: spat at in the market.",
        "incident_kind": "crime",
        "occurred_on": "2025-10-01",
        "postcode": "PR1 2AB",
        "strands": [1],
    }
    refused = client.post("/hate-reports/centre-report/", data)
    assert b"Record that the person agreed" in refused.content
    made = client.post("/hate-reports/centre-report/", {**data, "victim_consented": "on"})
    assert made.status_code == 302 and centre.reports.count() == 1


@pytest.mark.django_db
def test_the_plan_fixture_counts_hate_crime_from_this_module():
    call_command("loaddata", "lancashire_plan", verbosity=0)
    providers = set(Measure.objects.filter(priority__title="Hate crime").values_list("provider", flat=True))
    assert providers == {
        "reporting.hate.received",
        "reporting.hate.centre-reports",
        "reporting.hate.referred-share",
        "reporting.hate.feedback-share",
    }
    for measure in Measure.objects.filter(priority__title="Hate crime"):
        measure.full_clean()


@pytest.mark.django_db
def test_the_demo_is_labelled_and_stays_out_of_the_figures(client):
    from crimeplan.reporting.demo import load_demo
    from crimeplan.reporting.models import Report
    from crimeplan.reporting.providers import PROVIDERS

    load_demo("a-long-test-password")
    load_demo("a-long-test-password")
    assert Report.objects.count() == Report.objects.filter(is_example=True).count() == 12
    import datetime as dt

    today = dt.date.today()
    assert all(p.count(today - dt.timedelta(days=400), today).value == 0 for p in PROVIDERS)
    assert b"Example" in client.get("/report-hate-crime/centres/").content

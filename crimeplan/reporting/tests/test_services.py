"""Triage, routing by consent, who sees what, retention, the police package and the plan's figures."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from crimeplan.accounts.constants import OrganisationKind
from crimeplan.audit.models import AuditEvent
from crimeplan.grants.models import Contract
from crimeplan.reporting import referrals
from crimeplan.reporting.providers import PROVIDERS
from crimeplan.reporting.selectors import likely_duplicates, queue, report_for, visible_reports
from crimeplan.reporting.services.reports import withdraw_consent
from crimeplan.reporting.services.retention import delete_due
from crimeplan.reporting.services.triage import change_status, pass_to_police, refer_to_support, send_message
from crimeplan.reporting.tests.factories import OrganisationFactory, ReportFactory, UserFactory

TODAY = dt.date.today()


@pytest.fixture
def contract(victim_service):
    return Contract.objects.create(
        reference="VS-01",
        title="Hate crime victim support",
        service="Victim support",
        provider=victim_service.name,
        starts_on=TODAY - dt.timedelta(days=30),
        ends_on=TODAY + dt.timedelta(days=300),
        annual_value=100000,
    )


@pytest.mark.django_db
def test_referral_needs_consent_and_then_the_service_alone_sees_it(lead, contract, victim_service):
    agreed, refused = ReportFactory(consent_support=True), ReportFactory(consent_support=False)
    with pytest.raises(ValidationError):
        refer_to_support(user=lead, report=refused, service_reference="VS-01")
    refer_to_support(user=lead, report=agreed, service_reference="VS-01")
    agreed.refresh_from_db()
    assert agreed.status == "referred_to_support" and agreed.referred_to == victim_service
    worker = UserFactory(username="vs-worker", organisation=victim_service)
    assert list(visible_reports(worker)) == [agreed]
    assert agreed.updates.filter(status="referred_to_support", is_public=True).exists()


@pytest.mark.django_db
def test_a_centre_sees_its_own_reports_and_a_stranger_gets_a_404(centre, other_centre):
    mine, theirs = ReportFactory(centre=centre), ReportFactory(centre=other_centre)
    worker = UserFactory(username="centre-worker", organisation=centre.organisation)
    assert list(visible_reports(worker)) == [mine]
    with pytest.raises(Http404):
        report_for(worker, theirs.pk, purpose="test")
    report_for(worker, mine.pk, purpose="Checking our report")
    event = AuditEvent.objects.filter(event="hate_report_viewed").get()
    assert event.purpose == "Checking our report" and event.data["basis"] == "made by this centre"


@pytest.mark.django_db
def test_police_see_only_what_was_passed_to_them_with_consent(lead):
    passed, kept = ReportFactory(consent_police=True), ReportFactory(consent_police=False)
    with pytest.raises(ValidationError):
        pass_to_police(user=lead, report=kept)
    pass_to_police(user=lead, report=passed)
    pass_to_police(user=lead, report=passed, police_reference="LC-2025-0042")
    passed.refresh_from_db()
    assert passed.police_reference == "LC-2025-0042" and passed.status == "passed_to_police"
    officer = UserFactory(username="pc", organisation=OrganisationFactory(slug="force", kind=OrganisationKind.POLICE))
    assert list(visible_reports(officer)) == [passed]


@pytest.mark.django_db
def test_only_the_lead_triages(centre):
    report = ReportFactory(centre=centre)
    worker = UserFactory(username="centre-worker", organisation=centre.organisation)
    with pytest.raises(PermissionDenied):
        send_message(user=worker, report=report, text="hello")


@pytest.mark.django_db
def test_closing_needs_an_outcome_and_sets_the_deletion_date(lead):
    report = ReportFactory()
    with pytest.raises(ValidationError):
        change_status(user=lead, report=report, status="closed")
    change_status(user=lead, report=report, status="closed", outcome="Advice given; no further action wanted.")
    report.refresh_from_db()
    assert report.delete_after == timezone.localdate() + dt.timedelta(days=365)
    assert delete_due(today=report.delete_after - dt.timedelta(days=1)) == 0
    assert delete_due(today=report.delete_after) == 1


@pytest.mark.django_db
def test_a_withdrawn_report_is_deleted_on_the_next_run():
    report = ReportFactory()
    withdraw_consent(report=report, what="report")
    assert delete_due(today=timezone.localdate()) == 1


@pytest.mark.django_db
def test_duplicates_are_the_same_place_within_days_or_the_same_person():
    first = ReportFactory(postcode="BB1 1AA", occurred_on=TODAY - dt.timedelta(days=5))
    near = ReportFactory(postcode="BB1 1AA", occurred_on=TODAY - dt.timedelta(days=3))
    ReportFactory(postcode="BB1 1AA", occurred_on=TODAY - dt.timedelta(days=20))
    same_person = ReportFactory(postcode="PR1 2AB", email="a@example.com", occurred_on=TODAY - dt.timedelta(days=40))
    first.email = "A@example.com"
    first.save()
    assert {r.pk for r in likely_duplicates(first)} == {near.pk, same_person.pk}


@pytest.mark.django_db
def test_the_queue_puts_risk_first_and_is_audited(lead):
    plain = ReportFactory()
    risky = ReportFactory(repeat_victim=True, ongoing_threat=True)
    rows = queue(lead)
    assert [r["report"] for r in rows] == [risky, plain] and rows[0]["flags"] == ["repeat victim", "ongoing threat"]
    assert AuditEvent.objects.filter(event="hate_reports_listed").get().data["rows"] == 2


@pytest.mark.django_db
def test_the_police_package_has_the_documented_fields_and_needs_consent():
    report = ReportFactory(consent_police=True, strand_slugs=["race", "religion"], email="r@example.com")
    row = next(csv.DictReader(io.StringIO(referrals.as_csv(report))))
    assert tuple(row) == referrals.FIELDS and row["strands"] in ("race;religion", "religion;race")
    assert json.loads(json.dumps(referrals.package(report)))["email"] == "r@example.com"
    for field in referrals.FIELDS:
        assert field in (referrals.__doc__ or "")
    with pytest.raises(ValueError):
        referrals.package(ReportFactory(consent_police=False))


@pytest.mark.django_db
def test_plan_figures_count_real_reports_only(lead, contract, centre):
    ReportFactory(is_example=True)
    ReportFactory(centre=centre)
    referred = ReportFactory(consent_support=True)
    told = ReportFactory()
    refer_to_support(user=lead, report=referred, service_reference="VS-01")
    send_message(user=lead, report=told, text="We have read your report.")
    figures = {p.key: p.count(TODAY - dt.timedelta(days=1), TODAY) for p in PROVIDERS}
    assert figures["reporting.hate.received"].value == 3
    assert figures["reporting.hate.centre-reports"].value == 1
    assert figures["reporting.hate.referred-share"].value == pytest.approx(33.3)
    assert figures["reporting.hate.feedback-share"].value == pytest.approx(66.7)
    assert not figures["reporting.hate.feedback-share"].is_count


@pytest.mark.django_db
def test_the_gap_counts_real_reports_placed_in_a_local_authority(lead):
    from crimeplan.geography.models import CommunitySafetyPartnership, LocalAuthority, Lsoa, PoliceForceArea
    from crimeplan.reporting.gap import gaps
    from crimeplan.reporting.services.triage import set_area

    force = PoliceForceArea.objects.create(code="E23000003", name="Lancashire", force_slug="lancashire")
    csp = CommunitySafetyPartnership.objects.create(code="E22000151", name="Preston", police_force_area=force)
    preston = LocalAuthority.objects.create(code="E07000123", name="Preston", csp=csp)
    Lsoa.objects.create(code="E01025400", name="Preston 001A", local_authority=preston, population=100_000)
    placed = ReportFactory(strand_slugs=["race", "religion"])
    set_area(user=lead, report=placed, local_authority_code="E07000123")
    ReportFactory()
    ReportFactory(is_example=True, local_authority_code="E07000123")
    figures = gaps(force="lancashire", days=30)
    (everything,) = [g for g in figures["local_authorities"] if g.strand == "all"]
    assert everything.observed == 2 and everything.population == 100_000 and figures["unplaced"] == 1
    assert everything.expected == pytest.approx(122389 / 50_728_174 * 100_000 * 30 / 365.25)


@pytest.mark.django_db
def test_the_gap_tables_add_up_to_every_report_in_the_period_with_no_place_as_a_row(client, lead):
    from crimeplan.core.downloads import read_table
    from crimeplan.geography.models import CommunitySafetyPartnership, LocalAuthority, Lsoa, PoliceForceArea
    from crimeplan.reporting.services.triage import set_area

    force = PoliceForceArea.objects.create(code="E23000003", name="Lancashire", force_slug="lancashire")
    csp = CommunitySafetyPartnership.objects.create(code="E22000151", name="Preston", police_force_area=force)
    preston = LocalAuthority.objects.create(code="E07000123", name="Preston", csp=csp)
    Lsoa.objects.create(code="E01025400", name="Preston 001A", local_authority=preston, population=100_000)
    placed = ReportFactory(strand_slugs=["race", "religion"])
    set_area(user=lead, report=placed, local_authority_code="E07000123")
    ReportFactory(strand_slugs=["race"])
    ReportFactory(is_example=True, local_authority_code="E07000123")
    from crimeplan.reporting.tests.conftest import with_permission

    client.force_login(with_permission(lead, "view_reporting_gap"))
    page = client.get("/hate-reports/gap/").content.decode()
    for table_id in ("gap-1", "gap-2"):
        rows = read_table(page, table_id).rows[1:]
        body = [r for r in rows if r[0] != "Total"]
        (total,) = [r for r in rows if r[0] == "Total"]
        assert body[-1][0] == "No place recorded" and body[-1][2] == "1"
        assert sum(int(r[2]) for r in body) == int(total[2]) == 3  # two strands of the placed report, one not placed
    assert 'data-outlines="/areas/lancashire/outlines.geojson"' in page and 'id="map-legend-unit"' in page
    assert "?csv=map-figures" in page

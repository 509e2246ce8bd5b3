"""``crimeplan reoffending`` and ``crimeplan cases``: OGRS3 on the command line, retention, API keys."""

from __future__ import annotations

import json
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from crimeplan.audit.models import AuditEvent
from crimeplan.cases.constants import Status
from crimeplan.cases.models import ApiKey, AsbIncident, Case, Cohort, Person, Programme
from crimeplan.cases.services.reoffending import add_member
from crimeplan.cases.tests.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            [
                "--sex",
                "male",
                "--age",
                "25",
                "--age-first-sanction",
                "16",
                "--sanctions",
                "8",
                "--offence-category",
                "Burglary (domestic)",
            ],
            {"one_year": 0.3759, "two_year": 0.5528, "band": "medium"},
        ),
        (
            [
                "--sex",
                "female",
                "--age",
                "34",
                "--age-first-sanction",
                "15",
                "--sanctions",
                "20",
                "--offence-category",
                "absconding or bail offences",
            ],
            {"one_year": 0.7321, "two_year": 0.8487, "band": "high"},
        ),
        (
            [
                "--sex",
                "male",
                "--age",
                "40",
                "--age-first-sanction",
                "22",
                "--sanctions",
                "5",
                "--offence-code",
                "05911",
            ],
            {"one_year": 0.1702, "two_year": 0.2962, "band": "low"},
        ),
    ],
)
def test_ogrs3_prints_the_probabilities_and_band_as_json(args, expected):
    assert json.loads(run("reoffending", "ogrs3", *args, "--json")) == expected


def test_ogrs3_without_json_shows_the_terms_and_the_caveat():
    out = run(
        "reoffending",
        "ogrs3",
        "--sex",
        "male",
        "--age",
        "17",
        "--age-first-sanction",
        "12",
        "--sanctions",
        "15",
        "--offence-category",
        "Theft (non-motor)",
    )
    assert "0.9217" in out and "very_high" in out and "never use it to decide about one person" in out


def test_ogrs3_bad_input_is_a_command_error_saying_why():
    with pytest.raises(CommandError, match="not an OGRS3 offence category; use one of"):
        run(
            "reoffending",
            "ogrs3",
            "--sex",
            "male",
            "--age",
            "30",
            "--age-first-sanction",
            "20",
            "--sanctions",
            "2",
            "--offence-category",
            "Arson",
            "--json",
        )


def test_offences_import_from_the_command_line(tmp_path, owner):
    cohort = Cohort.objects.create(
        name="Command cohort", programme=Programme.objects.get(slug="iom"), organisation=owner.organisation
    )
    add_member(
        cohort=cohort,
        by=owner,
        reference="A1",
        start_event="release",
        start_date=date(2023, 1, 1),
        sex="male",
        age_at_start=30,
        age_first_sanction=18,
        sanctions=4,
        offence_category="Violence",
    )
    path = tmp_path / "offences.csv"
    path.write_text(
        "member_reference,offence_date,proven_date,disposal\nA1,2023-03-01,2023-05-01,conviction\nB2,2023-03-01,2023-05-01,caution\n"
    )
    out = run("reoffending", "import", "Command cohort", str(path))
    assert "Command cohort has no member with this reference" in out
    assert cohort.members.get().offences.count() == 1


def _finished(case, days_ago):
    Case.objects.filter(pk=case.pk).update(
        status=Status.CLOSED, status_changed_at=timezone.now() - timedelta(days=days_ago)
    )


def test_retention_lists_first_and_deletes_only_when_asked_leaving_an_audit_record(owner):
    old = CaseFactory(owner=owner.organisation)  # Early Action keeps cases 24 months after closing
    recent = CaseFactory(owner=owner.organisation)
    shared_person = PersonFactory()
    kept_person_case = CaseFactory(owner=owner.organisation, person=shared_person)
    also_old = CaseFactory(owner=owner.organisation, person=shared_person)
    for case in (old, also_old):
        _finished(case, 800)
    _finished(recent, 100)
    listing = run("cases", "retention")
    assert old.reference in listing and also_old.reference in listing and recent.reference not in listing
    assert "Nothing was deleted" in listing and Case.objects.count() == 4
    run("cases", "retention", "--delete")
    assert set(Case.objects.values_list("pk", flat=True)) == {recent.pk, kept_person_case.pk}
    assert not Person.objects.filter(pk=old.person_id).exists()
    assert Person.objects.filter(pk=shared_person.pk).exists()
    deleted = {e.data["reference"]: e for e in AuditEvent.objects.filter(event="case_deleted")}
    assert set(deleted) == {old.reference, also_old.reference}
    assert deleted[old.reference].data["person_deleted"] is True
    assert deleted[also_old.reference].data["person_deleted"] is False
    assert "Retention schedule: Early Action, 24 months" in deleted[old.reference].purpose


def test_retention_keeps_cohort_figures_without_the_person(owner):
    case = CaseFactory(owner=owner.organisation)
    cohort = Cohort.objects.create(
        name="Kept cohort", programme=Programme.objects.get(slug="iom"), organisation=owner.organisation
    )
    member = add_member(
        cohort=cohort,
        by=owner,
        reference="K1",
        case=case,
        start_event="release",
        start_date=date(2023, 1, 1),
        sex="male",
        age_at_start=30,
        age_first_sanction=18,
        sanctions=4,
        offence_category="Violence",
    )
    _finished(case, 800)
    run("cases", "retention", "--delete")
    member.refresh_from_db()
    assert member.person is None and member.case is None and member.ogrs3_one_year > 0


def test_retention_deletes_asb_complaints_that_never_reached_a_review(owner):
    victim = PersonFactory()
    AsbIncident.objects.create(
        victim=victim,
        address="1 Old Road",
        postcode="PR1 1AA",
        occurred_on=date(2020, 1, 1),
        reported_on=date(2020, 1, 1),
        description="Noise",
        recorded_by_organisation=owner.organisation,
    )
    listing = run("cases", "retention", "--today", "2026-01-01")
    assert "1 ASB complaints reported before 2023-01-01 never reached a case review" in listing
    run("cases", "retention", "--today", "2026-01-01", "--delete")
    assert not AsbIncident.objects.exists() and not Person.objects.filter(pk=victim.pk).exists()
    assert AuditEvent.objects.get(event="asb_incidents_deleted").data == {
        "incidents": 1,
        "reported_before": "2023-01-01",
    }


def test_api_keys_are_made_listed_and_revoked(owner):
    out = run("cases", "apikey", "create", "--organisation", owner.organisation.slug, "--name", "Case system")
    key = out.strip().splitlines()[-1]
    assert key.startswith("cpk_") and ApiKey.objects.get().prefix == key[:12]
    assert key[:12] in run("cases", "apikey", "list")
    run("cases", "apikey", "revoke", "--prefix", key[:12])
    assert ApiKey.objects.get().revoked_at is not None
    with pytest.raises(CommandError, match="No organisation 'nowhere'"):
        run("cases", "apikey", "create", "--organisation", "nowhere", "--name", "x")

"""The transparency publication, the 360Giving export (validated against the shipped schema) and the API."""

import csv
import hashlib
import io
import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.mail import EmailMessage
from django.core.management import CommandError, call_command
from jsonschema import Draft4Validator, FormatChecker

from crimeplan.core.notify import notify_payloads
from crimeplan.grants import publication
from crimeplan.grants.services import awards
from crimeplan.grants.tests.factories import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def award(open_round, manager):
    application = submitted(open_round)
    awarded = awards.make_award(application=application, amount=Decimal(2400), by=manager)
    application.refresh_from_db()
    from crimeplan.grants.models import Decision

    Decision.objects.create(
        application=application,
        outcome="approved",
        amount=Decimal(2400),
        reasons="Strong need in Talbot",
        conditions="Quarterly photos",
        panel_on=awarded.awarded_on,
        decided_by=manager,
    )
    return awarded


def test_the_transparency_rows_give_what_the_order_asks_for(award):
    rows = publication.transparency_rows()
    assert list(rows[0]) == publication.TRANSPARENCY_COLUMNS
    row = rows[0]
    assert (row["Recipient"], row["Amount (GBP)"], row["Conditions"], row["Reasons"], row["Area served"]) == (
        "Talbot Youth Boxing Club",
        "2400.00",
        "Quarterly photos",
        "Strong need in Talbot",
        "Talbot",
    )
    assert row["Purpose"].startswith("Friday night boxing: ")
    assert publication.transparency_rows(month="1999-01") == []
    parsed = list(csv.DictReader(io.StringIO(publication.transparency_csv(rows))))
    assert parsed == rows


def test_the_360giving_package_conforms_to_the_shipped_schema(award):
    data = publication.package(publication.published_awards())
    assert publication.validation_errors(data) == []
    grant = data["grants"][0]
    assert grant["id"] == f"{settings.GRANTS_360_PREFIX}-{award.application.reference}"
    assert grant["beneficiaryLocation"][0] == {
        "name": "Talbot",
        "geoCode": "E05001659",
        "geoCodeType": "WD",
        "countryCode": "GB",
    }
    # the grant schema itself, independently of the package: jsonschema's own validator
    schema = json.loads(publication.GRANT_SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    # the schema's oneOf between date-time and a date pattern needs formats checked, as 360Giving's own tools do
    assert list(Draft4Validator(schema, format_checker=FormatChecker()).iter_errors(grant)) == []
    broken = json.loads(json.dumps(data))
    del broken["grants"][0]["recipientOrganization"]
    broken["grants"][0]["awardDate"] = "20 July 2021"
    errors = publication.validation_errors(broken)
    assert any("recipientOrganization" in e for e in errors) and any("awardDate" in e for e in errors)


def test_the_shipped_schema_files_are_the_ones_provenance_names():
    provenance = (settings.SHIPPED_DATA_DIR / "PROVENANCE.md").read_text(encoding="utf-8")
    for path in (publication.GRANT_SCHEMA, publication.PACKAGE_SCHEMA):
        assert hashlib.sha256(path.read_bytes()).hexdigest() in provenance


def test_the_360giving_csv_uses_the_standards_column_titles(award):
    text = publication.threesixty_csv(publication.package(publication.published_awards()))
    header, row = list(csv.reader(io.StringIO(text)))
    assert header[:3] == ["Identifier", "Title", "Description"]
    assert "Recipient Org:Name" in header and "Beneficiary Location:Geographic Code" in header
    assert row[header.index("Amount Awarded")] == "2400.0"
    assert row[header.index("Recipient Org:Name")] == "Talbot Youth Boxing Club"


def test_the_export_command_writes_each_format(award, tmp_path):
    for fmt, name in (("transparency-csv", "t.csv"), ("360giving", "g.json"), ("360giving-csv", "g.csv")):
        call_command("grants", "export", "--format", fmt, "--out", str(tmp_path / name), stdout=io.StringIO())
    assert json.loads((tmp_path / "g.json").read_text())["grants"][0]["amountAwarded"] == 2400.0
    with pytest.raises(CommandError, match="nothing to export"):
        call_command("grants", "export", "--format", "360giving", "--out", str(tmp_path / "x"), "--month", "1999-01")
    with pytest.raises(CommandError, match="is not a month"):
        call_command("grants", "export", "--format", "360giving", "--out", str(tmp_path / "x"), "--month", "July")


def test_public_pages_and_downloads(client, award):
    page = client.get("/grants/published/").content.decode()
    assert "Talbot Youth Boxing Club" in page
    # one way to write money and dates on every page: £2,400 and 20 July 2021, never 2400.00 or 2021-07-20
    day = award.awarded_on
    assert "£2,400" in page and f"{day.day} {day:%B %Y}" in page
    assert "2400.00" not in page and day.isoformat() not in page
    response = client.get("/grants/published.csv")
    assert response["Content-Type"].startswith("text/csv") and b"Talbot Youth Boxing Club" in response.content
    assert json.loads(client.get("/grants/360giving.json").content)["grants"][0]["currency"] == "GBP"
    assert client.get(f"/grants/projects/{award.application.reference}/").status_code == 200
    assert client.get("/grants/projects/NOPE-1/").status_code == 404
    assert "is not a month" in client.get("/grants/published/?month=never").content.decode()


def test_the_api_shows_contact_details_only_to_grants_staff(client, award, manager):
    rows = client.get("/api/grants/awards").json()
    assert rows[0]["recipient"] == "Talbot Youth Boxing Club" and rows[0]["private"] is None
    assert "club@example.org" not in client.get("/api/grants/awards").content.decode()
    client.force_login(manager)
    assert client.get("/api/grants/awards").json()[0]["private"]["email"] == "club@example.org"
    funds = {f["slug"]: f for f in client.get("/api/grants/funds").json()}
    assert funds["community-action-fund-2026-27"]["awarded"] == 2400.0
    assert client.get("/api/grants/funds/community-action-fund-2026-27/rounds").json()[0]["is_open"] is True
    assert client.get("/api/grants/publication").json()[0]["Reasons"] == "Strong need in Talbot"
    assert client.get("/api/grants/awards?month=13-2020").status_code == 400
    assert client.get("/api/grants/360giving?month=1999-01").status_code == 404


def test_notify_gets_one_notification_per_recipient():
    message = EmailMessage("Subject line", "Body text", to=["a@example.org"], cc=["b@example.org"])
    payloads = notify_payloads(message, "template-id")
    assert [p["email_address"] for p in payloads] == ["a@example.org", "b@example.org"]
    assert payloads[0]["personalisation"] == {"subject": "Subject line", "body": "Body text"}

"""``crimeplan alerts import-members``: every row checked, counts reconcile, re-runs change nothing."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from crimeplan.engagement.models import Member, MemberImport, ProviderConsent, Subscription
from crimeplan.engagement.services import imports, members
from crimeplan.engagement.tests.conftest import HEADER, OTHER_LSOA, WARD_LSOA, write_csv

pytestmark = pytest.mark.django_db

GOOD = [
    f"a@example.org,07700 900123,BB1 1AA,{WARD_LSOA},burglary;scams,police;council,email;sms,2021-03-02T10:15:00,"
    "double opt-in 2021-03-02",
    f"b@example.org,,,{OTHER_LSOA},asb,police,email,2021-03-02,double opt-in",
]  # fmt: skip
BAD = [
    ",,BB1 1AA,E01012576,burglary,police,email,2021-03-02,x",  # line 4: no contact
    "c@example.org,,,,burglary,police,email,2021-03-02,x",  # line 5: no place
    "d@example.org,,,E09999999,burglary,police,email,2021-03-02,x",  # line 6: unknown LSOA
    f"e@example.org,,,{WARD_LSOA},burglary,police;the-mayor,email,2021-03-02,x",  # line 7: unknown provider
    f"f@example.org,,,{WARD_LSOA},burglary,police,sms,2021-03-02,x",  # line 8: sms without phone
    f"g@example.org,12345,,{WARD_LSOA},burglary,police,email,2021-03-02,x",  # line 9: bad phone
    f"h@example.org,,,{WARD_LSOA},burglary,police,email,yesterday,x",  # line 10: bad date
    f"i@example.org,,,{WARD_LSOA},burglary,police,email,2021-03-02,",  # line 11: no evidence
    f"a@example.org,,,{WARD_LSOA},burglary,police,email,2021-03-02,x",  # line 12: duplicate in file
]  # fmt: skip


def test_rows_are_checked_and_counts_reconcile(geography_db, tmp_path):
    report = imports.import_members(write_csv(tmp_path / "m.csv", GOOD + BAD))
    assert (report.rows_read, report.imported, report.rejected) == (11, 2, 9)
    assert [(line, rule) for line, rule, _value, _message in report.rejections] == [
        (4, "no_contact"), (5, "no_place"), (6, "unknown_lsoa"), (7, "unknown_provider"),
        (8, "sms_channel_without_phone"), (9, "phone"), (10, "opted_in_at"), (11, "no_evidence"),
        (12, "duplicate_in_file"),
    ]  # fmt: skip
    run = MemberImport.objects.get()
    assert run.rows_read == run.rows_imported + run.rows_rejected
    assert run.rejections.get(line=6).value == "E09999999"
    a = Member.objects.get(email="a@example.org")
    assert (a.phone, a.ward_code, a.source) == ("+447700900123", "E05011508", "import")
    consent = ProviderConsent.objects.get(member=a, provider="council")
    assert (consent.wording_version, consent.evidence) == ("imported", "double opt-in 2021-03-02")
    assert Subscription.objects.get(member=a, channel="sms").confirmation_evidence == "double opt-in 2021-03-02"


def test_a_second_run_changes_nothing_and_never_revives_a_withdrawal(geography_db, tmp_path):
    path = write_csv(tmp_path / "m.csv", GOOD)
    imports.import_members(path)
    a = Member.objects.get(email="a@example.org")
    members.unsubscribe(member=a, channel="email", how="test")
    members.set_consents(a, ["police"], when=a.created_at)
    again = imports.import_members(path)
    assert (again.imported, again.updated) == (2, 2)
    assert Member.objects.count() == 2
    assert ProviderConsent.objects.filter(member=a).count() == 2  # police, and council withdrawn: no new one
    assert not ProviderConsent.objects.filter(member=a, provider="council", withdrawn_at__isnull=True).exists()
    assert Subscription.objects.get(member=a, channel="email").unsubscribed_at is not None


def test_a_file_that_stores_nothing_is_refused_and_other_columns_are_reported(geography_db, tmp_path, capsys):
    path = write_csv(tmp_path / "bad.csv", [f"{row},extra" for row in BAD[:-1]], header=HEADER + ",favourite_colour")
    with pytest.raises(CommandError, match="refused"):
        call_command("alerts", "import-members", str(path))
    err = capsys.readouterr().err
    assert "bad.csv:4: unknown_lsoa: 'E09999999'" in err
    assert "columns ignored: favourite_colour" in err
    assert not Member.objects.exists() and not MemberImport.objects.exists()


def test_with_a_postcode_lookup_loaded_a_postcode_alone_places_the_member(geography_db, tmp_path):
    from crimeplan.geography.tests.test_search import EXAMPLE

    call_command("geography", "load", str(EXAMPLE))
    rows = [
        "p@example.org,,PR1 6XA,,burglary,police,email,2021-03-02,double opt-in",  # in the example lookup
        "q@example.org,,PR9 9ZZ,,burglary,police,email,2021-03-02,double opt-in",  # not in it
    ]
    report = imports.import_members(write_csv(tmp_path / "postcodes.csv", rows))
    assert (report.imported, [(line, rule) for line, rule, *_ in report.rejections]) == (1, [(3, "unknown_postcode")])
    placed = Member.objects.get(email="p@example.org")
    assert (placed.postcode, placed.lsoa_code, placed.ward_code) == ("PR1 6XA", "E01025244", "E05012197")

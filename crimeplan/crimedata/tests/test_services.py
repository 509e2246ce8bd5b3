"""Importing through the app: the store gets the rows, the database the reconciliation."""

import pytest

from crimeplan.analytics.tests.data import SEARCH_FILE, STREET_FILES, csv_rows, raw_text
from crimeplan.audit.models import AuditEvent
from crimeplan.crimedata.models import ImportRun, RejectedRow
from crimeplan.crimedata.services import import_police

pytestmark = pytest.mark.django_db


def test_each_file_gets_a_run_that_reconciles(geo_store):
    summary = import_police([*STREET_FILES[:3], SEARCH_FILE])
    assert summary.failed == [] and summary.reconciles
    runs = ImportRun.objects.order_by("kind", "month")
    assert [(r.kind, r.month, r.status, r.is_current) for r in runs] == [
        ("stop-and-search", "2019-06", "stored", True),
        *[("street", p.name[:7], "stored", True) for p in STREET_FILES[:3]],
    ]
    for run, path in zip(runs[1:], STREET_FILES[:3], strict=True):
        assert run.rows_read == run.rows_stored == len(csv_rows(path))
        assert run.sha256 and run.duration_s > 0
    assert AuditEvent.objects.filter(event="import_stored").count() == 4


def test_rejected_rows_are_kept_with_file_line_rule_and_value(geo_store, tmp_path):
    lines = raw_text(STREET_FILES[0]).split("\r\n")
    fields = lines[4].split(",")
    fields[1] = "2021-07"
    lines[4] = ",".join(fields)
    path = tmp_path / STREET_FILES[0].name.removesuffix(".gz")
    path.write_text("\r\n".join(lines), encoding="utf-8")
    (run,) = import_police([path]).runs
    assert (run.rows_read, run.rows_stored, run.rows_rejected) == (len(csv_rows(STREET_FILES[0])), run.rows_read - 1, 1)
    assert run.rejected_by_rule == {"month_matches_file": 1}
    (row,) = RejectedRow.objects.filter(run=run)
    assert (row.line, row.rule, row.value) == (5, "month_matches_file", "2021-07")
    assert row.message == f"month 2021-07 differs from the file name's {STREET_FILES[0].name[:7]}"


def test_a_second_import_is_recorded_as_unchanged_and_keeps_the_store(geo_store):
    import_police([STREET_FILES[0]])
    before = geo_store.query("SELECT count(*) FROM street").rows
    (again,) = import_police([STREET_FILES[0]]).runs
    assert again.status == "unchanged" and not again.is_current
    assert ImportRun.objects.filter(is_current=True).count() == 1
    assert geo_store.query("SELECT count(*) FROM street").rows == before


def test_reimporting_moves_the_current_run_and_never_duplicates(geo_store):
    first = import_police([STREET_FILES[0]]).runs[0]
    second = import_police([STREET_FILES[0]], reimport=True).runs[0]
    first.refresh_from_db()
    assert (first.is_current, second.is_current) == (False, True)
    assert geo_store.query("SELECT count(*) FROM street").rows == [(len(csv_rows(STREET_FILES[0])),)]


def test_an_unreadable_file_is_recorded_and_named(geo_store, tmp_path):
    bad = tmp_path / "2022-07-lancashire-street.csv"
    bad.write_text("Month,Crime type\n2022-07,Burglary\n")
    summary = import_police([bad, tmp_path / "missing.csv"])
    (run,) = summary.runs
    assert run.status == "failed" and "header does not match" in run.error
    assert [f.split(":")[0] for f in summary.failed] == [str(bad), str(tmp_path / "missing.csv")]
    assert geo_store.partitions() == []
    assert AuditEvent.objects.filter(event="import_failed").count() == 1

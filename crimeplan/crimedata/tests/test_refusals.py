"""Imports that cannot destroy: a file that stores nothing never replaces a stored month.

The reported defect: a file named for 2022-05 whose rows are of another month had
every row rejected, an empty partition replaced the stored 18,185 rows of 2022-05,
and the command said every file reconciles and exited 0.
"""

import csv
import gzip

import pytest

from crimeplan.analytics.store import Staged
from crimeplan.analytics.tests.data import STREET_DIR, csv_rows, raw_text
from crimeplan.analytics.vocabulary import Kind
from crimeplan.audit.models import AuditEvent
from crimeplan.crimedata.models import ImportRun, RejectedRow
from crimeplan.crimedata.services import import_police

pytestmark = pytest.mark.django_db

MAY = STREET_DIR / "2022-05-lancashire-street.csv.gz"
OCTOBER = STREET_DIR / "2020-10-lancashire-street.csv.gz"


def _may_count(store) -> int:
    return store.query("SELECT count(*) FROM street WHERE month = '2022-05'").rows[0][0]


@pytest.fixture
def may_stored(geo_store):
    """The shipped 2022-05 month imported; checked against an independent count."""
    (run,) = import_police([MAY]).runs
    assert run.status == "stored" and run.rows_stored == len(csv_rows(MAY)) == 18_185
    assert _may_count(geo_store) == 18_185
    return run


def test_a_file_whose_name_lies_about_its_month_is_refused_and_keeps_the_stored_month(geo_store, may_stored, tmp_path):
    liar = tmp_path / "2022-05-lancashire-street.csv.gz"
    liar.write_bytes(OCTOBER.read_bytes())  # 2020-10 rows under the name of 2022-05
    summary = import_police([liar])
    (run,) = summary.runs
    rows = len(csv_rows(OCTOBER))
    assert run.status == "refused" and not run.is_current
    assert (run.rows_read, run.rows_stored, run.rows_rejected) == (rows, 0, rows)
    assert run.rejected_by_rule == {"month_matches_file": rows}
    assert run.error.startswith("refused: its name says 2022-05 but its rows say 2020-10;")
    assert summary.failed == [f"{liar}: {run.error}"]
    assert _may_count(geo_store) == 18_185
    may_stored.refresh_from_db()
    assert may_stored.is_current
    assert RejectedRow.objects.filter(run=run).count() == 1_000  # the first 1,000 kept, all counted
    assert AuditEvent.objects.filter(event="import_failed").count() == 1


def test_a_header_only_file_is_refused_and_keeps_the_stored_month(geo_store, may_stored, tmp_path):
    header = raw_text(MAY).split("\r\n", 1)[0]
    empty = tmp_path / "2022-05-lancashire-street.csv"
    empty.write_text(header + "\r\n", encoding="utf-8")
    (run,) = import_police([empty]).runs
    assert (run.status, run.rows_read, run.rows_stored, run.rows_rejected) == ("refused", 0, 0, 0)
    assert "it has a header but no rows" in run.error
    assert _may_count(geo_store) == 18_185


def test_a_file_whose_name_lies_about_its_force_is_refused(geo_store, tmp_path):
    liar = tmp_path / "2022-05-cumbria-street.csv.gz"
    liar.write_bytes(MAY.read_bytes())
    (run,) = import_police([liar]).runs
    assert run.status == "refused" and run.rows_rejected == 18_185
    assert run.error.startswith("refused: its name says force cumbria but its rows say Lancashire Constabulary;")
    assert geo_store.partitions() == []


def test_rejected_rows_beyond_the_cap_are_counted_by_rule_and_reconcile(geo_store, tmp_path):
    lines = raw_text(MAY).rstrip("\r\n").split("\r\n")
    header, body = lines[0], lines[1:]
    for i in range(0, 3_000, 2):  # 1,500 rows of the wrong month, 1,500 with a field missing
        fields = next(csv.reader([body[i]]))
        fields[1] = "2021-01"
        body[i] = ",".join(f'"{f}"' if "," in f else f for f in fields)
        body[i + 1] = body[i + 1].rsplit(",", 1)[0]
    path = tmp_path / MAY.name.removesuffix(".gz")
    path.write_text("\r\n".join([header, *body]) + "\r\n", encoding="utf-8")
    (run,) = import_police([path]).runs
    assert run.status == "stored"
    assert run.rejected_by_rule == {"column_count": 1_500, "month_matches_file": 1_500}
    assert (run.rows_read, run.rows_stored, run.rows_rejected) == (18_185, 18_185 - 3_000, 3_000)
    kept = list(RejectedRow.objects.filter(run=run).order_by("line").values_list("line", flat=True))
    assert kept == list(range(2, 1_002))  # the first 1,000 lines of the file, whatever their rule


def _duplicates(rows: list[dict[str, str]]) -> int:
    return len(rows) - len({tuple(r.values()) for r in rows})


def test_exact_duplicate_rows_are_stored_and_counted(geo_store, tmp_path):
    text = raw_text(MAY).rstrip("\r\n")
    lines = text.split("\r\n")
    path = tmp_path / MAY.name
    path.write_bytes(gzip.compress(("\r\n".join([*lines, *lines[1:6]]) + "\r\n").encode()))
    expected = _duplicates(csv_rows(path))
    assert expected >= 5  # our five, plus any the published file repeats itself
    (run,) = import_police([path]).runs
    assert run.rows_duplicate == expected and run.rows_stored == 18_185 + 5
    assert _may_count(geo_store) == 18_185 + 5


@pytest.mark.slow  # imports every shipped month
def test_the_shipped_months_report_the_duplicates_they_hold(geo_store):
    summary = import_police([STREET_DIR])
    for run in summary.runs:
        assert run.rows_duplicate == _duplicates(csv_rows(STREET_DIR / run.file_name))


class Crash(Exception):
    """The process dies between swapping a partition in and committing its run."""


def _crash_after_swap(monkeypatch):
    real = Staged.commit

    def commit_then_die(self):
        real(self)
        raise Crash

    monkeypatch.setattr(Staged, "commit", commit_then_die)


def _shorter_may(tmp_path, drop: int):
    lines = raw_text(MAY).rstrip("\r\n").split("\r\n")
    path = tmp_path / MAY.name.removesuffix(".gz")
    path.write_text("\r\n".join(lines[:-drop]) + "\r\n", encoding="utf-8")
    return path


def test_a_crash_between_swap_and_record_is_repaired_by_the_next_import(geo_store, may_stored, tmp_path, monkeypatch):
    shorter = _shorter_may(tmp_path, 100)
    _crash_after_swap(monkeypatch)
    with pytest.raises(Crash):
        import_police([shorter])
    monkeypatch.undo()
    # the store has the new file, the database still the old run: they disagree
    footer = geo_store.partition(Kind.STREET, "lancashire", "2022-05")
    assert footer.rows == _may_count(geo_store) == 18_085
    may_stored.refresh_from_db()
    assert may_stored.is_current and footer.metadata["sha256"] != may_stored.sha256

    summary = import_police([OCTOBER])  # any later import repairs the record first
    (repaired,) = summary.repaired
    may_stored.refresh_from_db()
    assert not may_stored.is_current
    assert (repaired.status, repaired.is_current, repaired.month) == ("recovered", True, "2022-05")
    assert (repaired.sha256, repaired.rows_stored) == (footer.metadata["sha256"], 18_085)
    assert repaired.rows_read == repaired.rows_stored + repaired.rows_rejected
    # re-running the interrupted file now finds it unchanged, and nothing needs repair
    again = import_police([shorter])
    assert again.repaired == [] and [r.status for r in again.runs] == ["unchanged"]


def test_a_crash_on_the_first_import_of_a_month_is_repaired(geo_store, tmp_path, monkeypatch):
    _crash_after_swap(monkeypatch)
    with pytest.raises(Crash):
        import_police([MAY])
    monkeypatch.undo()
    assert ImportRun.objects.count() == 0 and _may_count(geo_store) == 18_185
    (repaired,) = import_police([OCTOBER]).repaired
    assert (repaired.rows_stored, repaired.is_current, repaired.file_name) == (18_185, True, MAY.name)


def test_a_current_run_whose_partition_is_gone_stops_being_current(geo_store, may_stored):
    geo_store.delete_partition(Kind.STREET, "lancashire", "2022-05")
    (changed,) = import_police([OCTOBER]).repaired
    assert changed.pk == may_stored.pk and not changed.is_current

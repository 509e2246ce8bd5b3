"""The crimeplan commands, called as a user would."""

import json
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from crimeplan.analytics.tests.data import STREET_DIR, STREET_FILES, csv_rows, raw_text
from crimeplan.audit.models import AuditEvent
from crimeplan.core.testing import crimeplan_command
from crimeplan.crimedata.models import ImportRun

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.slow  # imports every shipped month
def test_import_police_prints_a_reconciliation_per_file(geo_store):
    output = run("importdata", "police", str(STREET_DIR), "--force", "lancashire")
    total = sum(len(csv_rows(p)) for p in STREET_FILES)
    assert "Reconciliation: every file reconciles." in output
    assert f"{total:,}" in output
    for path in STREET_FILES:
        assert path.name in output
    again = run("importdata", "police", str(STREET_DIR))
    assert again.count("unchanged") == len(STREET_FILES)
    assert geo_store.query("SELECT count(*) FROM street").rows == [(total,)]


def test_import_police_fails_naming_the_file_it_could_not_read(geo_store, tmp_path):
    broken = tmp_path / STREET_FILES[0].name
    broken.write_bytes(STREET_FILES[0].read_bytes()[:300])
    with pytest.raises(CommandError, match=f"{broken}: the gzip data is damaged"):
        run("importdata", "police", str(broken))


def test_query_prints_table_csv_and_json_and_is_audited(loaded_store):
    sql = "SELECT month, count(*) AS n FROM street GROUP BY 1 ORDER BY 1"
    hand = {p.name[:7]: len(csv_rows(p)) for p in STREET_FILES}
    as_json = json.loads(run("query", sql, "--format", "json"))
    assert {r["month"]: r["n"] for r in as_json} == hand
    as_csv = run("query", sql, "--format", "csv").splitlines()
    assert as_csv[0] == "month,n" and len(as_csv) == len(STREET_FILES) + 1
    assert f"{len(STREET_FILES)} rows" in run("query", sql)
    assert AuditEvent.objects.filter(event="store_queried").count() == 3


def test_query_refuses_writes_with_a_clear_message(loaded_store):
    with pytest.raises(CommandError, match="only SELECT statements are allowed; this is DELETE"):
        run("query", "DELETE FROM street")


def test_geography_load_refuses_an_unknown_file(store, tmp_path):
    other = tmp_path / "notes.csv"
    other.write_text("a,b\n")
    with pytest.raises(CommandError, match=r"notes\.csv: not a geography file"):
        run("geography", "load", str(other))


@pytest.mark.slow  # starts the installed command in new processes
def test_the_crimeplan_command_is_manage_py_with_its_own_commands(tmp_path):
    crimeplan, env = crimeplan_command(tmp_path)
    listing = subprocess.run([crimeplan, "help"], env=env, capture_output=True, text=True, check=True).stdout
    for name in ("migrate", "runserver", "importdata", "geography", "query", "demo"):
        assert name in listing
    usage = subprocess.run(
        [crimeplan, "import", "police", "--help"], env=env, capture_output=True, text=True, check=True
    )
    assert "--force FORCE" in usage.stdout
    assert Path(settings.BASE_DIR, "manage.py").exists()


def run_failing(*args: str) -> tuple[str, str]:
    """Output and error of a command that must fail (exit non-zero)."""
    out = StringIO()
    with pytest.raises(CommandError) as failure:
        call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue(), str(failure.value)


def test_import_police_from_an_archive_for_one_force_skips_the_rest_and_reports(geo_store, tmp_path):
    import zipfile

    archive = tmp_path / "archive.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in STREET_FILES[:2]:
            zf.writestr(f"{path.name[:7]}/{path.name.removesuffix('.gz')}", raw_text(path))
        zf.writestr("2022-05/2022-05-cumbria-street.csv", raw_text(STREET_FILES[0]))
        zf.writestr("2022-05/notes [draft].txt", "not a CSV [/]")
    output = run("importdata", "police", str(archive), "--force", "lancashire")
    assert "Reconciliation: every file reconciles." in output
    assert f"skipped: {archive}!2022-05/2022-05-cumbria-street.csv: belongs to force cumbria, not lancashire" in output
    assert f"skipped: {archive}!2022-05/notes [draft].txt: not a .csv file" in output
    assert ImportRun.objects.filter(status="stored").count() == 2
    for path in STREET_FILES[:2]:
        assert path.name.removesuffix(".gz") in output


def test_import_police_refuses_a_lying_file_names_it_and_exits_non_zero(geo_store, tmp_path):
    run("importdata", "police", str(STREET_FILES[0]))
    liar = tmp_path / "2022-05-lancashire-street.csv.gz"
    liar.write_bytes(STREET_FILES[0].read_bytes())
    output, error = run_failing("importdata", "police", str(liar))
    said = STREET_FILES[0].name[:7]
    reason = f"refused: its name says 2022-05 but its rows say {said}"
    assert f"refused: {liar.name}: {reason}" in output
    assert f"{liar}: {reason}" in error
    assert "month_matches_file" in output


def test_import_police_shows_rejected_rows_by_rule(geo_store, tmp_path):
    lines = raw_text(STREET_FILES[0]).split("\r\n")
    lines[3] = lines[3].rsplit(",", 1)[0]
    path = tmp_path / STREET_FILES[0].name.removesuffix(".gz")
    path.write_text("\r\n".join(lines), encoding="utf-8")
    output = run("importdata", "police", str(path))
    assert "column_count 1" in output and "Reconciliation: every file reconciles." in output


def test_import_police_names_a_missing_path_and_exits_non_zero(geo_store, tmp_path):
    output, error = run_failing("importdata", "police", str(STREET_FILES[0]), str(tmp_path / "nowhere [x]"))
    assert f"not read: {tmp_path / 'nowhere [x]'}: no such file or folder" in output
    assert STREET_FILES[0].name in output
    assert "no such file or folder" in error


def test_import_police_reports_a_repaired_month(geo_store):
    run("importdata", "police", str(STREET_FILES[0]))
    ImportRun.objects.update(sha256="0" * 64)  # as if the run of another file had been left current
    output = run("importdata", "police", str(STREET_FILES[1]))
    assert f"repaired: street lancashire {STREET_FILES[0].name[:7]}: the store holds {STREET_FILES[0].name}" in output


def test_data_commands_skip_the_system_checks_and_check_still_runs_them(loaded_store, capsys):
    from django.core import checks
    from django.core.management import load_command_class
    from django.core.management.base import SystemCheckError

    def failing(**kwargs):
        return [checks.Error("a check that fails", id="crimeplan.E999")]

    checks.register(failing)
    try:
        # as from the command line, where a command that requires checks runs them first
        load_command_class("crimeplan.crimedata", "query").run_from_argv(
            ["crimeplan", "query", "SELECT 1 AS one", "--format", "csv"]
        )
        assert capsys.readouterr().out.splitlines() == ["one", "1"]
        with pytest.raises(SystemCheckError, match="a check that fails"):
            call_command("check", stdout=StringIO(), stderr=StringIO())
    finally:
        checks.registry.registry.registered_checks.discard(failing)


def test_every_data_command_declares_it_needs_no_system_checks():
    from django.core.management import load_command_class

    for app, name in [
        ("crimeplan.crimedata", "importdata"), ("crimeplan.crimedata", "query"),
        ("crimeplan.geography", "geography"), ("crimeplan.hotspots", "hotspots"),
        ("crimeplan.performance", "report"), ("crimeplan.grants", "grants"), ("crimeplan.cases", "cases"),
        ("crimeplan.cases", "reoffending"), ("crimeplan.core", "demo"),
    ]:  # fmt: skip
        assert load_command_class(app, name).requires_system_checks == [], name

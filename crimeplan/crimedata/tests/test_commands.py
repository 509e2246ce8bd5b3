"""The crimeplan commands, called as a user would."""

import json
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from crimeplan.analytics.tests.data import STREET_DIR, STREET_FILES, csv_rows
from crimeplan.audit.models import AuditEvent
from crimeplan.core.testing import crimeplan_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


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

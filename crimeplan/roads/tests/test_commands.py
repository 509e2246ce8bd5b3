"""``crimeplan import stats19``, ``crimeplan query`` and ``crimeplan roads summary`` on the shipped files."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import call_command

from crimeplan.roads.models import Stats19Import
from crimeplan.roads.tests.conftest import WY_FILES

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_import_reconciles_and_a_second_run_is_unchanged(store):
    first = run("importdata", "stats19", *map(str, WY_FILES))
    assert "every file reconciles" in first
    runs = {r.table: (r.rows_read, r.rows_stored, r.rows_rejected, r.status) for r in Stats19Import.objects.all()}
    assert runs == {
        "collisions": (4060, 4060, 0, "stored"), "casualties": (5240, 5240, 0, "stored"),
        "vehicles": (7355, 7355, 0, "stored"),
    }  # fmt: skip
    run("importdata", "stats19", *map(str, WY_FILES))
    assert set(Stats19Import.objects.order_by("-pk").values_list("status", flat=True)[:3]) == {"unchanged"}
    assert json.loads(run("query", "SELECT count(*) AS n FROM casualties", "--format", "json")) == [{"n": 5240}]


def test_summary_prints_the_ksi_figures(wy_store):
    figures = json.loads(run("roads", "summary", "--force", "west-yorkshire", "--year", "2024", "--json"))
    assert {k: figures[k] for k in ("collisions", "casualties", "fatal", "serious", "ksi")} == {
        "collisions": 4060, "casualties": 5240, "fatal": 40, "serious": 1278, "ksi": 1318
    }  # fmt: skip
    assert figures["ksi_adjusted"] == pytest.approx(1318.0)


def test_the_demo_loads_the_shipped_data_and_says_why(store):
    text = run("roads", "demo")
    assert "Road safety pages show West Yorkshire 2024, because that is the STATS19 data the repository ships" in text
    assert text.count("read ") == 3

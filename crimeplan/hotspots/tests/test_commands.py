"""``crimeplan hotspots evaluate`` on the shipped months, called as a user would."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from crimeplan.analytics.hotspots.defaults import default_for
from crimeplan.audit.models import AuditEvent
from crimeplan.hotspots.models import EvaluationRun

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("hotspots", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_evaluate_prints_the_table_writes_json_and_saves_the_scores(loaded_store, tmp_path):
    out = tmp_path / "scores.json"
    text = run(
        "evaluate", "--force", "lancashire", "--crime-type", "burglary", "--test-months", "2022-06:2022-08",
        "--train-months", "9", "--methods", "naive,kde-quartic,sepp", "--coverage", "0.01,0.05,0.1",
        "--json", str(out),
    )  # fmt: skip
    assert "Skipped 2022-08: not in the store: 2022-08." in text
    assert "Not run: sepp" in text and "month only" in text
    assert "kde-quartic" in text and "PAI (IQR)" in text
    records = json.loads(out.read_text())
    assert len(records) == 2 * 2 * 3 * 2  # methods × months × coverages × areas
    assert set(records[0]) == {
        "method", "test_month", "coverage", "hit_rate", "pai", "pei", "best_hit_rate", "fit_predict_s",
        "area", "flagged_with_crime", "default",
    }  # fmt: skip
    assert {r["area"] for r in records} == {"force", "active"}
    assert "force area" in text and "active area" in text and "cells with at least one non-ASB record" in text
    saved = EvaluationRun.objects.get()
    assert (saved.force, saved.crime_type, saved.train_months) == ("lancashire", "burglary", 9)
    assert saved.test_months == ["2022-06", "2022-07"] and saved.scores.count() == 24
    assert saved.scores.filter(area="active").count() == 12
    assert saved.chosen_method in ("naive", "kde-quartic")
    assert f"Chosen for the hotspot page: {saved.chosen_method}" in text
    assert AuditEvent.objects.get(event="hotspot_evaluation_recorded").data["run"] == saved.pk


def test_records_of_the_shipped_default_are_marked_default(loaded_store, tmp_path):
    default = default_for("burglary")
    assert default is not None
    out = tmp_path / "scores.json"
    methods = ",".join(dict.fromkeys([default.method, "naive"]))
    run(
        "evaluate", "--crime-type", "burglary", "--test-months", "2022-07", "--methods", methods,
        "--coverage", "0.01", "--no-save", "--json", str(out),
    )  # fmt: skip
    records = json.loads(out.read_text())
    assert {r["method"] for r in records if r["default"]} == {default.method}
    assert all(r["default"] == (r["method"] == default.method) for r in records)


def test_all_crime_means_everything_but_anti_social_behaviour(loaded_store):
    text = run("evaluate", "--test-months", "2022-07", "--train-months", "1", "--methods", "naive", "--no-save")
    total = loaded_store.query(
        "SELECT count(*) FROM street WHERE month = '2022-07' AND crime_type <> 'Anti-social behaviour' "
        "AND longitude IS NOT NULL"
    ).rows[0][0]
    assert f"2022-07 ({total:,} records)" in text or "outside the grid" in text
    assert EvaluationRun.objects.count() == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--test-months", "2022/07"], "not a month"),
        (["--test-months", "2022-07", "--methods", "magic"], "unknown hotspot method"),
        (["--test-months", "2022-07", "--crime-type", "littering"], "unknown crime type"),
        (["--test-months", "2022-07", "--coverage", "5"], "between 0 and 1"),
        (["--test-months", "2023-01:2023-02"], "no test month could be evaluated"),
        (["--test-months", "2022-07", "--force", "leicestershire"], "LSOAs are in leicestershire"),
    ],
)
def test_mistakes_get_a_message_saying_what_to_change(loaded_store, args, message):
    with pytest.raises(CommandError, match=message):
        run("evaluate", *args)


def test_methods_lists_the_registry(loaded_store):
    text = run("methods")
    assert "prospective" in text and "SelfExcitingPointProcess" in text


def test_harm_weighted_evaluation_weighs_records_and_says_which_methods_cannot(loaded_store, tmp_path):
    out = tmp_path / "harm.json"
    text = run(
        "evaluate", "--crime-type", "all", "--test-months", "2022-07", "--train-months", "3",
        "--methods", "naive,ensemble", "--coverage", "0.01", "--harm", "--json", str(out),
    )  # fmt: skip
    assert "Harm-weighted" in text and "Not run: ensemble" in text and "does not take sample_weight" in text
    assert {r["method"] for r in json.loads(out.read_text())} == {"naive"}
    assert EvaluationRun.objects.get().crime_type == "all-harm"  # never mistaken for the unweighted run


def test_the_protocol_refuses_to_choose_defaults_on_the_months_it_reports(loaded_store, tmp_path):
    with pytest.raises(CommandError, match="chosen on months before the evaluation months"):
        run(
            "protocol", "--forces", "lancashire", "--crime-types", "burglary", "--development-months",
            "2022-05:2022-07", "--evaluation-months", "2022-07", "--out", str(tmp_path),
        )  # fmt: skip
    assert not any(tmp_path.iterdir())

"""The rolling-origin evaluation on the shipped months."""

import math

import pytest

from crimeplan.analytics.hotspots.data import crime_type_name, force_grid, load_events, slug_or_all
from crimeplan.analytics.hotspots.evaluate import Summary, choose, evaluate, plan, summarise


def test_months_missing_from_the_store_are_named_and_skipped():
    held = {"2022-01", "2022-02", "2022-04", "2022-05"}
    runs, skipped = plan(["2022-03", "2022-05", "2022-06"], 2, held)
    assert runs == {}
    assert skipped == {
        "2022-03": "not in the store: 2022-03",
        "2022-05": "not in the store: 2022-03",
        "2022-06": "not in the store: 2022-06",
    }
    runs, _ = plan(["2022-05"], 1, held)
    assert runs == {"2022-05": ["2022-04"]}


def test_rolling_origin_scores_every_method_month_and_coverage(loaded_lib_store):
    grid = force_grid(loaded_lib_store, "lancashire")
    events = load_events(loaded_lib_store, "lancashire", "Burglary", "2021-08", "2022-07")
    held = {p.month for p in loaded_lib_store.partitions(force="lancashire")}
    result = evaluate(
        events,
        grid,
        methods=["naive", "kde-quartic", "sepp"],
        test_months=["2022-05", "2022-06", "2022-07", "2022-08"],
        train_months=6,
        held_months=held,
        coverages=(0.01, 0.05),
    )
    assert result.test_months == ["2022-05", "2022-06", "2022-07"]
    assert result.skipped == {"2022-08": "not in the store: 2022-08"}
    assert "month only" in result.unavailable["sepp"]
    assert len(result.records) == 2 * 3 * 2
    first = result.records[0]
    assert (first.method, first.test_month, first.coverage) == ("naive", "2022-05", 0.01)
    assert all(0 <= r.hit_rate <= r.best_hit_rate <= 1 and r.fit_predict_s > 0 for r in result.records)
    assert result.test_events["2022-07"] == len(events.in_months(["2022-07"])) - result.outside_grid["2022-07"]
    rows = summarise(result)
    assert [(r.method, r.coverage, r.months) for r in rows] == [
        ("naive", 0.01, 3),
        ("naive", 0.05, 3),
        ("kde-quartic", 0.01, 3),
        ("kde-quartic", 0.05, 3),
    ]
    assert rows[0].peak_memory_mb > 0


def summary(method, pai):
    return Summary(method, 0.05, 7, (0.5, 0.4, 0.6), (pai, pai, pai), 0.5, 1.0, 0.01, 1.0)


def test_naive_counts_stay_the_default_unless_beaten():
    tie = choose([summary("naive", 10.0), summary("kde-quartic", 10.0)])
    assert (tie.method, tie.beats_baseline) == ("naive", False)
    assert "no method" in tie.reason
    marginal = choose([summary("naive", 18.10), summary("ensemble", 18.11)])  # Lancashire, all crime
    assert (marginal.method, marginal.beats_baseline) == ("naive", False)
    better = choose([summary("naive", 10.0), summary("ensemble", 12.5)])
    assert (better.method, better.beats_baseline) == ("ensemble", True)
    assert math.isclose(better.baseline_pai, 10.0)
    with pytest.raises(ValueError, match="no method"):
        choose([])


@pytest.mark.parametrize(
    ("given", "slug"),
    [
        ("all", "all"),
        ("Burglary", "burglary"),
        ("violent-crime", "violent-crime"),
        ("Violent crime", "violent-crime-pre-2013"),
        ("public-disorder-weapons", "public-disorder-weapons"),
    ],
)
def test_an_evaluation_is_saved_under_the_crime_types_own_slug(given, slug):
    """Pre-2013 "Violent crime" must not share a slug with "Violence and sexual offences"."""
    assert slug_or_all(crime_type_name(given)) == slug

"""Active cells, re-snapped history, the learned ranking and the default choice, on the shipped months."""

import numpy as np
import pytest

from crimeplan.analytics.hotspots.data import (
    active_cells,
    cell_context,
    force_grid,
    load_events,
    load_typed_events,
)
from crimeplan.analytics.hotspots.defaults import check_split, choose_default, load_defaults
from crimeplan.analytics.hotspots.evaluate import Summary, evaluate
from crimeplan.analytics.hotspots.events import month_start_days
from crimeplan.analytics.hotspots.registry import make
from crimeplan.analytics.hotspots.resnap import resnap, resnap_to_latest
from crimeplan.analytics.months import add_months


@pytest.fixture
def lancashire(loaded_lib_store):
    grid = force_grid(loaded_lib_store, "lancashire")
    typed = load_typed_events(loaded_lib_store, "lancashire", "2020-10", "2022-07")
    return loaded_lib_store, grid, typed


def points(typed, month):
    events = typed.of(None).in_months([month])
    return np.unique(np.column_stack([events.easting, events.northing]), axis=0)


def test_active_cells_are_the_cells_with_a_non_asb_record_in_any_month(lancashire):
    _, grid, typed = lancashire
    active = active_cells(grid, typed.of(None))
    crimes = typed.of(None)
    cells = grid.locate(crimes.easting, crimes.northing)
    assert active.sum() == len(np.unique(cells[cells >= 0]))
    asb = typed.of("Anti-social behaviour")
    asb_cells = np.unique(grid.locate(asb.easting, asb.northing))
    asb_only = np.setdiff1d(asb_cells[asb_cells >= 0], cells)
    assert len(asb_only) > 0 and not active[asb_only].any()  # anti-social behaviour alone does not make a cell active
    assert 0 < active.sum() < grid.n_cells / 5


def test_resnap_moves_points_to_the_nearest_current_point_within_the_distance(lancashire):
    _, _, typed = lancashire
    old, new = points(typed, "2022-06")[::8], points(typed, "2022-07")  # police.uk changed its map points in 2022-07
    moved_xy, moved = resnap(old, new, 150.0)
    distances = np.hypot(old[:, None, 0] - new[None, :, 0], old[:, None, 1] - new[None, :, 1])
    nearest = distances.min(axis=1)
    assert moved.any() and (~moved).any()
    np.testing.assert_allclose(moved_xy[moved], new[distances[moved].argmin(axis=1)])
    assert (nearest[moved] <= 150.0).all()
    kept = ~moved
    assert ((nearest[kept] > 150.0) | (nearest[kept] == 0)).all()
    np.testing.assert_array_equal(moved_xy[kept], old[kept])  # no current point near: left where it was


def test_resnapped_counts_keep_every_event_and_count_them_at_current_points(lancashire):
    _, grid, typed = lancashire
    window = [add_months("2022-07", -k) for k in range(6, 0, -1)]
    train = typed.of(None).in_months(window)
    X = train.X  # noqa: N806  (scikit-learn's name)
    snapped = resnap_to_latest(X, 150.0)
    latest = {tuple(p) for p in points(typed, window[-1])}
    moved = (snapped[:, :2] != X[:, :2]).any(axis=1)
    assert moved.sum() > 0.2 * len(X)
    assert all(tuple(p) in latest for p in snapped[moved, :2])  # every moved event sits on a current point
    assert len(snapped) == len(X)
    risk = make("resnap", grid=grid).fit(X, at=float(month_start_days(["2022-07"])[0])).predict()
    assert risk.sum() == (grid.locate(snapped[:, 0], snapped[:, 1]) >= 0).sum()


@pytest.mark.slow  # fits the learned model twice
def test_the_learned_ranking_never_sees_the_forecast_month(lancashire):
    store, grid, typed = lancashire
    month = "2022-07"
    at = float(month_start_days([month])[0])
    window = [add_months(month, -k) for k in range(12, 0, -1)]
    train = typed.of("Burglary").in_months(window)
    with_future = cell_context(store, grid, typed)  # typed events include the forecast month
    without = cell_context(store, grid, load_typed_events(store, "lancashire", "2020-10", "2022-06"))
    a = make("learned", grid=grid, context=with_future, max_iter=20).fit(train.X, at=at)
    b = make("learned", grid=grid, context=without, max_iter=20).fit(train.X, at=at)
    np.testing.assert_array_equal(a.predict(), b.predict())
    assert a.n_training_rows_ > 0 and len(a.get_feature_names_out()) == a.model_.n_features_in_
    future = typed.of("Burglary").in_months([*window, month]).X
    with pytest.raises(ValueError, match="at or after the start"):
        make("learned", grid=grid, context=without).fit(future, at=at)


def test_evaluate_scores_both_areas_with_the_best_possible_and_flagged_share(lancashire):
    store, grid, typed = lancashire
    events = load_events(store, "lancashire", "Burglary", "2021-07", "2022-07")
    held = {p.month for p in store.partitions(force="lancashire")}
    active = active_cells(grid, typed.of(None))
    result = evaluate(
        events, grid, methods=["naive", "resnap"], test_months=["2022-07"], train_months=6,
        held_months=held, coverages=(0.005, 0.01), active=active, measure_memory=False,
    )  # fmt: skip
    assert {(r.method, r.area, r.coverage) for r in result.records} == {
        (m, a, c) for m in ("naive", "resnap") for a in ("force", "active") for c in (0.005, 0.01)
    }
    force = {(r.method, r.coverage): r for r in result.records if r.area == "force"}
    for r in result.records:
        if r.area == "active":
            # the same events over fewer cells: the best possible hit rate at the same share is no higher
            assert r.best_hit_rate <= force[(r.method, r.coverage)].best_hit_rate
            assert 0 <= r.flagged_with_crime <= 1 and r.hit_rate <= r.best_hit_rate


def summary(method, area, coverage, hit):
    return Summary(method, coverage, 4, (hit, hit, hit), (1.0, 1.0, 1.0), 0.5, 0.2, 0.01, None, area=area)


def test_the_default_is_chosen_on_development_months_only_and_must_beat_the_peers():
    with pytest.raises(ValueError, match="before the evaluation months"):
        check_split(["2022-03", "2022-04"], ["2022-04", "2022-05"])
    check_split(["2021-11", "2022-02"], ["2022-03"])
    rows = {
        "a": [
            summary("naive", "active", 0.01, 0.10),
            summary("prospective", "active", 0.01, 0.11),
            summary("learned", "active", 0.01, 0.13),
            summary("learned", "force", 0.01, 0.99),
        ],
        "b": [
            summary("naive", "active", 0.01, 0.20),
            summary("prospective", "active", 0.01, 0.19),
            summary("learned", "active", 0.01, 0.22),
        ],
    }
    chosen = choose_default("all", rows, ["2021-11", "2022-02"])
    assert chosen.method == "learned" and chosen.chosen_on == ["2021-11", "2022-02"]
    assert chosen.evidence["a"]["learned"] == 0.13  # the active area's figure, not the force area's
    rows["a"][2] = summary("learned", "active", 0.01, 0.105)
    rows["b"][2] = summary("learned", "active", 0.01, 0.19)
    # no gain over the best peer, so the peer with the best mean ratio (0.955 naive, 0.975 prospective)
    assert choose_default("all", rows, ["2022-01"]).method == "prospective"


def test_shipped_defaults_were_chosen_before_2022_08():
    shipped = load_defaults()
    assert shipped, "the package ships defaults.json"
    for slug, choice in shipped.items():
        assert choice.crime_type == slug and max(choice.chosen_on) <= "2022-07"
        assert choice.method in {m for evidence in choice.evidence.values() for m in evidence}


def test_harm_weighted_forecasts_weigh_each_record_by_its_crime_types_harm(lancashire):
    _, grid, typed = lancashire
    days = {"Burglary": 146.0, "Anti-social behaviour": None}
    events = typed.of(None, harm=lambda t: days.get(t, 1.0)).in_months(["2022-05", "2022-06"])
    assert set(np.unique(events.weight)) == {1.0, 146.0}  # ASB is not in "all crime", so no 0 weight here
    at = float(month_start_days(["2022-07"])[0])
    risk = make("naive", grid=grid).fit(events.X, at=at, sample_weight=events.weight).predict()
    np.testing.assert_allclose(risk, grid.counts(events.easting, events.northing, events.weight))
    unweighted = make("naive", grid=grid).fit(events.X, at=at).predict()
    assert risk.sum() > unweighted.sum()
    with pytest.raises(ValueError, match="does not take sample_weight"):
        make("ensemble", grid=grid).fit(events.X, at=at, sample_weight=events.weight)
    with pytest.raises(ValueError, match="zero for every event"):
        make("naive", grid=grid).fit(events.X, at=at, sample_weight=np.zeros(len(events)))
    with pytest.raises(ValueError, match="one per event"):
        make("naive", grid=grid).fit(events.X, at=at, sample_weight=events.weight[:-1])

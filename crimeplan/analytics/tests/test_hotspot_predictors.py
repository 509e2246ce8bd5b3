"""The predictors: scikit-learn's contract and checks, KDE against a direct sum, time weights, the registry."""

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from crimeplan.analytics.grids import Grid
from crimeplan.analytics.hotspots.base import days_to_month_index, month_start_days
from crimeplan.analytics.hotspots.data import force_grid, load_events
from crimeplan.analytics.hotspots.kde import KDE, kernel
from crimeplan.analytics.hotspots.learned import LearnedRanking
from crimeplan.analytics.hotspots.registry import METHODS, make, resolve
from crimeplan.analytics.hotspots.sepp import SelfExcitingPointProcess

#: Checks that do not apply, and why (documented in docs/analytics/hotspots.md).
NOT_SPATIAL = "feeds 4-10 arbitrary feature columns; a hotspot predictor takes easting, northing and time"
EXCEPTIONS = {
    "check_n_features_in_after_fitting": NOT_SPATIAL,
    "check_positive_only_tag_during_fit": NOT_SPATIAL,
    "check_estimators_dtypes": NOT_SPATIAL,
    "check_dtype_object": NOT_SPATIAL,
    "check_fit2d_1sample": NOT_SPATIAL + " (one event is accepted)",
}
NEEDS_TIMES = "the checks' data have no time column; a self-exciting process and the learned ranking need times"
SEPP_EXCEPTIONS = {
    name: NEEDS_TIMES
    for name in (
        "check_estimators_overwrite_params",
        "check_estimators_fit_returns_self",
        "check_readonly_memmap_input",
        "check_fit_idempotent",
        "check_fit_check_is_fitted",
        "check_n_features_in",
    )
}


#: Weighted counting: the grid is drawn around every event (zero-weight ones too), so dropping an event
#: instead of giving it weight 0 can move the cells.
WEIGHTED = {
    "check_sample_weight_equivalence_on_dense_data": "the grid is drawn around every event, weight 0 too",
    "check_all_zero_sample_weights_error": NOT_SPATIAL + " (all-zero weights are refused: see test_hotspot_learned)",
}
NO_WEIGHTS = "takes no sample_weight (stacking, the learned ranking, SEPP) and says so with a ValueError"
UNWEIGHTED = {
    name: NO_WEIGHTS
    for name in (
        "check_sample_weights_shape",
        "check_sample_weights_pandas_series",
        "check_sample_weights_not_overwritten",
        "check_sample_weights_not_an_array",
        "check_sample_weights_list",
        "check_sample_weight_equivalence_on_dense_data",
        "check_all_zero_sample_weights_error",
    )
}


def expected_failures(estimator):
    weights = WEIGHTED if estimator.takes_sample_weight else UNWEIGHTED
    if isinstance(estimator, SelfExcitingPointProcess | LearnedRanking):
        return {**EXCEPTIONS, **SEPP_EXCEPTIONS, **weights}
    return {**EXCEPTIONS, **weights}


@parametrize_with_checks([make(name) for name in METHODS], expected_failed_checks=expected_failures)
def test_scikit_learn_checks(estimator, check):
    check(estimator)


def test_kde_equals_a_direct_sum_over_events():
    grid = Grid(0.0, 0.0, 50.0, np.ones((12, 15), dtype=bool))
    x = np.array([120.0, 130.0, 400.0, 610.0, 610.0, 33.0])
    y = np.array([80.0, 95.0, 300.0, 420.0, 430.0, 580.0])
    cx, cy = grid.centres()
    event_cells = grid.locate(x, y)
    for kind, bandwidth in [("quartic", 160.0), ("gaussian", 60.0), ("bowers", 120.0)]:
        fast = KDE(kernel=kind, bandwidth=bandwidth, grid=grid).fit(np.column_stack([x, y])).predict()
        direct = np.zeros(grid.n_cells)
        weights = kernel(kind, bandwidth, 50.0)
        scale = {"quartic": 1.0, "gaussian": 1.0, "bowers": 1.0}[kind]
        total = _raw(kind, weights.shape[0] // 2, bandwidth, 50.0).sum()
        for cell in range(grid.n_cells):  # the slow way: every cell against every event
            d = np.hypot(cx[cell] - cx[event_cells], cy[cell] - cy[event_cells])
            direct[cell] = _profile(kind, d, bandwidth, 50.0).sum() * scale / total
        assert np.allclose(fast, direct, rtol=1e-9, atol=1e-12), kind


def _profile(kind, d, h, cell):
    if kind == "quartic":
        return np.where(d < h, (1 - (d / h) ** 2) ** 2, 0.0)
    if kind == "gaussian":
        return np.where(d <= 4 * h, np.exp(-(d**2) / (2 * h**2)), 0.0)
    return np.where(d <= h, 1 / (1 + d / cell), 0.0)


def _raw(kind, radius, h, cell):
    offsets = np.arange(-radius, radius + 1) * cell
    return _profile(kind, np.hypot(*np.meshgrid(offsets, offsets)), h, cell)


def test_prospective_weighs_last_month_most():
    grid = Grid(0.0, 0.0, 100.0, np.ones((1, 3), dtype=bool))
    months = ["2022-05", "2022-06", "2022-06", "2022-04"]
    events = np.column_stack([[50.0, 150.0, 150.0, 250.0], [50.0] * 4, month_start_days(months)])
    at = float(month_start_days(["2022-07"])[0])
    risk = make("prospective", grid=grid, bandwidth=10.0).fit(events, at=at).predict()
    assert risk.tolist() == [pytest.approx(1 / 2), pytest.approx(2.0), pytest.approx(1 / 3)]
    cut = make("prospective", grid=grid, bandwidth=10.0, time_bandwidth=2).fit(events, at=at).predict()
    assert cut[2] == 0.0
    with pytest.raises(ValueError, match="at or after"):
        make("prospective", grid=grid).fit(events, at=float(month_start_days(["2022-06"])[0]))


def test_predict_score_and_fitted_attributes(loaded_lib_store):
    grid = force_grid(loaded_lib_store, "lancashire")
    events = load_events(loaded_lib_store, "lancashire", "Burglary", "2021-08", "2022-07")
    train, test = events.in_months([f"2022-0{m}" for m in range(1, 7)]), events.in_months(["2022-07"])
    model = make("kde-quartic", grid=grid).fit(train.X)
    assert model.at_ == month_start_days(["2022-07"])[0]
    assert model.n_events_ + model.n_outside_ == len(train)
    assert model.predict().shape == (grid.n_cells,)
    point_risk = model.predict(test.X)
    assert point_risk.tolist() == model.predict()[grid.locate(test.easting, test.northing)].tolist()
    assert model.score(test.X) > 5  # PAI at 5%: far better than chance on real burglary
    with pytest.raises(ValueError, match="feature"):
        model.predict(test.X[:, :2])


def test_the_ensemble_learns_weights_inside_the_window(loaded_lib_store):
    grid = force_grid(loaded_lib_store, "lancashire")
    events = load_events(loaded_lib_store, "lancashire", "Burglary", "2022-01", "2022-06")
    model = make("ensemble", grid=grid).fit(events.X)
    assert set(model.weights_) == set(model.methods)
    assert sum(model.weights_.values()) == pytest.approx(1.0)
    assert "least squares" in model.weighting_
    assert model.predict().sum() == pytest.approx(model.n_events_)
    one_month = make("ensemble", grid=grid).fit(events.in_months(["2022-06"]).X)
    assert one_month.weighting_.startswith("equal weights")


def test_the_self_exciting_process_refuses_month_only_times(loaded_lib_store):
    events = load_events(loaded_lib_store, "lancashire", "Burglary", "2022-05", "2022-06")
    with pytest.raises(ValueError, match="publishes the month only"):
        make("sepp").fit(events.X)


def test_the_self_exciting_process_fits_real_timestamps(loaded_lib_store):
    rows = loaded_lib_store.query(
        "SELECT longitude, latitude, epoch(date) / 86400.0 FROM stop_search WHERE longitude IS NOT NULL"
    ).rows
    from crimeplan.analytics.grids import to_bng

    x, y = to_bng([r[0] for r in rows], [r[1] for r in rows])
    timed = np.column_stack([x, y, [r[2] for r in rows]])
    model = make("sepp", cell_size=500.0).fit(timed)
    assert len(rows) >= 40  # the located searches of the one shipped month
    assert 0 <= model.theta_ < 1 and model.omega_ > 0 and model.n_iter_ >= 1
    expected_background = model.mu_.sum() * model.horizon_days
    assert model.predict().sum() >= expected_background > 0


def test_registry_names_and_errors():
    assert resolve("all") == list(METHODS)
    assert resolve("prospective, naive,naive") == ["prospective", "naive"]
    with pytest.raises(ValueError, match="use 'all' or"):
        resolve("naive,magic")
    with pytest.raises(ValueError, match="unknown hotspot method"):
        make("magic")
    assert days_to_month_index(month_start_days(["1970-02", "2022-07"])).tolist() == [1, 630]

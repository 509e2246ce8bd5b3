"""Gi* and local Moran against esda on the same input; the Knox test on planted and shuffled data."""

import warnings

import numpy as np
import pytest
from scipy import sparse

from crimeplan.analytics.hotspots.base import days_to_month_index
from crimeplan.analytics.hotspots.data import force_grid, load_events
from crimeplan.analytics.stats import fdr, gi_star, knox, local_moran
from crimeplan.analytics.stats.local import _gi_p_sim, esda_draws, fast_draws


@pytest.fixture(scope="module")
def burglary_counts(loaded_template):
    """Burglary counts on 600 m cells over Lancashire, from the shipped months."""
    from crimeplan.analytics.store import Store

    store = Store(loaded_template)
    grid = force_grid(store, "lancashire", cell_size=600.0)
    events = load_events(store, "lancashire", "Burglary", "2021-08", "2022-07")
    return grid, grid.counts(events.easting, events.northing), events


def esda_gi(values, neighbours, seed):
    import esda
    from libpysal.weights import W

    weights = W.from_sparse(sparse.csr_matrix(neighbours))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return esda.G_Local(values, weights, star=True, transform="B", permutations=999, seed=seed, n_jobs=1)


@pytest.mark.slow  # esda's permutation test
def test_gi_star_equals_esda_on_the_same_input(burglary_counts):
    grid, counts, _ = burglary_counts
    neighbours = grid.neighbours()
    ours = gi_star(counts, neighbours, draws="esda", seed=7)
    theirs = esda_gi(counts, neighbours, seed=7)
    assert np.allclose(ours.statistic, theirs.Gs, rtol=1e-12)
    assert np.allclose(ours.z, theirs.Zs, rtol=1e-9)
    # p-values: identical wherever no permuted sum ties the observed one; use values without ties
    smooth = counts + np.random.default_rng(0).random(len(counts))
    ours = gi_star(smooth, neighbours, draws="esda", seed=7)
    theirs = esda_gi(smooth, neighbours, seed=7)
    assert np.allclose(ours.p_sim, theirs.p_sim, atol=1e-6)


def test_ties_count_on_both_sides_so_empty_areas_are_not_cold_spots(burglary_counts):
    grid, counts, _ = burglary_counts
    result = gi_star(counts, grid.neighbours(), seed=1)
    empty = (grid.neighbours() @ counts + counts) == 0
    assert empty.any() and (result.labels[empty] != "cold").all()
    assert result.summary["hot"] > 0
    assert set(result.labels.tolist()) <= {"hot", "cold", "not significant"}


def test_the_zero_neighbourhood_shortcut_matches_brute_force(burglary_counts):
    grid, counts, _ = burglary_counts
    matrix = grid.neighbours()
    draws = fast_draws(grid.n_cells, 8, 199, 3)
    fast = _gi_p_sim(counts, matrix, draws)
    degree = np.diff(matrix.indptr)
    observed = matrix @ counts + counts
    for i in np.flatnonzero(observed == 0)[:300]:  # the slow way, one cell at a time
        others = np.delete(counts, i)
        sims = others[draws[:, : degree[i]]].sum(axis=1) + counts[i]
        expected = (min((sims >= observed[i]).sum(), (sims <= observed[i]).sum()) + 1) / 200
        assert fast[i] == pytest.approx(expected), i


def test_draws_are_distinct_and_reproducible():
    draws = fast_draws(50, 8, 500, 2)
    assert all(len(set(row)) == 8 for row in draws.tolist())
    assert (draws == fast_draws(50, 8, 500, 2)).all() and draws.max() < 49
    assert esda_draws(30, 4, 3, 1).shape == (3, 4)


def test_fdr_agrees_with_esda():
    import esda

    p = np.random.default_rng(5).uniform(0, 0.2, 400) ** 2
    threshold = esda.fdr(p, 0.05)
    assert (fdr(p, 0.05) == (p <= threshold)).all()


def esda_moran(values, neighbours, seed):
    import esda
    from libpysal.weights import W

    weights = W.from_sparse(sparse.csr_matrix(neighbours))
    weights.transform = "r"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return esda.Moran_Local(values, weights, permutations=999, seed=seed, n_jobs=1)


def test_statistic_quadrants_and_untied_p_values_are_esdas(burglary_counts):
    grid, counts, _ = burglary_counts
    neighbours = grid.neighbours()
    smooth = counts + np.random.default_rng(0).random(len(counts))  # no ties: esda's p-values are exact here
    ours = local_moran(smooth, neighbours, draws="esda", seed=3)
    theirs = esda_moran(smooth, neighbours, seed=3)
    assert np.allclose(ours.statistic, theirs.Is, rtol=1e-9, atol=1e-12)
    quadrant = np.array(["", "HH", "LH", "LL", "HL"])[theirs.q]
    assert (ours.labels[ours.significant] == quadrant[ours.significant]).all()
    assert np.allclose(ours.p_sim, np.minimum(2 * theirs.p_sim, 1.0), atol=1e-6)


def test_bad_values_are_refused():
    with pytest.raises(ValueError, match="not all zero"):
        gi_star(np.zeros(5), sparse.eye(5))
    with pytest.raises(ValueError, match="draws"):
        gi_star(np.ones(5), sparse.eye(5), draws="other")


def test_knox_finds_a_planted_near_repeat_pattern(burglary_counts):
    _, _, events = burglary_counts
    x, y = events.easting, events.northing
    months = days_to_month_index(events.days)
    # Planted (constructed for this test, not data): 300 real burglaries each get a companion
    # 120 m east in the same month, which is what a strong near-repeat pattern looks like.
    pick = np.random.default_rng(0).choice(len(x), 300, replace=False)
    planted = knox(
        np.r_[x, x[pick] + 120.0],
        np.r_[y, y[pick]],
        np.r_[months, months[pick]],
        distance_bands=(0.0, 200.0, 400.0),
        max_months=1,
        permutations=199,
    )
    assert planted.ratio[1, 0] > 1.2 and planted.p_value[1, 0] <= 0.01


def test_knox_finds_nothing_when_times_are_shuffled(burglary_counts):
    _, _, events = burglary_counts
    months = np.random.default_rng(1).permutation(days_to_month_index(events.days))
    result = knox(
        events.easting, events.northing, months, distance_bands=(0.0, 200.0, 400.0), max_months=1, permutations=199
    )
    assert result.p_value[:, 0].min() > 0.05
    assert np.all(np.abs(result.ratio - 1) < 0.15)
    assert result.events == len(months) and result.observed.sum() <= result.pairs

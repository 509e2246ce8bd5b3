"""Local Moran's I: esda's statistic and quadrants, and p-values that do not invent clusters from ties."""

import numpy as np
import pytest
from scipy import sparse

from crimeplan.analytics.grids import Grid
from crimeplan.analytics.stats import local_moran

GRID = Grid(0.0, 0.0, 100.0, np.ones((40, 40), bool))


def poisson_grid(mean, seed):
    """Independent Poisson counts on a 40 × 40 grid: no spatial structure at all (simulated)."""
    return np.random.default_rng(seed).poisson(mean, GRID.n_cells).astype(float)


def test_no_cell_among_tied_neighbours_is_called_a_cluster():
    for seed in (1, 2):
        values = poisson_grid(0.1, seed)
        result = local_moran(values, GRID.neighbours(), seed=seed)
        tied = (values == 0) & (GRID.neighbours() @ values == 0)
        assert tied.sum() > 500
        assert not result.significant[tied].any()
        assert (result.p_sim[tied] > 0.05).all()


def test_about_alpha_of_cells_are_significant_without_structure():
    shares = [local_moran(poisson_grid(20, s), GRID.neighbours(), seed=s).significant.mean() for s in range(8)]
    # the spread of the share between independent grids, from the grids themselves
    error = np.std(shares, ddof=1) / np.sqrt(len(shares))
    assert abs(np.mean(shares) - 0.05) < max(3 * error, 0.01)


def test_a_cell_at_the_mean_is_never_significant():
    values = np.array([1.0, 2.0, 3.0, 2.0, 2.0, 5.0])
    ring = sparse.csr_array(np.roll(np.eye(6), 1, axis=1) + np.roll(np.eye(6), -1, axis=1))
    result = local_moran(values, ring, permutations=99)
    assert (result.p_sim[values == values.mean()] == 1.0).all()


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="not all equal"):
        local_moran(np.ones(5), sparse.eye(5))
    with pytest.raises(ValueError, match="draws"):
        local_moran(np.arange(5.0), sparse.eye(5), draws="other")

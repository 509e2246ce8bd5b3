"""Hit rate, PAI and PEI on hand-made grids whose answers can be worked out by hand."""

import math

import numpy as np
import pytest

from crimeplan.analytics import metrics

RISK = [5, 4, 3, 2, 1, 0, 0, 0, 0, 0]
ACTUAL = [1, 0, 2, 0, 0, 3, 0, 0, 0, 4]  # 10 events in 10 cells


def test_a_known_ranking_gives_a_known_hit_rate_pai_and_pei():
    two, five = metrics.scores(RISK, ACTUAL, [0.2, 0.5])
    # 20% of 10 cells = cells 0 and 1: 1 event of 10 -> hit rate 0.1, PAI 0.1 / 0.2 = 0.5;
    # the busiest two cells held 4 + 3 = 7 -> PEI 1/7, best hit rate 0.7
    assert (two.cells, two.hits, two.hit_rate, two.pai) == (2, 1, 0.1, 0.5)
    assert two.pei == pytest.approx(1 / 7) and two.best_hit_rate == 0.7
    # 50% = cells 0..4: 1 + 0 + 2 + 0 + 0 = 3 -> 0.3, PAI 0.6; best five cells 4+3+2+1+0 = 10
    assert (five.cells, five.hit_rate, five.pai, five.pei, five.best_hit_rate) == (5, 0.3, 0.6, 0.3, 1.0)


def test_exactly_floor_n_times_f_cells_are_taken():
    assert metrics.n_selected(100, 0.29) == 29  # 100 * 0.29 is 28.999... in floating point
    assert metrics.n_selected(7, 0.5) == 3
    assert len(metrics.top_cells(np.arange(138_766.0), 0.05)) == 6_938
    with pytest.raises(ValueError, match="selects no cell"):
        metrics.n_selected(10, 0.05)
    with pytest.raises(ValueError, match="between 0 and 1"):
        metrics.n_selected(10, 1.5)


def test_ties_are_broken_by_a_seeded_permutation_not_by_position():
    flat = np.zeros(1_000)
    first = metrics.top_cells(flat, 0.1, seed=0)
    assert first.tolist() == metrics.top_cells(flat, 0.1, seed=0).tolist()
    assert first.tolist() != metrics.top_cells(flat, 0.1, seed=1).tolist()
    assert first.tolist() != list(range(100))  # not the first cells in grid order
    # unbiased: over many seeds a flat forecast hits about its share of the area
    actual = np.zeros(1_000)
    actual[:100] = 1
    rates = [metrics.hit_rate(flat, actual, 0.1, seed=s) for s in range(200)]
    assert abs(np.mean(rates) - 0.1) < 0.01
    # higher risk always comes first, whatever the seed
    risk = np.r_[np.ones(50), np.zeros(950)]
    assert set(metrics.top_cells(risk, 0.05, seed=7).tolist()) == set(range(50))


def test_no_events_means_nothing_to_hit():
    score = metrics.score(RISK, np.zeros(10), 0.2)
    assert math.isnan(score.hit_rate) and math.isnan(score.pai) and math.isnan(score.pei)


def test_bad_inputs_are_refused():
    with pytest.raises(ValueError, match="finite"):
        metrics.ranking([1.0, np.nan])
    with pytest.raises(ValueError, match="cells but the counts"):
        metrics.scores(RISK, ACTUAL[:5], [0.2])
    with pytest.raises(ValueError, match="negative"):
        metrics.scores(RISK, [-1] * 10, [0.2])

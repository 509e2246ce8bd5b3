import itertools
import math

import pytest
from scipy import stats

from crimeplan.analytics.significance import (
    DECREASE,
    INCREASE,
    NO_DATA,
    NORMAL,
    compare_counts,
    compare_harm,
    dispersion,
    xmr,
)


@pytest.mark.parametrize(
    ("current", "baseline", "days1", "days0"), [(120, 90, 1, 1), (260, 312, 91, 91), (31, 17, 30, 31), (0, 5, 90, 92)]
)
def test_the_exact_test_p_value_equals_scipys(current, baseline, days1, days0):
    result = compare_counts(current, baseline, current_exposure=days1, baseline_exposure=days0)
    expected = stats.binomtest(current, current + baseline, days1 / (days1 + days0)).pvalue
    assert result.p_value == pytest.approx(expected, rel=1e-12)
    assert result.method == "exact conditional binomial test"
    if current and baseline:
        assert result.low < result.ratio < result.high
        assert result.ratio == pytest.approx((current / days1) / (baseline / days0))


def test_verdicts_come_from_the_p_value_and_the_direction():
    assert compare_counts(120, 90).verdict == INCREASE
    assert compare_counts(90, 120).verdict == DECREASE
    assert compare_counts(100, 95).verdict == NORMAL
    assert compare_counts(0, 0).verdict == NO_DATA


def test_overdispersion_widens_the_test():
    poisson = compare_counts(12_000, 11_500)
    adjusted = compare_counts(12_000, 11_500, phi=40.0)
    assert poisson.verdict == INCREASE and adjusted.verdict == NORMAL
    z = math.log(12_000 / 11_500) / math.sqrt(40.0 * (1 / 12_000 + 1 / 11_500))
    assert adjusted.p_value == pytest.approx(2 * stats.norm.sf(z))


def test_dispersion_is_one_for_steady_counts_and_large_for_wild_ones():
    assert dispersion([100, 104, 97, 101, 99, 103]) == 1.0
    wild = [1000, 1400, 900, 1500, 800, 1300]
    mean_moving = sum(abs(b - a) for a, b in itertools.pairwise(wild)) / 5
    assert dispersion(wild) == pytest.approx((mean_moving / 1.128) ** 2 / (sum(wild) / 6))


def test_harm_is_tested_with_its_compound_poisson_variance():
    weights = {"Burglary": 241.57, "Shoplifting": 1.0}
    now, then = {"Burglary": 300, "Shoplifting": 900}, {"Burglary": 240, "Shoplifting": 1000}
    result = compare_harm(now, then, weights)
    h1, h0 = 300 * 241.57 + 900, 240 * 241.57 + 1000
    v1, v0 = 300 * 241.57**2 + 900, 240 * 241.57**2 + 1000
    z = math.log(h1 / h0) / math.sqrt(v1 / h1**2 + v0 / h0**2)
    assert result.p_value == pytest.approx(2 * stats.norm.sf(abs(z)))
    assert result.verdict == INCREASE


def test_a_control_chart_marks_a_shift_a_trend_and_an_outlier():
    steady = [50, 52, 49, 51, 50, 48, 51, 50, 49, 52]
    chart = xmr(steady)
    assert not any(chart.signals)
    shifted = xmr([50, 52, 49, 51, 50, 48, 60, 61, 62, 60, 61, 62, 63])
    assert "7 or more points on one side of the mean" in shifted.signals[-1]
    rising = xmr([50, 49, 51, 50, 52, 54, 56, 58, 60, 62, 50, 51])
    assert any("6 or more points each higher than the last" in s for s in rising.signals)
    spike = xmr([50, 52, 49, 51, 50, 48, 51, 90, 50, 49])
    assert spike.signals[7][0] == "beyond a process limit"
    assert spike.upper == pytest.approx(
        spike.mean + 2.66 * sum(abs(b - a) for a, b in zip(spike.values, spike.values[1:], strict=False)) / 9
    )

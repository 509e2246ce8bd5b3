import itertools
import math

import pytest
from scipy import stats

from crimeplan.analytics.calibration import rejection_rate
from crimeplan.analytics.months import add_months, month_range
from crimeplan.analytics.significance import (
    DECREASE,
    INCREASE,
    NO_DATA,
    NORMAL,
    compare_counts,
    compare_harm,
    compare_periods,
    dispersion,
    estimate_dispersion,
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
    n = 23_500
    z = (12_000 - n / 2) / math.sqrt(40.0 * n / 4)  # the score test, with φ known
    assert adjusted.p_value == pytest.approx(2 * stats.norm.sf(z))


def test_an_estimated_phi_is_referred_to_students_t_on_its_degrees_of_freedom():
    result = compare_counts(300, 240, current_exposure=91, baseline_exposure=91, phi=2.5, phi_df=9)
    z = (300 - 270) / math.sqrt(2.5 * 540 / 4)
    assert result.p_value == pytest.approx(2 * stats.t.sf(z, 9), rel=1e-10)
    se = math.sqrt(2.5 * (1 / 300 + 1 / 240))
    assert result.high == pytest.approx(300 / 240 * math.exp(stats.t.ppf(0.975, 9) * se))
    assert "9 df" in result.method


def test_dispersion_is_small_for_steady_counts_and_large_for_wild_ones():
    assert dispersion([100, 104, 97, 101, 99, 103]) < 1.0
    assert dispersion([5, 6]) == 1.0
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


def months_of(values, last="2022-06"):
    first = add_months(last, -(len(values) - 1))
    return dict(zip(month_range(first, last), values, strict=True))


def test_phi_comes_from_year_on_year_pairs_leaving_out_the_compared_months():
    # 27 months to 2022-06: the quarter 2022Q2 against 2021Q2, history from 2020-04
    values = [100 + (i % 12) * 10 for i in range(27)]  # a strong season, repeated exactly each year
    values[5] += 30  # 2020-09
    monthly = months_of(values)
    quarter, year_before = ["2022-04", "2022-05", "2022-06"], ["2021-04", "2021-05", "2021-06"]
    estimate = estimate_dispersion(monthly, "2022-04", exclude=quarter + year_before)
    pairs = [
        (monthly[m], monthly[add_months(m, -12)])
        for m in month_range("2021-07", "2022-03")  # 2021-04..06 are left out
    ]
    d = [a - b for a, b in pairs]
    mean = sum(d) / 9
    expected = sum((x - mean) ** 2 for x in d) / sum(a + b for a, b in pairs) * 9 / 8
    assert estimate.df == 8 and estimate.phi == pytest.approx(expected)
    assert "year-on-year" in estimate.method


def test_months_without_records_count_as_zero_not_as_missing():
    monthly = months_of([3, 0, 2, 0, 4, 1, 0, 0, 2, 5, 0, 1, 2, 0, 3, 1, 0, 2])
    estimate = estimate_dispersion(monthly, add_months("2022-06", 1))
    assert estimate.df == 5  # 18 held months: six pairs a year apart, zeros included, less their average


def test_a_short_history_falls_back_to_moving_ranges_and_says_so():
    monthly = months_of([50, 58, 47, 61, 52, 49, 55, 60, 45, 53])
    estimate = estimate_dispersion(monthly, "2022-07")
    assert estimate.phi == pytest.approx(dispersion(list(monthly.values())))
    assert estimate.df == pytest.approx(0.62 * 9) and "seasonality not removed" in estimate.method


def test_compare_periods_is_compare_counts_with_that_estimate():
    values = [80 + (i * 7) % 23 for i in range(27)]
    monthly = months_of(values)
    quarter, year_before = ["2022-04", "2022-05", "2022-06"], ["2021-04", "2021-05", "2021-06"]
    got = compare_periods(monthly, quarter, year_before, current_exposure=91, baseline_exposure=91)
    estimate = estimate_dispersion(monthly, "2022-04", exclude=quarter + year_before)
    want = compare_counts(
        sum(monthly[m] for m in quarter),
        sum(monthly[m] for m in year_before),
        current_exposure=91,
        baseline_exposure=91,
        phi=estimate.phi,
        phi_df=estimate.df,
    )
    assert got == want


@pytest.mark.parametrize(("phi", "mean", "seasonal"), [(1, 5, False), (3, 100, True), (10, 500, True)])
def test_the_false_alarm_rate_is_near_five_percent(phi, mean, seasonal):
    result = rejection_rate(phi, mean, seasonal=seasonal, replicates=1500, seed=11)
    assert abs(result.rejection_rate - 0.05) < 3.5 * math.sqrt(0.05 * 0.95 / 1500)


def test_a_floored_lower_limit_is_flagged():
    assert xmr([2, 9, 1, 8, 0, 7]).floored and xmr([2, 9, 1, 8, 0, 7]).lower == 0.0
    assert not xmr([50, 52, 49, 51]).floored


def test_a_level_that_moved_between_the_years_is_not_counted_as_noise():
    steady = [1000 + (7 * i) % 13 for i in range(24)]
    dropped = steady[:12] + [v - 300 for v in steady[12:]]  # the second year is 300 lower every month
    a = estimate_dispersion(months_of(steady, "2022-03"), "2022-04")
    b = estimate_dispersion(months_of(dropped, "2022-03"), "2022-04")
    # the same spread about the average difference; only the level the variance is scaled by is lower
    assert b.phi == pytest.approx(a.phi * sum(steady) / sum(dropped))

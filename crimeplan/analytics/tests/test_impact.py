import dataclasses

import numpy as np
import pytest

from crimeplan.analytics import impact, matching, trends
from crimeplan.analytics.forces import get_force
from crimeplan.analytics.harm import load_weights
from crimeplan.analytics.tests.data import DATA, STREET_FILES, csv_rows

WEIGHTS = load_weights(DATA / "harm_weights", get_force("lancashire"))
# Blackpool town centre: the LSOAs of ward E05001638 (Talbot) in the shipped reference
REFERENCE = csv_rows(DATA / "geography" / "lsoa11_ward19_lad19_lookup_lancashire.csv")


@pytest.fixture(scope="module")
def panel(loaded_template):
    from crimeplan.analytics.store import Store

    store = Store(loaded_template)
    months = trends.held_months(store, "lancashire", "2020-10", "2022-07")
    return impact.load_panel(store, "lancashire", months, WEIGHTS)


def _ward_lsoas(ward_name):
    return sorted({r["LSOA11CD"] for r in REFERENCE if r["WD19NM"] == ward_name})


def test_the_panel_holds_every_lsoa_and_month_and_matches_the_csv(panel):
    assert len(panel.codes) == 941 and panel.months[0] == "2020-10" and panel.months[-1] == "2022-07"
    code = _ward_lsoas("Talbot")[0]
    row, col = panel.index([code])[0], panel.months.index("2022-07")
    rows = [
        r for r in csv_rows(STREET_FILES[-1]) if r["LSOA code"] == code and r["Crime type"] != "Anti-social behaviour"
    ]
    assert panel.counts[row, col] == len(rows)
    assert panel.harm[row, col] == pytest.approx(sum(WEIGHTS.weight(r["Crime type"]) for r in rows))


def test_matches_are_untreated_similar_lsoas(panel):
    treated = _ward_lsoas("Rosehill with Burnley Wood")
    before = panel.month_index("2020-10", "2021-09")
    found = impact.match(panel, treated, before, k=5)
    assert [m.treated for m in found] == treated
    for m in found:
        assert len(m.comparisons) == 5 and not set(m.comparisons) & set(treated)
        assert m.distances == sorted(m.distances)


def test_the_estimate_recovers_a_known_effect_added_to_real_counts(panel):
    treated = _ward_lsoas("Rosehill with Burnley Wood")
    before, after = ("2020-10", "2021-09"), ("2021-10", "2022-07")
    plain = impact.difference_in_differences(panel, treated, before, after, replicates=199)
    rows, cols = panel.index(treated), panel.month_index(*after)
    counts = panel.counts.copy()
    counts[np.ix_(rows, cols)] *= 0.7  # a 30% fall in the project's area after it started (made up for the test)
    cut = dataclasses.replace(panel, counts=counts)
    effect = impact.difference_in_differences(cut, treated, before, after, replicates=199)
    treated_after = counts[np.ix_(rows, cols)].sum() / len(cols) * 1000 / panel.population[rows].sum()
    assert effect.records.estimate - plain.records.estimate == pytest.approx(-treated_after * 0.3 / 0.7)
    assert effect.records.high < 0 and "fell more" in effect.records.words
    assert plain.records.low <= plain.records.estimate <= plain.records.high
    assert effect.harm.estimate == pytest.approx(plain.harm.estimate)  # harm was not changed


def test_hand_computed_group_rates(panel):
    treated = _ward_lsoas("Rosehill with Burnley Wood")
    result = impact.difference_in_differences(
        panel, treated, ("2020-10", "2021-09"), ("2021-10", "2022-07"), replicates=99
    )
    rows = panel.index(treated)
    months = panel.month_index("2021-10", "2022-07")
    hand = panel.counts[np.ix_(rows, months)].sum() / len(months) * 1000 / panel.population[rows].sum()
    assert result.records.treated_after == pytest.approx(hand)
    assert result.records.counterfactual == pytest.approx(
        result.records.treated_before + result.records.comparison_after - result.records.comparison_before
    )
    assert result.records.placebo is not None and len(result.caveats) == 5


def test_bad_requests_say_what_to_change(panel):
    with pytest.raises(ValueError, match="at least one LSOA"):
        impact.difference_in_differences(panel, [], ("2020-10", "2021-09"), ("2021-10", "2022-07"))
    with pytest.raises(ValueError, match="not in this force's area: E01999999"):
        impact.difference_in_differences(panel, ["E01999999"], ("2020-10", "2021-09"), ("2021-10", "2022-07"))
    with pytest.raises(ValueError, match="at least 3 months"):
        impact.difference_in_differences(panel, _ward_lsoas("Talbot"), ("2020-10", "2020-11"), ("2021-10", "2022-07"))


def test_a_project_whose_areas_have_no_comparable_neighbourhoods_gets_no_estimate(panel):
    result = impact.difference_in_differences(
        panel, _ward_lsoas("Talbot"), ("2020-10", "2021-08"), ("2021-09", "2022-02"), replicates=99
    )
    assert result.records is None and result.harm is None and result.estimates == []
    assert result.refusal.startswith("No comparable areas: 2 of the 5 neighbourhoods")
    assert "E01012736" in result.refusal and "E01012737" in result.refusal
    by_name = {b.feature: b for b in result.balance}
    rate, trend = by_name["crime rate before the project"], by_name["crime trend before the project"]
    assert rate.before > 3 and trend.before > 3  # the force's busiest town centre, against every other LSOA
    assert rate.after > 1 and trend.after > 2 and not trend.balanced  # still far apart after matching
    assert all(not m.comparisons for m in result.matches if m.treated in ("E01012736", "E01012737"))


def test_a_balanced_comparison_gives_an_estimate_with_its_balance_and_placebo(panel):
    codes = _ward_lsoas("Rosehill with Burnley Wood")
    result = impact.difference_in_differences(
        panel, codes, ("2020-10", "2021-09"), ("2021-10", "2022-07"), replicates=99
    )
    assert not result.refusal and result.records is not None
    assert all(b.balanced and abs(b.after) < 0.1 for b in result.balance)
    assert result.largest_imbalance == max(abs(b.after) for b in result.balance)
    assert all(d <= matching.CALIPER for m in result.matches for d in m.distances)
    assert result.records.placebo is not None


def test_balance_is_the_mean_standardised_difference_computed_by_hand(panel):
    codes = _ward_lsoas("Rosehill with Burnley Wood")
    before = panel.month_index("2020-10", "2021-09")
    found = matching.match(panel, codes, before)
    table = matching.balance(panel, found, before)
    z = matching.features(panel, before)
    rows = panel.index(codes)
    hand = np.mean(
        [z[r] - z[panel.index(m.comparisons)].mean(axis=0) for r, m in zip(rows, found, strict=True)], axis=0
    )
    assert [b.after for b in table] == pytest.approx(hand.tolist())
    served = set(rows)
    others = [i for i in range(len(panel.codes)) if i not in served and not np.isnan(z[i]).any()]
    assert table[0].before == pytest.approx(z[rows, 0].mean() - z[others, 0].mean())

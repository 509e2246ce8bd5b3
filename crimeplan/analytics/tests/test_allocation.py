import csv

import pytest
from hypothesis import given
from hypothesis import strategies as st

from crimeplan.analytics import allocation
from crimeplan.analytics.allocation import AreaInputs, Weights, allocate, largest_remainder
from crimeplan.analytics.forces import get_force
from crimeplan.analytics.harm import load_weights
from crimeplan.analytics.tests.data import DATA, STREET_FILES, csv_rows

REFERENCE = DATA / "geography" / "lancashire_lsoa11_reference.csv"
POPULATION = DATA / "geography" / "population_mid2020_lsoa11_lancashire.csv"


def _areas():
    return [
        AreaInputs("A", "Alpha", 1000, 50, 500.0, 100),
        AreaInputs("B", "Beta", 3000, 150, 3000.0, 900),
    ]


def test_one_factor_splits_by_that_factor_and_base_splits_equally():
    by_population = allocate(_areas(), Weights(population=1), 4000)
    assert [s.amount for s in by_population] == [1000, 3000]
    equal = allocate(_areas(), Weights(base=1), 4001)
    assert sorted(s.amount for s in equal) == [2000, 2001]
    mixed = allocate(_areas(), Weights(base=1, harm=1), 10_000)
    # base: 2,500 each; harm: 500/3500 and 3000/3500 of 5,000
    assert [round(s.components["harm"], 2) for s in mixed] == [714.29, 4285.71]
    assert sum(s.amount for s in mixed) == 10_000


def test_bad_weights_are_refused_with_the_allowed_names():
    with pytest.raises(ValueError, match="at least one weight"):
        Weights()
    with pytest.raises(ValueError, match="zero or more: crime"):
        Weights(crime=-1)
    with pytest.raises(ValueError, match="unknown factors"):
        Weights.from_mapping({"crime": 1, "luck": 2})
    with pytest.raises(ValueError, match="no area has any crime"):
        allocate([AreaInputs("A", "A", 1, 0, 0.0, 0)], Weights(crime=1), 10)


@given(
    st.dictionaries(st.text(min_size=1, max_size=3), st.floats(0, 1e6), min_size=1, max_size=20),
    st.integers(0, 10_000_000),
)
def test_largest_remainder_always_adds_up(values, total):
    scale = sum(values.values())
    exact = {k: (v / scale * total if scale else total / len(values)) for k, v in values.items()}
    rounded = largest_remainder(exact, total)
    assert sum(rounded.values()) == total
    assert all(abs(rounded[k] - exact[k]) < 1 + 1e-6 for k in exact)


def test_inputs_from_the_real_lancashire_data_match_hand_counts(loaded_lib_store):
    weights = load_weights(DATA / "harm_weights", get_force("lancashire"))
    inputs = allocation.inputs_from_store(loaded_lib_store, "lancashire", "2022-07", "2022-07", weights)
    assert len(inputs) == 14
    reference = csv_rows(REFERENCE)
    csp_of = {r["lsoa11cd"]: r["csp19cd"] for r in reference}
    blackpool = next(a for a in inputs if a.code == "E22000151")
    rows = [
        r
        for r in csv_rows(STREET_FILES[-1])
        if csp_of.get(r["LSOA code"]) == "E22000151" and r["Crime type"] != "Anti-social behaviour"
    ]
    assert blackpool.crimes == len(rows)
    assert blackpool.harm == pytest.approx(sum(weights.weight(r["Crime type"]) for r in rows))
    deciles = {r["lsoa11cd"]: int(r["imd2019_decile"]) for r in reference}
    with open(POPULATION, encoding="utf-8-sig", newline="") as handle:
        people = {r["lsoa11_code"]: int(r["total_population"]) for r in csv.DictReader(handle)}
    mine = [code for code, csp in csp_of.items() if csp == "E22000151"]
    assert blackpool.population == sum(people[c] for c in mine)
    assert blackpool.deprived_population == sum(people[c] for c in mine if deciles[c] <= 2)
    shares = allocate(inputs, Weights(base=0.2, population=0.3, harm=0.3, deprivation=0.2), 325_000)
    assert sum(s.amount for s in shares) == 325_000
    assert max(shares, key=lambda s: s.amount).area.code == "E22000151"  # Blackpool: most harm and deprivation

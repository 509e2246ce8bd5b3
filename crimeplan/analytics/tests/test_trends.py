import polars as pl
import pytest

from crimeplan.analytics import concentration, trends
from crimeplan.analytics.forces import get_force
from crimeplan.analytics.harm import load_weights
from crimeplan.analytics.tests.data import DATA, STREET_FILES, csv_rows

REFERENCE = DATA / "geography" / "lancashire_lsoa11_reference.csv"


def test_areas_are_found_by_code_at_every_level(loaded_lib_store):
    reference = csv_rows(REFERENCE)
    blackpool = [r for r in reference if r["csp19cd"] == "E22000151"]
    csp = trends.find_area(loaded_lib_store, "E22000151")
    assert (csp.level, csp.name, csp.force, csp.lsoas) == ("csp", "Blackpool", "lancashire", len(blackpool))
    assert trends.find_area(loaded_lib_store, "E01012736").level == "lsoa"
    assert trends.find_area(loaded_lib_store, "E05011518").level == "ward"
    force = trends.find_area(loaded_lib_store, "lancashire")
    assert (force.level, force.population, force.lsoas) == ("force", 1_515_487, 941)
    with pytest.raises(ValueError, match="no area with code 'E22999999'"):
        trends.find_area(loaded_lib_store, "E22999999")
    with pytest.raises(ValueError, match="unknown force 'atlantis'"):
        trends.find_area(loaded_lib_store, "atlantis")


def test_monthly_counts_for_an_lsoa_equal_the_csv(loaded_lib_store):
    area = trends.find_area(loaded_lib_store, "E01012736")
    frame = trends.monthly_counts(loaded_lib_store, area, "2022-06", "2022-07")
    for path in STREET_FILES[-2:]:
        rows = [r for r in csv_rows(path) if r["LSOA code"] == "E01012736"]
        month = path.name[:7]
        stored = dict(frame.filter(pl.col("month") == month).select("crime_type", "count").iter_rows())
        hand: dict[str, int] = {}
        for r in rows:
            hand[r["Crime type"]] = hand.get(r["Crime type"], 0) + 1
        assert {t: n for t, n in stored.items() if n} == hand
    assert frame.height == 2 * frame.get_column("crime_type").n_unique()  # every month × type, zeros kept


def test_months_not_held_are_named_not_filled(loaded_lib_store):
    first = STREET_FILES[0].name[:7]
    assert trends.missing_months(loaded_lib_store, "lancashire", "2020-08", first) == ["2020-08", "2020-09"]
    area = trends.force_area(loaded_lib_store, "lancashire")
    frame = trends.monthly_counts(loaded_lib_store, area, "2020-08", first)
    assert set(frame.get_column("month")) == {first}


def test_concentration_matches_a_hand_ranking_of_lsoas(loaded_lib_store):
    area = trends.force_area(loaded_lib_store, "lancashire")
    weights = load_weights(DATA / "harm_weights", get_force("lancashire"))
    per_lsoa = concentration.lsoa_counts(loaded_lib_store, area, "2022-07", "2022-07", None, weights)
    lancashire = {r["lsoa11cd"] for r in csv_rows(REFERENCE)}
    hand: dict[str, int] = {code: 0 for code in lancashire}
    for r in csv_rows(STREET_FILES[-1]):
        if r["LSOA code"] in lancashire:
            hand[r["LSOA code"]] += 1
    ranked = sorted(hand.items(), key=lambda kv: (-kv[1], kv[0]))
    spread = concentration.concentration(per_lsoa)
    assert spread.records == sum(hand.values())
    assert spread.top[0.05] == 47 and spread.top[0.1] == 94
    assert spread.record_share[0.05] == pytest.approx(sum(n for _, n in ranked[:47]) / sum(hand.values()))


def test_rates_by_deprivation_equal_a_hand_count(loaded_lib_store):
    area = trends.force_area(loaded_lib_store, "lancashire")
    weights = load_weights(DATA / "harm_weights", get_force("lancashire"))
    per_lsoa = concentration.lsoa_counts(loaded_lib_store, area, "2022-07", "2022-07", ["Burglary"], weights)
    deciles = concentration.by_deprivation(per_lsoa)
    reference = {r["lsoa11cd"]: int(r["imd2019_decile"]) for r in csv_rows(REFERENCE)}
    population = {
        r["lsoa11_code"]: int(r["total_population"])
        for r in csv_rows(DATA / "geography" / "population_mid2020_lsoa11_lancashire.csv")
    }
    burglaries = sum(
        1 for r in csv_rows(STREET_FILES[-1]) if r["Crime type"] == "Burglary" and reference.get(r["LSOA code"]) == 1
    )
    people = sum(p for code, p in population.items() if reference[code] == 1)
    first = deciles.row(0, named=True)
    assert (first["imd_decile"], first["count"], first["population"]) == (1, burglaries, people)
    assert first["rate_per_1000"] == pytest.approx(burglaries * 1000 / people)


def test_repeat_locations_are_counted_at_published_map_points(loaded_lib_store):
    area = trends.force_area(loaded_lib_store, "lancashire")
    repeats = concentration.repeat_locations(loaded_lib_store, area, "2022-07", "2022-07", ["Burglary"])
    points: dict[tuple[str, str], int] = {}
    for r in csv_rows(STREET_FILES[-1]):
        if r["Crime type"] == "Burglary" and r["Longitude"]:
            key = (r["Longitude"], r["Latitude"])
            points[key] = points.get(key, 0) + 1
    assert repeats.points == len(points)
    assert repeats.repeat_points == sum(1 for n in points.values() if n > 1)
    assert repeats.records_at_repeats == sum(n for n in points.values() if n > 1)

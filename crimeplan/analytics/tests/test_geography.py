import polars as pl
import pytest

from crimeplan.analytics import geography
from crimeplan.analytics.geography import Attributor
from crimeplan.analytics.readers.ons import UnrecognisedFile, read_geography_file
from crimeplan.analytics.store import Store
from crimeplan.analytics.tests.data import DATA, GEOGRAPHY_FILES, csv_rows, needs_shared


def test_the_shipped_files_build_lancashire(geography_template):
    lsoa = Store(geography_template).read_reference("lsoa")
    assert lsoa.height == 941
    assert lsoa.get_column("csp_code").n_unique() == 14
    assert lsoa.get_column("lad_code").n_unique() == 14
    assert lsoa.get_column("pfa_code").unique().to_list() == ["E23000003"]
    assert lsoa.null_count().sum_horizontal().item() == 0
    # mid-2020 estimates replace the mid-2015 ones of the reference file
    assert lsoa.get_column("population").sum() == 1_515_487
    assert lsoa.get_column("population_year").unique().to_list() == [2020]


def test_lsoa_values_equal_the_source_files(geography_template):
    lsoa = Store(geography_template).read_reference("lsoa").filter(pl.col("lsoa_code") == "E01012736")
    reference = next(
        r for r in csv_rows(DATA / "geography" / "lancashire_lsoa11_reference.csv") if r["lsoa11cd"] == "E01012736"
    )
    wards = next(
        r
        for r in csv_rows(DATA / "geography" / "lsoa11_ward19_lad19_lookup_lancashire.csv")
        if r["LSOA11CD"] == "E01012736"
    )
    row = lsoa.row(0, named=True)
    assert row["lsoa_name"] == reference["lsoa11nm"] == "Blackpool 010D"
    assert row["imd_decile"] == int(reference["imd2019_decile"])
    assert row["csp_code"] == reference["csp19cd"]
    assert (row["ward_code"], row["ward_name"]) == (wards["WD19CD"], wards["WD19NM"])


def test_forces_are_matched_to_areas(geography_template):
    forces = Store(geography_template).read_reference("forces")
    assert forces.filter(pl.col("slug") == "lancashire")["pfa_code"].item() == "E23000003"


def test_loading_twice_changes_nothing(geo_lib_store):
    before = geo_lib_store.read_reference("lsoa")
    geography.load(GEOGRAPHY_FILES, geo_lib_store)
    assert geo_lib_store.read_reference("lsoa").equals(before)


def test_a_file_that_is_not_geography_is_refused(tmp_path):
    other = tmp_path / "x.csv"
    other.write_text("a,b\n1,2\n")
    with pytest.raises(UnrecognisedFile, match="not a geography file"):
        read_geography_file(other)


def test_national_lookups_load(tmp_path):
    shared = needs_shared()
    store = Store(tmp_path / "national")
    report = geography.load(
        [
            shared / "lsoa_reference" / "lsoa11_ward19_lad19_lookup_EW.csv.gz",
            shared / "lsoa_reference" / "lad19_csp19_pfa19_lookup_EW.csv",
            shared / "imd" / "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz",
            shared / "population" / "population_mid2020_sya_by_lsoa11_EW.csv.gz",
            shared / "lsoa_reference" / "lsoa_centroids_latlong_UK.csv.gz",
        ],
        store,
    )
    lsoa = store.read_reference("lsoa")
    assert report.lsoas == lsoa.height == 34_753
    assert lsoa.filter(pl.col("lsoa_code").str.starts_with("E")).get_column("imd_decile").null_count() == 0
    assert lsoa.get_column("csp_code").null_count() == 0
    assert lsoa.get_column("latitude").null_count() == 0
    assert lsoa.get_column("pfa_code").n_unique() == 43
    assert store.read_reference("forces").filter(pl.col("pfa_code").is_not_null()).height == 43


def _rows(**columns):
    base = {"lsoa_code": [None], "longitude": [None], "latitude": [None]}
    base.update(columns)
    return pl.DataFrame(base, schema={"lsoa_code": pl.String, "longitude": pl.Float64, "latitude": pl.Float64})


def test_rows_are_attributed_by_lsoa_code_or_by_point(geography_template):
    attributor = Attributor.from_store(Store(geography_template))
    rows = pl.concat(
        [
            _rows(lsoa_code=["E01012736"], longitude=[-3.05], latitude=[53.81]),
            _rows(longitude=[-3.0513], latitude=[53.8139]),  # central Blackpool, no LSOA published
            _rows(),  # no location at all
            _rows(
                lsoa_code=["E01000408"], longitude=[0.159337], latitude=[51.490728]
            ),  # Bexley, published in a Lancashire file
            _rows(longitude=[-1.5], latitude=[52.0]),  # a point outside Lancashire
        ]
    )
    out = attributor.attribute(rows)
    assert out.get_column("attribution").to_list() == [
        "lsoa",
        "point",
        "no_location",
        "outside_geography",
        "outside_geography",
    ]
    assert out.get_column("csp_code").to_list()[:2] == ["E22000151", "E22000151"]
    assert out.get_column("lsoa_code")[1].startswith("E01")


def test_without_boundaries_a_point_only_row_says_so(geography_template):
    attributor = Attributor(Store(geography_template).read_reference("lsoa"), None)
    assert attributor.attribute(_rows(longitude=[-3.05], latitude=[53.81]))["attribution"][0] == "no_boundaries"

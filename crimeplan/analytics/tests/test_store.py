import polars as pl
import pytest

from crimeplan.analytics.schemas import stored_columns
from crimeplan.analytics.store import QueryRejected, QueryTimeout, Store, StoreError, load_sql
from crimeplan.analytics.tests.data import STREET_FILES, csv_rows
from crimeplan.analytics.vocabulary import Kind


def _frame(n: int, crime_type: str = "Burglary") -> pl.DataFrame:
    columns = stored_columns(Kind.STREET)
    data: dict[str, list[object]] = {c: [None] * n for c in columns}
    data["crime_type"] = [crime_type] * n
    data["source_line"] = [*range(2, n + 2)]
    types = {
        c: (pl.Float64 if t == "DOUBLE" else pl.Int32 if t == "INTEGER" else pl.String) for c, t in columns.items()
    }
    return pl.DataFrame(data, schema=types)


def test_an_empty_store_has_typed_empty_views(lib_store):
    result = lib_store.query("SELECT count(*), count(csp_code) FROM street")
    assert result.rows == [(0, 0)]
    assert lib_store.query("SELECT * FROM lsoa").rows == []


def test_a_partition_is_replaced_only_when_committed(lib_store):
    lib_store.write_partition(Kind.STREET, "lancashire", "2022-07", _frame(3), {"sha256": "a"})
    staged = lib_store.stage_partition(Kind.STREET, "lancashire", "2022-07", _frame(5), {"sha256": "b"})
    assert lib_store.query("SELECT count(*) FROM street").rows == [(3,)]
    staged.commit()
    assert lib_store.query("SELECT count(*) FROM street").rows == [(5,)]
    (part,) = lib_store.partitions()
    assert (part.force, part.month, part.rows, part.metadata["sha256"]) == ("lancashire", "2022-07", 5, "b")
    assert lib_store.partition(Kind.STREET, "lancashire", "2022-07") == part
    assert lib_store.partition(Kind.STREET, "lancashire", "2022-06") is None
    assert not list(lib_store.root.rglob("*.tmp"))


def test_a_discarded_stage_leaves_nothing(lib_store):
    lib_store.stage_partition(Kind.STREET, "lancashire", "2022-07", _frame(5), {}).discard()
    assert lib_store.partitions() == []
    assert not list(lib_store.root.rglob("*.tmp"))


def test_force_and_month_come_from_the_partition_path(lib_store):
    lib_store.write_partition(Kind.STREET, "lancashire", "2022-06", _frame(2), {})
    lib_store.write_partition(Kind.STREET, "leicestershire", "2022-07", _frame(4), {})
    rows = lib_store.query("SELECT force, month, count(*) FROM street GROUP BY ALL ORDER BY 1").rows
    assert rows == [("lancashire", "2022-06", 2), ("leicestershire", "2022-07", 4)]


@pytest.mark.parametrize(
    ("sql", "error", "message"),
    [
        ("DROP VIEW street", QueryRejected, "only SELECT statements are allowed; this is DROP"),
        ("SELECT 1; SELECT 2", QueryRejected, "exactly one SQL statement"),
        ("COPY (SELECT 1) TO '/tmp/out.csv'", QueryRejected, "this is COPY"),
        ("SELECT * FROM read_csv('/etc/passwd')", StoreError, "disabled by configuration"),
        ("SELECT * FROM nowhere", StoreError, "nowhere"),
    ],
)
def test_only_read_only_queries_of_the_store_run(lib_store, sql, error, message):
    with pytest.raises(error, match=message):
        lib_store.query(sql)


def test_settings_cannot_be_changed_from_a_query(lib_store):
    with pytest.raises(StoreError):
        lib_store.query(
            "SELECT current_setting('enable_external_access'), set_config('enable_external_access', 'true')"
        )


def test_a_long_query_is_stopped(lib_store):
    with pytest.raises(QueryTimeout, match=r"longer than 0\.2 s"):
        lib_store.query("SELECT count(*) FROM range(100000000000) a", timeout_s=0.2)


def test_rows_are_capped_and_the_cap_reported(lib_store):
    result = lib_store.query("SELECT * FROM range(50)", max_rows=10)
    assert len(result.rows) == 10 and result.truncated


def test_named_queries_take_parameters_and_unknown_names_are_listed(loaded_lib_store):
    path = STREET_FILES[-1]
    hand = sum(1 for r in csv_rows(path) if r["Crime type"] == "Burglary")
    result = loaded_lib_store.named(
        "counts_by_month", force="lancashire", from_month="2022-07", to_month="2022-07", crime_type="Burglary"
    )
    assert result.rows == [("2022-07", "2022-07", hand)]
    with pytest.raises(ValueError, match=r"known: .*counts_by_month"):
        load_sql("counts_by_nothing")


def test_a_store_can_be_read_by_duckdb_directly(loaded_lib_store):
    import duckdb

    glob = str(loaded_lib_store.root / "kind=street" / "*" / "*" / "*.parquet")
    count = duckdb.sql(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning=true)").fetchall()[0][0]
    assert count == sum(len(csv_rows(p)) for p in STREET_FILES)
    assert Store(loaded_lib_store.root).query("SELECT count(*) FROM street").rows[0][0] == count

"""The crime event store: Parquet partitioned kind/force/month, queried with DuckDB.

Layout under the store root (Hive style, readable unchanged by Spark or Trino)::

    kind=street/force=lancashire/month=2022-07/data.parquet
    kind=outcomes/...   kind=stop_search/...
    kind=collisions/force=west-yorkshire/year=2024/data.parquet   (STATS19: ``store_stats19``)
    reference/lsoa.parquet  reference/forces.parquet  reference/lsoa_boundaries.parquet

Each partition is one file, replaced with ``os.replace``: a reader sees the old
file or the new one, never a half-written one, and a process killed while
writing leaves only a hidden temporary file that the next write removes.

Queries run on a cursor of one in-memory DuckDB database per store (built once,
rebuilt when a kind or reference table appears) that can read only the store's
directory, cannot change its own settings, and is interrupted after a time
limit; results are capped at a number of rows. The columns are in
``crimeplan.analytics.schemas``.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.months import check_month
from crimeplan.analytics.schemas import PARTITION_COLUMNS, REFERENCE_SCHEMAS, REFERENCE_TABLES, stored_columns
from crimeplan.analytics.store_files import (
    DATA_FILE,
    META_PREFIX,
    VERSION_FILE,
    Staged,
    bump_version,
    empty_select,
    footer,
    literal,
    remove_stale_temporaries,
    stage,
)
from crimeplan.analytics.store_stats19 import Stats19Tables, YearPartition
from crimeplan.analytics.vocabulary import Kind

if TYPE_CHECKING:
    import duckdb
    import polars as pl
else:
    duckdb = lazy_module("duckdb")  # a data command that only writes partitions never loads DuckDB
    pl = lazy_module("polars")

__all__ = [
    "DATA_FILE",
    "META_PREFIX",
    "VERSION_FILE",
    "Partition",
    "QueryRejected",
    "QueryResult",
    "QueryTimeout",
    "Staged",
    "Store",
    "StoreError",
    "YearPartition",
    "bump_version",
    "load_sql",
    "remove_stale_temporaries",
]


class StoreError(Exception):
    """A query the store would not run, or could not finish."""


class QueryRejected(StoreError):
    """The statement is not a single read-only SELECT."""


class QueryTimeout(StoreError):
    """The statement ran past the time limit and was interrupted."""


@dataclass(frozen=True)
class Partition:
    """One stored force-month of one kind, with the metadata written beside it."""

    kind: Kind
    force: str
    month: str
    path: Path
    rows: int
    metadata: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class QueryResult:
    """Rows of a query, with column names; ``truncated`` when the row cap cut it."""

    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool
    elapsed_s: float

    def as_dicts(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


def _read_partition(kind: Kind, path: Path) -> Partition:
    rows, meta = footer(path)
    force, month = path.parent.parent.name.removeprefix("force="), path.parent.name.removeprefix("month=")
    return Partition(kind=kind, force=force, month=month, path=path, rows=rows, metadata=meta)


class Store(Stats19Tables):
    """The one wrapper around the Parquet store; read-only unless a write method is called.

    Its STATS19 tables (writing, listing, views) are in ``crimeplan.analytics.store_stats19``.
    """

    def __init__(self, root: str | os.PathLike[str], *, max_rows: int = 10_000, timeout_s: float = 30.0):
        self.root = Path(root).resolve()
        self.max_rows = max_rows
        self.timeout_s = timeout_s
        self._base: duckdb.DuckDBPyConnection | None = None
        self._layout: tuple[bool, ...] = ()
        self._lock = threading.Lock()
        self._footers: dict[Path, tuple[tuple[int, int], Partition]] = {}

    # -- layout -----------------------------------------------------------
    def partition_path(self, kind: Kind, force: str, month: str) -> Path:
        check_month(month)
        return self.root / f"kind={kind.table}" / f"force={force}" / f"month={month}" / DATA_FILE

    def reference_path(self, name: str) -> Path:
        if name not in REFERENCE_TABLES:
            raise ValueError(f"unknown reference table {name!r}; use one of {REFERENCE_TABLES}")
        return self.root / "reference" / f"{name}.parquet"

    # -- writing ----------------------------------------------------------
    def stage_partition(
        self, kind: Kind, force: str, month: str, frame: pl.DataFrame, metadata: Mapping[str, str]
    ) -> Staged:
        """Write a force-month beside its partition; ``commit()`` swaps it in atomically."""
        missing = set(stored_columns(kind)) - set(frame.columns)
        if missing:
            raise ValueError(f"frame lacks stored columns: {sorted(missing)}")
        path = self.partition_path(kind, force, month)
        meta = {META_PREFIX + k: str(v) for k, v in metadata.items()}
        meta[META_PREFIX + "written_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        staged = stage(path, frame.select(list(stored_columns(kind))), meta)
        staged.root = self.root
        return staged

    def write_partition(
        self, kind: Kind, force: str, month: str, frame: pl.DataFrame, metadata: Mapping[str, str]
    ) -> Path:
        """Replace one force-month atomically; returns the partition file."""
        return self.stage_partition(kind, force, month, frame, metadata).commit()

    def write_reference(self, name: str, frame: pl.DataFrame) -> Path:
        path = self.reference_path(name)
        staged = stage(path, frame, {META_PREFIX + "written_at": datetime.now(UTC).isoformat()})
        staged.root = self.root
        return staged.commit()

    def delete_partition(self, kind: Kind, force: str, month: str) -> bool:
        path = self.partition_path(kind, force, month)
        if not path.exists():
            return False
        path.unlink()
        bump_version(self.root)
        return True

    def version(self) -> str:
        """A token that changes whenever a partition or reference table is written or deleted.

        Read from the version file every write through this class rewrites; a store written
        otherwise (no version file) gets a fingerprint of its files' sizes and modification times.
        """
        try:
            return (self.root / VERSION_FILE).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            files = [*self.root.glob(f"*/*/*/{DATA_FILE}"), *self.root.glob("*/*.parquet")]
            stats = [p.stat() for p in files]
            newest = max((s.st_mtime_ns for s in stats), default=0)
            return f"files-{len(stats)}-{newest}-{sum(s.st_size for s in stats)}"

    # -- reading ----------------------------------------------------------
    def partitions(self, kind: Kind | None = None, force: str | None = None) -> list[Partition]:
        """Every stored partition, with row counts and metadata read from the file footers."""
        found = []
        for k in [kind] if kind else list(Kind):
            pattern = f"kind={k.table}/force={force or '*'}/month=*/{DATA_FILE}"
            found += [self._footer(k, path) for path in sorted(self.root.glob(pattern))]
        return found

    def _footer(self, kind: Kind, path: Path) -> Partition:
        """The partition's footer, read again only when the file's size or modification time changed."""
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        known = self._footers.get(path)
        if known is None or known[0] != stamp:
            known = (stamp, _read_partition(kind, path))
            self._footers[path] = known
        return known[1]

    def partition(self, kind: Kind, force: str, month: str) -> Partition | None:
        """One force-month with its row count and metadata, or ``None`` when it is not stored."""
        path = self.partition_path(kind, force, month)
        return _read_partition(kind, path) if path.exists() else None

    def read_reference(self, name: str) -> pl.DataFrame | None:
        path = self.reference_path(name)
        return pl.read_parquet(path) if path.exists() else None

    def connect(self) -> duckdb.DuckDBPyConnection:
        """A connection to a locked-down in-memory DuckDB database with the store's views.

        Views: ``street``, ``outcomes``, ``stop_search`` (stored columns plus
        ``force`` and ``month``), STATS19's ``collisions``, ``casualties`` and
        ``vehicles`` (plus ``force`` and ``year``) with ``stats19_codes`` and
        ``stats19_areas``, and the reference tables (typed and empty until loaded).
        The database is built once and rebuilt only when a kind or a reference
        table appears; each call returns a new cursor of it, which
        the caller closes.
        """
        layout = self._current_layout()
        with self._lock:
            if self._base is None or layout != self._layout:
                if self._base is not None:
                    self._base.close()
                self._base, self._layout = self._build(), layout
            return self._base.cursor()

    def _current_layout(self) -> tuple[bool, ...]:
        kinds = (any(self.root.glob(f"kind={k.table}/force=*/month=*/{DATA_FILE}")) for k in Kind)
        references = (self.reference_path(name).exists() for name in REFERENCE_SCHEMAS)
        return (*kinds, *self._stats19_layout(), *references)

    def _build(self) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(":memory:", config={"threads": 2})
        for kind in Kind:
            con.execute(self._kind_view_sql(kind))
        self._create_stats19_views(con)
        for name, columns in REFERENCE_SCHEMAS.items():
            path = self.reference_path(name)
            if path.exists():
                source = f"read_parquet({literal(str(path))})"
                con.execute(f"CREATE VIEW {name} AS SELECT {', '.join(columns)} FROM {source}")
            else:
                con.execute(f"CREATE VIEW {name} AS {empty_select(columns)}")
        con.execute(f"SET allowed_directories = [{literal(str(self.root) + os.sep)}]")
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        return con

    def _kind_view_sql(self, kind: Kind) -> str:
        columns = {**stored_columns(kind), **PARTITION_COLUMNS}
        if not any(self.root.glob(f"kind={kind.table}/force=*/month=*/{DATA_FILE}")):
            return f"CREATE VIEW {kind.table} AS {empty_select(columns)}"
        glob = str(self.root / f"kind={kind.table}" / "force=*" / "month=*" / DATA_FILE)
        return (
            f"CREATE VIEW {kind.table} AS SELECT {', '.join(columns)} FROM read_parquet("
            f"{literal(glob)}, hive_partitioning = true, "
            "hive_types = {'kind': VARCHAR, 'force': VARCHAR, 'month': VARCHAR})"
        )

    def query(
        self,
        sql: str,
        params: Mapping[str, Any] | Sequence[Any] | None = None,
        *,
        max_rows: int | None = None,
        timeout_s: float | None = None,
    ) -> QueryResult:
        """Run one read-only statement; ``QueryRejected``/``QueryTimeout``/``StoreError`` otherwise."""
        statements = duckdb.extract_statements(sql)
        if len(statements) != 1:
            raise QueryRejected(f"give exactly one SQL statement (got {len(statements)})")
        if statements[0].type not in (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN):
            raise QueryRejected(f"only SELECT statements are allowed; this is {statements[0].type.name}")
        cap = self.max_rows if max_rows is None else max_rows
        limit = self.timeout_s if timeout_s is None else timeout_s
        con = self.connect()
        timer = threading.Timer(limit, con.interrupt)
        started = time.perf_counter()
        timer.start()
        try:
            cursor = con.execute(sql, params) if params is not None else con.execute(sql)
            columns = [d[0] for d in cursor.description or []]
            rows = cursor.fetchmany(cap + 1)
        except duckdb.InterruptException as exc:
            raise QueryTimeout(f"the query ran longer than {limit:g} s and was stopped") from exc
        except duckdb.Error as exc:
            raise StoreError(str(exc).splitlines()[0]) from exc
        finally:
            timer.cancel()
            con.close()
        return QueryResult(
            columns=columns,
            rows=rows[:cap],
            truncated=len(rows) > cap,
            elapsed_s=time.perf_counter() - started,
        )

    def named(self, name: str, **params: Any) -> QueryResult:
        """Run the named, parameterised query ``sql/<name>.sql`` with ``$param`` values."""
        return self.query(load_sql(name), params, max_rows=1_000_000)

    def named_columns(self, name: str, **params: Any) -> dict[str, Any]:
        """The named query's result as NumPy columns (no row cap), under the same time limit as ``query``."""
        con = self.connect()
        timer = threading.Timer(self.timeout_s, con.interrupt)
        timer.start()
        try:
            columns: dict[str, Any] = con.execute(load_sql(name), params).fetchnumpy()
            return columns
        except duckdb.InterruptException as exc:
            raise QueryTimeout(f"the query ran longer than {self.timeout_s:g} s and was stopped") from exc
        finally:
            timer.cancel()
            con.close()


def load_sql(name: str) -> str:
    """The text of ``crimeplan/analytics/sql/<name>.sql``."""
    sql_dir = resources.files("crimeplan.analytics").joinpath("sql")
    path = sql_dir.joinpath(f"{name}.sql")
    if not path.is_file():
        known = sorted(p.name.removesuffix(".sql") for p in sql_dir.iterdir() if p.name.endswith(".sql"))
        raise ValueError(f"no named query {name!r}; known: {', '.join(known)}")
    return path.read_text(encoding="utf-8")

"""The STATS19 road-collision tables of the crime store: force-year partitions and their code lists.

Layout under the store root::

    kind=collisions/force=west-yorkshire/year=2024/data.parquet   (also casualties, vehicles)
    stats19/areas.parquet  stats19/codes.parquet

``Stats19Tables`` is part of ``crimeplan.analytics.store.Store`` (the one way into the store): it
writes and lists the partitions, and gives the DuckDB views ``collisions``, ``casualties`` and
``vehicles`` (plus ``force`` and ``year``) with ``stats19_codes`` and ``stats19_areas``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from crimeplan.analytics.schemas import STATS19_PARTITION_COLUMNS, STATS19_REFERENCE, STATS19_SCHEMAS, stats19_columns
from crimeplan.analytics.store_files import DATA_FILE, META_PREFIX, Staged, empty_select, footer, literal, stage

if TYPE_CHECKING:
    import duckdb
    import polars as pl


@dataclass(frozen=True)
class YearPartition:
    """One stored force-year of a STATS19 table, with its footer metadata."""

    table: str
    force: str
    year: int
    path: Path
    rows: int
    metadata: Mapping[str, str] = field(default_factory=dict)


def read_year_partition(table: str, path: Path) -> YearPartition:
    rows, meta = footer(path)
    force, year = path.parent.parent.name.removeprefix("force="), int(path.parent.name.removeprefix("year="))
    return YearPartition(table=table, force=force, year=year, path=path, rows=rows, metadata=meta)


class Stats19Tables:
    """The STATS19 part of the store (``Store`` inherits it; ``root`` is the store's folder)."""

    root: Path

    def year_path(self, table: str, force: str, year: int) -> Path:
        if table not in STATS19_SCHEMAS:
            raise ValueError(f"unknown STATS19 table {table!r}; use one of {tuple(STATS19_SCHEMAS)}")
        return self.root / f"kind={table}" / f"force={force}" / f"year={int(year):04d}" / DATA_FILE

    def stage_year(self, table: str, force: str, year: int, frame: pl.DataFrame, metadata: Mapping[str, str]) -> Staged:
        """Write a STATS19 force-year beside its partition; ``commit()`` swaps it in atomically."""
        meta = {META_PREFIX + k: str(v) for k, v in metadata.items()}
        meta[META_PREFIX + "written_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        return stage(self.year_path(table, force, year), frame.select(list(stats19_columns(table))), meta)

    def year_partitions(self, table: str, force: str | None = None) -> list[YearPartition]:
        """Every stored force-year of a STATS19 table."""
        paths = sorted(self.root.glob(f"kind={table}/force={force or '*'}/year=*/{DATA_FILE}"))
        return [read_year_partition(table, path) for path in paths]

    def stats19_reference_path(self, name: str) -> Path:
        if name not in STATS19_REFERENCE:
            raise ValueError(f"unknown STATS19 reference {name!r}; use one of {tuple(STATS19_REFERENCE)}")
        return self.root / "stats19" / f"{name.removeprefix('stats19_')}.parquet"

    def write_stats19_reference(self, name: str, frame: pl.DataFrame) -> Path:
        meta = {META_PREFIX + "written_at": datetime.now(UTC).isoformat()}
        return stage(self.stats19_reference_path(name), frame.select(list(STATS19_REFERENCE[name])), meta).commit()

    def _stats19_layout(self) -> tuple[bool, ...]:
        """Which STATS19 tables and code lists are stored (the views are rebuilt when this changes)."""
        tables = (any(self.root.glob(f"kind={t}/force=*/year=*/{DATA_FILE}")) for t in STATS19_SCHEMAS)
        references = (self.stats19_reference_path(name).exists() for name in STATS19_REFERENCE)
        return (*tables, *references)

    def _create_stats19_views(self, con: duckdb.DuckDBPyConnection) -> None:
        for table in STATS19_SCHEMAS:
            con.execute(self._year_view_sql(table))
        for name, columns in STATS19_REFERENCE.items():
            path = self.stats19_reference_path(name)
            source = f"SELECT {', '.join(columns)} FROM read_parquet({literal(str(path))})"
            con.execute(f"CREATE VIEW {name} AS {source if path.exists() else empty_select(columns)}")

    def _year_view_sql(self, table: str) -> str:
        columns = {**stats19_columns(table), **STATS19_PARTITION_COLUMNS}
        if not any(self.root.glob(f"kind={table}/force=*/year=*/{DATA_FILE}")):
            return f"CREATE VIEW {table} AS {empty_select(columns)}"
        glob = str(self.root / f"kind={table}" / "force=*" / "year=*" / DATA_FILE)
        return (
            f"CREATE VIEW {table} AS SELECT {', '.join(columns)} FROM read_parquet({literal(glob)}, "
            "hive_partitioning = true, union_by_name = true, "
            "hive_types = {'kind': VARCHAR, 'force': VARCHAR, 'year': INTEGER})"
        )

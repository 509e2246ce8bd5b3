"""The STATS19 import: read, validate, attach areas, stage by table/force/year, commit.

Collision files are done first, so a casualty or vehicle finds its collision in the same
import or, failing that, in the store; it takes the collision's force, year and areas. Each file
stages one Parquet file per force-year it holds; ``ingest_stats19`` commits them all once every
file is ready, each with ``os.replace``, so a killed import leaves the previous data whole. A
file whose very bytes were stored before (same SHA-256, same areas) is reported unchanged and not
rewritten. A force-year holds the latest file imported for it: DfT publishes one file per year.

Areas come from the collision's own LSOA code (``lsoa_of_accident_location``) looked up in the
areas given (``Areas``); where the code is not there (a 2021 LSOA, or another region), the
local authority and CSP come from the record's ONS district code (``local_authority_ons_district``,
or in older files a district-level ``local_authority_highway``). ``attribution`` says which.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.readers.stats19 import Stats19File, UnreadableStats19, force_slugs, read_file
from crimeplan.analytics.readers.stats19_rules import Stats19Context, parse_date, validate
from crimeplan.analytics.schemas import STATS19_AREAS, STATS19_SCHEMAS
from crimeplan.analytics.store import Staged, Store

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")


def reject_schema() -> dict[str, Any]:
    """The columns of a file's rejected rows (a function, so that Polars is imported on first use)."""
    return {"line": pl.Int32, "rule": pl.String, "value": pl.String, "message": pl.String}


def _types() -> dict[str, Any]:
    """Polars types of the store's SQL column types."""
    return {"VARCHAR": pl.String, "INTEGER": pl.Int32, "DOUBLE": pl.Float64, "BIGINT": pl.Int64, "DATE": pl.Date}


_LINK = ["collision_index", "force", "year", "lsoa_code", "ward_code", "lad_code", "csp_code", "attribution"]
ORDER = {"collisions": 0, "vehicles": 1, "casualties": 2}


@dataclass(frozen=True)
class Areas:
    """LSOA -> ward -> LAD -> CSP (with residents), and LAD -> CSP for records whose LSOA is not listed."""

    lsoas: pl.DataFrame
    lad_csp: pl.DataFrame

    @classmethod
    def build(cls, lsoas: Iterable[pl.DataFrame], lad_csp: pl.DataFrame) -> Areas:
        schema = {c: _types()[t] for c, t in STATS19_AREAS.items()}
        frames = [f.select([pl.col(c).cast(t) for c, t in schema.items()]) for f in lsoas]
        merged = pl.concat(frames) if frames else pl.DataFrame(schema=schema)
        merged = merged.unique("lsoa_code", keep="first", maintain_order=True).sort("lsoa_code")
        pairs = lad_csp.select(pl.col("lad_code").cast(pl.String), pl.col("csp_code").cast(pl.String))
        return cls(merged, pairs.unique("lad_code").sort("lad_code"))

    @property
    def version(self) -> str:
        digest = hashlib.sha256()
        for frame in (self.lsoas, self.lad_csp):
            digest.update(frame.write_csv().encode())
        return digest.hexdigest()[:16]

    def attach(self, frame: pl.DataFrame) -> pl.DataFrame:
        """Add ``lsoa_code, ward_code, lad_code, csp_code, attribution`` to collision rows."""
        lsoas = self.lsoas.select(
            "lsoa_code", "ward_code", pl.col("lad_code").alias("_lad"), pl.col("csp_code").alias("_csp")
        )
        out = frame.join(lsoas, left_on="lsoa_of_accident_location", right_on="lsoa_code", how="left", coalesce=False)
        district = pl.coalesce(
            pl.col("local_authority_ons_district"),
            pl.when(pl.col("local_authority_highway").str.contains(r"^(E0[6-9]|W06)")).then("local_authority_highway"),
        )
        out = out.with_columns(_district=district)
        out = out.join(self.lad_csp, left_on="_district", right_on="lad_code", how="left")
        found = pl.col("lsoa_code").is_not_null()
        return out.with_columns(
            lad_code=pl.when(found).then(pl.col("_lad")).otherwise(pl.col("_district")),
            csp_code=pl.when(found).then(pl.col("_csp")).otherwise(pl.col("csp_code")),
            attribution=pl.when(found)
            .then(pl.lit("lsoa"))
            .when(pl.col("csp_code").is_not_null())
            .then(pl.lit("local_authority"))
            .otherwise(pl.lit("none")),
        ).drop("_lad", "_csp", "_district")


@dataclass
class Stats19Result:
    """One file's import. ``rows_read == rows_stored + rows_rejected``."""

    source: str
    table: str = ""
    status: str = "failed"  # "stored", "unchanged" or "failed"
    sha256: str = ""
    rows_read: int = 0
    rows_stored: int = 0
    rows_rejected: int = 0
    rejected_by_rule: dict[str, int] = field(default_factory=dict)
    unknown_columns: list[str] = field(default_factory=list)
    labels_decoded: dict[str, int] = field(default_factory=dict)
    blanked: dict[str, int] = field(default_factory=dict)
    unattributed: int = 0
    partitions: dict[str, int] = field(default_factory=dict)  # "force/year" -> rows
    error: str = ""
    rejects: pl.DataFrame = field(default_factory=lambda: pl.DataFrame(schema=reject_schema()))
    staged: list[Staged] = field(default_factory=list)

    @property
    def name(self) -> str:
        return Path(self.source).name

    @property
    def reconciles(self) -> bool:
        return self.rows_read == self.rows_stored + self.rows_rejected

    def metadata(self, areas: str) -> dict[str, str]:
        return {
            "source": self.name,
            "sha256": self.sha256,
            "rows_read": str(self.rows_read),
            "rows_rejected": str(self.rows_rejected),
            "partitions": str(len(self.partitions)),
            "areas": areas,
        }


def typed(frame: pl.DataFrame, table: str) -> tuple[pl.DataFrame, dict[str, int]]:
    """Cast string columns to the stored types; count values that were not numbers or dates."""
    exprs, blanked = [], {}
    for column, kind in STATS19_SCHEMAS[table].items():
        if column not in frame.columns:
            exprs.append(pl.lit(None, _types()[kind]).alias(column))
            continue
        source = pl.col(column)
        if kind == "INTEGER":
            exprs.append(source.cast(pl.Float64, strict=False).cast(pl.Int32, strict=False).alias(column))
        elif kind == "DATE":
            exprs.append(parse_date(source).alias(column))
        else:
            exprs.append(source.cast(_types()[kind], strict=False).alias(column))
    out = frame.with_columns(exprs)
    for column in STATS19_SCHEMAS[table]:
        if column in frame.columns and frame.schema[column] == pl.String:
            lost = int((frame.get_column(column).is_not_null() & out.get_column(column).is_null()).sum())
            if lost:
                blanked[column] = lost
    return out, blanked


def _collisions(frame: pl.DataFrame, areas: Areas) -> pl.DataFrame:
    slugs = force_slugs()
    out = areas.attach(frame).with_columns(
        force=pl.col("police_force").cast(pl.String).replace_strict(slugs, default=pl.lit("unknown")),
        year=pl.coalesce(pl.col("collision_year"), pl.col("date").dt.year()).cast(pl.Int32),
    )
    return out.with_columns(collision_year=pl.col("year"))


def _linked(frame: pl.DataFrame, links: pl.DataFrame) -> pl.DataFrame:
    out = frame.drop([c for c in _LINK[1:] if c in frame.columns]).join(links, on="collision_index", how="left")
    return out.with_columns(collision_year=pl.col("year"))


def stored_links(store: Store) -> pl.DataFrame:
    """Collision index, force, year and areas of every stored collision."""
    frames = [
        pl.read_parquet(p.path, columns=_LINK[:1] + _LINK[3:]).with_columns(
            force=pl.lit(p.force), year=pl.lit(p.year, pl.Int32)
        )
        for p in store.year_partitions("collisions")
    ]
    if not frames:
        return pl.DataFrame(schema={c: pl.Int32 if c == "year" else pl.String for c in _LINK})
    return pl.concat(frames).select(_LINK)


def _unchanged(store: Store, result: Stats19Result, table: str, areas: str) -> bool:
    mine = [p for p in store.year_partitions(table) if p.metadata.get("sha256") == result.sha256]
    if not mine or any(p.metadata.get("areas") != areas for p in mine):
        return False
    if len(mine) != int(mine[0].metadata.get("partitions", -1)):
        return False
    result.status, result.table = "unchanged", table
    result.rows_stored = sum(p.rows for p in mine)
    result.rows_rejected = int(mine[0].metadata.get("rows_rejected", 0))
    result.rows_read = result.rows_stored + result.rows_rejected
    result.partitions = {f"{p.force}/{p.year}": p.rows for p in mine}
    return True


def _prepare_file(
    read: Stats19File, result: Stats19Result, store: Store, areas: Areas, links: pl.DataFrame
) -> pl.DataFrame | None:
    """Validate, type and stage one read file; returns its links when it is a collision table."""
    table = read.table
    known = links.get_column("collision_index")
    accepted, rejects = validate(read.frame, Stats19Context(table, known))
    frame, result.blanked = typed(accepted, table)
    frame = _collisions(frame, areas) if table == "collisions" else _linked(frame, links)
    result.rows_read, result.rows_rejected, result.rejects = read.rows_read, rejects.height, rejects.sort("line")
    result.rows_stored = frame.height
    result.rejected_by_rule = dict(rejects.group_by("rule").len().sort("rule").iter_rows())
    result.unattributed = int((frame.get_column("attribution") == "none").sum()) if frame.height else 0
    parts = frame.partition_by("force", "year", as_dict=True) if frame.height else {}
    result.partitions = {f"{force}/{year}": part.height for (force, year), part in sorted(parts.items())}
    meta = result.metadata(areas.version)
    for (force, year), part in sorted(parts.items()):
        result.staged.append(store.stage_year(table, str(force), int(year), part.drop("force", "year"), meta))
    result.status = "stored"
    return frame.select(_LINK) if table == "collisions" else None


def prepare_stats19(
    paths: Iterable[str | Path], store: Store, areas: Areas, *, reimport: bool = False
) -> list[Stats19Result]:
    """Read and stage every file (collisions first); nothing is committed."""
    reads: list[tuple[Stats19Result, Stats19File | None]] = []
    for path in paths:
        result = Stats19Result(str(path))
        try:
            read: Stats19File | None = read_file(path)
        except (UnreadableStats19, OSError, pl.exceptions.PolarsError) as exc:
            result.error = str(exc)
            reads.append((result, None))
            continue
        assert read is not None
        result.sha256, result.table = read.sha256, read.table
        result.unknown_columns, result.labels_decoded = read.unknown_columns, read.labels_decoded
        unchanged = not reimport and _unchanged(store, result, read.table, areas.version)
        reads.append((result, None if unchanged else read))
    reads.sort(key=lambda pair: ORDER.get(pair[0].table, 9))
    links = stored_links(store)
    for result, read in reads:
        if read is None:
            continue
        new = _prepare_file(read, result, store, areas, links)
        if new is not None:
            links = pl.concat([new, links]).unique("collision_index", keep="first")
    return [result for result, _ in reads]


def ingest_stats19(
    paths: Iterable[str | Path], store: Store, areas: Areas, *, reimport: bool = False
) -> list[Stats19Result]:
    """Import STATS19 files into the store; partitions are swapped in only when every file is ready."""
    results = prepare_stats19(paths, store, areas, reimport=reimport)
    for result in results:
        for staged in result.staged:
            staged.commit()
        result.staged = []
    return results

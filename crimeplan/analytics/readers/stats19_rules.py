"""Row rules for STATS19 tables, in a registry like the police.uk rules.

Each rule has a ``code`` stored with the rows it rejects, the tables it applies to, a one-line
``summary`` and ``check()`` returning the shared ``Check`` (broken, value, message) as Polars
expressions over the string columns. A row is rejected under the first rule it breaks; the split
itself is ``crimeplan.analytics.readers.rules.split_checks``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from crimeplan.analytics.lazy import POLARS_ENGINE, lazy_module
from crimeplan.analytics.readers.rules import UK_BOUNDS, Check, shown, split_checks
from crimeplan.analytics.readers.stats19 import CHECKED_CODES, GUIDE_TABLE, TABLES, codes_for

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

FIRST_YEAR = 1979
#: Speed limits DfT records (mph), with its "missing" and "unknown" codes.
SPEED_LIMITS = ("20", "30", "40", "50", "60", "70", "-1", "99")


@dataclass(frozen=True)
class Stats19Context:
    """What rules compare rows with: the table, and the collisions a casualty or vehicle may join."""

    table: str
    collisions: pl.Series


class Stats19Rule:
    """Base class: subclasses set the class attributes and implement ``check``."""

    code: ClassVar[str]
    tables: ClassVar[frozenset[str]] = frozenset(TABLES)
    summary: ClassVar[str]

    def check(self, ctx: Stats19Context) -> Check:
        raise NotImplementedError


RULES: dict[str, type[Stats19Rule]] = {}


def register(cls: type[Stats19Rule]) -> type[Stats19Rule]:
    if cls.code in RULES:
        raise ValueError(f"a STATS19 rule with code {cls.code!r} is already registered")
    RULES[cls.code] = cls
    return cls


def rules_for(table: str) -> list[Stats19Rule]:
    if table not in TABLES:
        raise ValueError(f"unknown STATS19 table {table!r}; use one of {TABLES}")
    return [cls() for cls in RULES.values() if table in cls.tables]


def parse_date(expr: pl.Expr) -> pl.Expr:
    """DfT dates: ``DD/MM/YYYY`` (current releases) or ``YYYY-MM-DD`` (some re-publications)."""
    return pl.coalesce(expr.str.to_date("%d/%m/%Y", strict=False), expr.str.to_date("%Y-%m-%d", strict=False))


@register
class CollisionIndexRule(Stats19Rule):
    code = "collision_index"
    summary = "collision_index (accident_index) is given"

    def check(self, ctx: Stats19Context) -> Check:
        return Check(pl.col("collision_index").is_null(), shown("collision_index"), pl.lit("collision index is blank"))


@register
class DuplicateRule(Stats19Rule):
    code = "duplicate"
    summary = "a collision appears once, a vehicle or casualty once within its collision"

    def check(self, ctx: Stats19Context) -> Check:
        key = {"collisions": [], "vehicles": ["vehicle_reference"], "casualties": ["casualty_reference"]}[ctx.table]
        columns = ["collision_index", *key]
        broken = pl.int_range(pl.len()).over(columns) > 0
        value = pl.concat_str([pl.col(c).fill_null("") for c in columns], separator="/")
        return Check(broken, value, pl.format("{} appears more than once in the file", value))


@register
class CollisionKnownRule(Stats19Rule):
    code = "collision_missing"
    tables = frozenset({"casualties", "vehicles"})
    summary = "the casualty's or vehicle's collision is in the collision table (this import or the store)"

    def check(self, ctx: Stats19Context) -> Check:
        broken = ~pl.col("collision_index").is_in(ctx.collisions.implode())
        message = pl.format("collision {} is not in an imported collision table", shown("collision_index"))
        return Check(broken, shown("collision_index"), message)


@register
class DateRule(Stats19Rule):
    code = "date"
    tables = frozenset({"collisions"})
    summary = f"date is DD/MM/YYYY (or YYYY-MM-DD) in {FIRST_YEAR} or later"

    def check(self, ctx: Stats19Context) -> Check:
        when = parse_date(pl.col("date"))
        broken = when.is_null() | (when.dt.year() < FIRST_YEAR)
        return Check(broken, shown("date"), pl.format("date {} is not a date from 1979 on", shown("date")))


@register
class CoordinatesRule(Stats19Rule):
    code = "coordinates"
    tables = frozenset({"collisions"})
    summary = "longitude and latitude are both blank, or a point in Great Britain"

    def check(self, ctx: Stats19Context) -> Check:
        lon = pl.col("longitude").cast(pl.Float64, strict=False)
        lat = pl.col("latitude").cast(pl.Float64, strict=False)
        both_blank = pl.col("longitude").is_null() & pl.col("latitude").is_null()
        inside = lon.is_between(*UK_BOUNDS["lon"]) & lat.is_between(*UK_BOUNDS["lat"])
        value = pl.format("{},{}", pl.col("longitude").fill_null(""), pl.col("latitude").fill_null(""))
        message = pl.format("longitude,latitude {} is not a point in Great Britain", value)
        return Check(~both_blank & ~inside.fill_null(False), value, message)


@register
class SpeedLimitRule(Stats19Rule):
    code = "speed_limit"
    tables = frozenset({"collisions"})
    summary = "speed_limit is blank or one of 20, 30, 40, 50, 60, 70 mph (or DfT's -1/99)"

    def check(self, ctx: Stats19Context) -> Check:
        broken = ~(pl.col("speed_limit").is_in(SPEED_LIMITS) | pl.col("speed_limit").is_null())
        return Check(broken, shown("speed_limit"), pl.format("speed limit {} is not a UK limit", shown("speed_limit")))


@register
class CodeKnownRule(Stats19Rule):
    code = "code_known"
    summary = "severity, road class, road user and condition codes are in DfT's code list (or blank)"

    def check(self, ctx: Stats19Context) -> Check:
        codes = codes_for(ctx.table)
        tests = [(c, ~(pl.col(c).is_in(list(codes[c])) | pl.col(c).is_null())) for c in CHECKED_CODES[ctx.table]]
        broken = pl.any_horizontal([t for _, t in tests])
        first = pl.coalesce([pl.when(t).then(pl.lit(c)) for c, t in tests])
        value = pl.coalesce([pl.when(t).then(pl.format(f"{c}={{}}", pl.col(c))) for c, t in tests])
        message = pl.format("{} is not in DfT's code list for the {} table", value, pl.lit(GUIDE_TABLE[ctx.table]))
        return Check(broken, pl.coalesce(value, first), message)


def ensure_columns(frame: pl.DataFrame, columns: Iterable[str]) -> pl.DataFrame:
    """Add the given columns as blank strings where a file lacks them (older releases)."""
    missing = [c for c in columns if c not in frame.columns]
    return frame.with_columns(pl.lit(None, pl.String).alias(c) for c in missing) if missing else frame


def validate(frame: pl.DataFrame, ctx: Stats19Context) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Accepted rows, and rejected rows as ``line, rule, value, message``."""
    needed = {"collision_index", "date", "longitude", "latitude", "speed_limit", "vehicle_reference"}
    needed |= {"casualty_reference", *CHECKED_CODES[ctx.table]}
    frame = ensure_columns(frame, needed)
    checks = {rule.code: rule.check(ctx) for rule in rules_for(ctx.table)}
    accepted, rejected = split_checks(frame.lazy(), checks)
    rejects = rejected.select(
        pl.col("source_line").alias("line"), "rule", pl.col("value").fill_null(""), "message"
    ).collect(engine=POLARS_ENGINE)
    return accepted.collect(engine=POLARS_ENGINE), rejects

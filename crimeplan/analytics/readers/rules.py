"""Row validation rules for data.police.uk files, kept in a registry.

Each rule is a class with a ``code`` (stored with every row it rejects), the
kinds it applies to, a one-line ``summary``, and ``check()``, which returns
Polars expressions saying, for every row at once, whether the row breaks the
rule, the offending value and a message a person can act on. Rules run in
registry order; a row is rejected under the first rule it breaks.

Structural rules (``header``, ``encoding``, ``column_count``) are applied
while the file is split into rows; they are registered here too so that the
whole vocabulary of rejection reasons is listed in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from crimeplan.analytics.forces import Force, same_force_name
from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.months import MONTH
from crimeplan.analytics.vocabulary import (
    AGE_RANGES,
    CRIME_TYPES,
    GENDERS,
    HISTORIC_CRIME_TYPES,
    LSOA_CODE,
    OFFICER_DEFINED_ETHNICITIES,
    OUTCOME_CATEGORIES,
    SEARCH_TYPES,
    Kind,
)

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

#: Longitude/latitude box that holds the United Kingdom (with Northern Ireland).
UK_BOUNDS = {"lon": (-8.7, 1.8), "lat": (49.8, 60.95)}
_LSOA = re.compile(LSOA_CODE)
ALL_KINDS = frozenset(Kind)


@dataclass(frozen=True)
class RuleContext:
    """What a rule may compare rows with: the file's kind, month and force, and
    the distinct values of the columns rules asked for (``distinct_columns``)."""

    kind: Kind
    month: pl.Expr  # the month named by each row's file (a column when files are batched)
    force: Force | None
    distinct: Mapping[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Check:
    """Expressions over a file's rows (all columns are strings; blank fields are null)."""

    broken: pl.Expr
    value: pl.Expr
    message: pl.Expr


class Rule:
    """Base class: subclasses set the class attributes and implement ``check``."""

    code: ClassVar[str]
    kinds: ClassVar[frozenset[Kind]] = ALL_KINDS
    summary: ClassVar[str]
    structural: ClassVar[bool] = False
    #: Columns whose distinct values the rule reads from ``RuleContext.distinct``.
    distinct_columns: ClassVar[tuple[str, ...]] = ()

    def check(self, ctx: RuleContext) -> Check:
        raise NotImplementedError(f"{type(self).__name__} is applied while splitting rows")


RULES: dict[str, type[Rule]] = {}


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator adding a rule to the registry under its code."""
    if cls.code in RULES:
        raise ValueError(f"a rule with code {cls.code!r} is already registered")
    RULES[cls.code] = cls
    return cls


def rules_for(kind: Kind, codes: Iterable[str] | None = None) -> list[Rule]:
    """Instances of the row rules for a kind, in registry order (optionally only ``codes``)."""
    wanted = set(RULES) if codes is None else set(codes)
    unknown = wanted - set(RULES)
    if unknown:
        raise ValueError(f"unknown rule codes {sorted(unknown)}; known: {', '.join(RULES)}")
    return [cls() for code, cls in RULES.items() if code in wanted and kind in cls.kinds and not cls.structural]


def _blank(column: str) -> pl.Expr:
    return pl.col(column).is_null()


def shown(column: str) -> pl.Expr:
    """A column's value as a message shows it (blank as "(blank)")."""
    return pl.col(column).fill_null("(blank)")


def values_breaking(ctx: RuleContext, column: str, ok: Callable[[str | None], bool]) -> pl.Expr:
    """True where ``column`` holds a value ``ok`` refuses.

    Police.uk columns such as month, force or crime type hold few distinct
    values per file, so checking each distinct value once in Python is much
    faster than evaluating a pattern on every row.
    """
    bad = [v for v in ctx.distinct[column] if not ok(v)]
    found = pl.col(column).is_in([v for v in bad if v is not None])
    return found | pl.col(column).is_null() if None in bad else found


def _vocabulary_rule(
    code: str, column: str, allowed: frozenset[str], kinds: frozenset[Kind], *, blank_ok: bool
) -> type[Rule]:
    label = column.replace("_", " ")

    class VocabularyRule(Rule):
        distinct_columns = (column,)

        def check(self, ctx: RuleContext) -> Check:
            broken = values_breaking(ctx, column, lambda v: v in allowed or (blank_ok and v is None))
            message = pl.format(f"{label} {{}} is not a police.uk value", shown(column))
            return Check(broken, shown(column), message)

    VocabularyRule.code = code
    VocabularyRule.kinds = kinds
    VocabularyRule.summary = f"{label} is {'blank or ' if blank_ok else ''}a published police.uk value"
    VocabularyRule.__name__ = VocabularyRule.__qualname__ = "".join(part.title() for part in code.split("_")) + "Rule"
    return VocabularyRule


# -- structural ----------------------------------------------------------------
@register
class HeaderRule(Rule):
    code = "header"
    summary = "the first line is the police.uk header for the file's kind (otherwise the file is refused)"
    structural = True


@register
class EncodingRule(Rule):
    code = "encoding"
    summary = "the line is valid UTF-8"
    structural = True


@register
class ColumnCountRule(Rule):
    code = "column_count"
    summary = "the line has as many fields as the header"
    structural = True


# -- month and place ----------------------------------------------------------
@register
class MonthFormatRule(Rule):
    code = "month_format"
    kinds = frozenset({Kind.STREET, Kind.OUTCOMES})
    summary = "Month is YYYY-MM"
    distinct_columns = ("month",)

    def check(self, ctx: RuleContext) -> Check:
        broken = values_breaking(ctx, "month", lambda v: v is not None and bool(MONTH.match(v)))
        message = pl.format("month {} is not YYYY-MM", shown("month"))
        return Check(broken, shown("month"), message)


@register
class MonthMatchesFileRule(Rule):
    code = "month_matches_file"
    kinds = frozenset({Kind.STREET, Kind.OUTCOMES})
    summary = "Month equals the month in the file name"

    def check(self, ctx: RuleContext) -> Check:
        broken = pl.col("month") != ctx.month
        message = pl.format("month {} differs from the file name's {}", pl.col("month"), ctx.month)
        return Check(broken, pl.col("month"), message)


@register
class SearchDateRule(Rule):
    code = "search_date"
    kinds = frozenset({Kind.STOP_SEARCH})
    summary = "Date is an ISO 8601 time within the file's month (UTC or UK time)"

    def check(self, ctx: RuleContext) -> Check:
        when = parse_search_date(pl.col("date"))
        in_month = (when.dt.strftime("%Y-%m") == ctx.month) | (
            when.dt.convert_time_zone("Europe/London").dt.strftime("%Y-%m") == ctx.month
        )
        broken = when.is_null() | ~in_month
        message = pl.format("date {} is not a time in {}", shown("date"), ctx.month)
        return Check(broken, shown("date"), message)


@register
class FallsWithinRule(Rule):
    code = "falls_within"
    kinds = frozenset({Kind.STREET, Kind.OUTCOMES})
    summary = "Falls within names the force in the file name"
    distinct_columns = ("falls_within",)

    def check(self, ctx: RuleContext) -> Check:
        force = ctx.force
        if force is None:
            return Check(pl.lit(False), pl.col("falls_within"), pl.lit(""))
        broken = values_breaking(ctx, "falls_within", lambda v: v is not None and same_force_name(v, force))
        message = pl.format(f"falls within {{}}, not {force.name}", shown("falls_within"))
        return Check(broken, shown("falls_within"), message)


@register
class CoordinatesRule(Rule):
    code = "coordinates"
    summary = "Longitude and Latitude are both blank, or both numbers inside the UK"

    def check(self, ctx: RuleContext) -> Check:
        lon = pl.col("longitude").cast(pl.Float64, strict=False)
        lat = pl.col("latitude").cast(pl.Float64, strict=False)
        both_blank = _blank("longitude") & _blank("latitude")
        inside = lon.is_between(*UK_BOUNDS["lon"]) & lat.is_between(*UK_BOUNDS["lat"])
        broken = ~both_blank & ~inside.fill_null(False)
        value = pl.format("{},{}", pl.col("longitude").fill_null(""), pl.col("latitude").fill_null(""))
        message = pl.format("longitude,latitude {} is not blank and not a point in the UK", value)
        return Check(broken, value, message)


@register
class LsoaCodeRule(Rule):
    code = "lsoa_code"
    kinds = frozenset({Kind.STREET, Kind.OUTCOMES})
    summary = "LSOA code is blank or a 2011 LSOA code (E01 or W01 and six digits)"
    distinct_columns = ("lsoa_code",)

    def check(self, ctx: RuleContext) -> Check:
        broken = values_breaking(ctx, "lsoa_code", lambda v: v is None or bool(_LSOA.match(v)))
        message = pl.format("LSOA code {} is not a 2011 LSOA code", pl.col("lsoa_code"))
        return Check(broken, pl.col("lsoa_code"), message)


# -- vocabularies ---------------------------------------------------------------
STREET = frozenset({Kind.STREET})
OUTCOMES = frozenset({Kind.OUTCOMES})
SEARCH = frozenset({Kind.STOP_SEARCH})

register(
    _vocabulary_rule(
        "crime_type", "crime_type", frozenset(CRIME_TYPES) | frozenset(HISTORIC_CRIME_TYPES), STREET, blank_ok=False
    )
)
register(_vocabulary_rule("outcome_category", "last_outcome_category", OUTCOME_CATEGORIES, STREET, blank_ok=True))
register(_vocabulary_rule("outcome_type", "outcome_type", OUTCOME_CATEGORIES, OUTCOMES, blank_ok=False))
register(_vocabulary_rule("search_type", "type", SEARCH_TYPES, SEARCH, blank_ok=False))
register(_vocabulary_rule("gender", "gender", GENDERS, SEARCH, blank_ok=True))
register(_vocabulary_rule("age_range", "age_range", AGE_RANGES, SEARCH, blank_ok=True))
register(
    _vocabulary_rule(
        "officer_defined_ethnicity",
        "officer_defined_ethnicity",
        OFFICER_DEFINED_ETHNICITIES,
        SEARCH,
        blank_ok=True,
    )
)


@register
class CrimeIdRule(Rule):
    code = "crime_id"
    kinds = frozenset({Kind.OUTCOMES})
    summary = "Crime ID, which links an outcome to its crime, is 64 hexadecimal characters"

    def check(self, ctx: RuleContext) -> Check:
        broken = ~pl.col("crime_id").str.contains(r"^[0-9a-f]{64}$").fill_null(False)
        message = pl.format("crime ID {} is not 64 hexadecimal characters", shown("crime_id"))
        return Check(broken, shown("crime_id"), message)


SEARCH_FLAGS = (
    "part_of_a_policing_operation",
    "outcome_linked_to_object_of_search",
    "removal_of_more_than_just_outer_clothing",
)


@register
class SearchFlagsRule(Rule):
    code = "search_flags"
    kinds = SEARCH
    summary = "the yes/no columns of a search are True, False or blank"

    def check(self, ctx: RuleContext) -> Check:
        bad = [~(pl.col(c).is_in(["True", "False"]) | pl.col(c).is_null()) for c in SEARCH_FLAGS]
        broken = pl.any_horizontal(bad)
        value = pl.concat_str([pl.col(c).fill_null("") for c in SEARCH_FLAGS], separator="|")
        message = pl.format("yes/no values {} are not True, False or blank", value)
        return Check(broken, value, message)


def parse_search_date(expr: pl.Expr) -> pl.Expr:
    """Parse police.uk search times (``2019-06-01T00:00:00+00:00``) to UTC datetimes."""
    return expr.str.to_datetime("%Y-%m-%dT%H:%M:%S%:z", strict=False, time_zone="UTC")


def distinct_values(frame: pl.DataFrame, rules: Iterable[Rule]) -> dict[str, list[str]]:
    """Distinct values of every column the rules ask for, read in one pass."""
    columns = sorted({c for rule in rules for c in rule.distinct_columns})
    if not columns or frame.is_empty():
        return {c: [] for c in columns}
    row = frame.select([pl.col(c).unique().implode() for c in columns]).row(0)
    return dict(zip(columns, row, strict=True))


def split_rows(rows: pl.LazyFrame, rules: list[Rule], ctx: RuleContext) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """Split rows into those every rule accepts and those some rule rejects.

    Rejected rows carry ``rule``, ``value`` and ``message`` of the first rule
    they break; value and message are computed for rejected rows only.
    """
    return split_checks(rows, {rule.code: rule.check(ctx) for rule in rules})


def split_checks(rows: pl.LazyFrame, checks: Mapping[str, Check]) -> tuple[pl.LazyFrame, pl.LazyFrame]:
    """``split_rows`` for checks already made, keyed by rule code in the order they apply."""
    if not checks:
        none = pl.lit(None, pl.String)
        return rows, rows.filter(pl.lit(False)).with_columns(rule=none, value=none, message=none)
    first = pl.coalesce([pl.when(c.broken).then(pl.lit(code)) for code, c in checks.items()])
    flagged = rows.with_columns(rule=first)

    def chosen(part: Callable[[Check], pl.Expr]) -> pl.Expr:
        return pl.coalesce([pl.when(pl.col("rule") == code).then(part(c)) for code, c in checks.items()])

    accepted = flagged.filter(pl.col("rule").is_null()).drop("rule")
    rejected = flagged.filter(pl.col("rule").is_not_null()).with_columns(
        value=chosen(lambda c: c.value).cast(pl.String),
        message=chosen(lambda c: c.message),
    )
    return accepted, rejected

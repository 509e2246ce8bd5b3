"""Counts, rates and harm by month, crime type and area, from the crime store.

Areas are a police force (all records it published) or, within it, a Community Safety Partnership,
local authority district, ward or LSOA (records attributed to it). Rates are per 1,000 residents of
the area (the population in the reference geography, mid-2020 where loaded) over the period asked
for. Months the store does not hold are reported as missing, never filled with zeros.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.months import month_range
from crimeplan.analytics.store import Store
from crimeplan.analytics.vocabulary import Kind

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

LEVELS = ("force", "csp", "lad", "ward", "lsoa")
LEVEL_NAMES = {
    "force": "police force area",
    "csp": "Community Safety Partnership",
    "lad": "local authority",
    "ward": "ward",
    "lsoa": "LSOA",
}


@dataclass(frozen=True)
class Area:
    """An area crime can be counted in, with its population and parent force."""

    level: str
    code: str
    name: str
    force: str
    population: int | None
    lsoas: int

    @property
    def kind(self) -> str:
        return LEVEL_NAMES[self.level]


def rate_per_1000(value: float, population: int | None) -> float | None:
    """``value`` per 1,000 residents; ``None`` when the population is not known (or zero)."""
    return value * 1000 / population if population else None


def _area(level: str, code: str, name: str, force: str, population: Any, lsoas: Any) -> Area:
    """An area from a query row (population is NULL where none is loaded)."""
    return Area(level, code, name, force, int(population) if population else None, int(lsoas))


def force_area(store: Store, slug: str) -> Area:
    """The whole area of a police.uk force (its ONS police force area's LSOAs)."""
    rows = store.named("force_area", slug=slug).rows
    if not rows:
        raise ValueError(f"unknown force {slug!r}: load the reference geography, or use a police.uk force id")
    name, population, lsoas = rows[0]
    return _area("force", slug, name, slug, population, lsoas)


def find_area(store: Store, code: str) -> Area:
    """A force (by police.uk id) or a CSP, local authority, ward or LSOA (by ONS code)."""
    code = code.strip()
    if not (len(code) == 9 and code[0].isalpha() and code[1:].isdigit()):
        return force_area(store, code)
    rows = store.named("find_area", code=code).rows
    if not rows:
        raise ValueError(
            f"no area with code {code!r}: use a CSP (E22…), local authority, ward (E05…) or LSOA (E01…) code"
        )
    level, name, force, population, lsoas = rows[0]
    if force is None:
        raise ValueError(f"{code} ({name}) is not in a police force area crimeplan knows")
    return _area(level, code, name, force, population, lsoas)


def areas_in_force(store: Store, force: str) -> list[Area]:
    """Every CSP, local authority and ward of a force's area."""
    return [
        _area(level, code, name, force, population, lsoas)
        for level, code, name, population, lsoas in store.named("areas_in_force", force=force).rows
    ]


@dataclass(frozen=True)
class Place:
    """A ward, local authority, CSP or LSOA with the area it lies in (for names that are not unique)."""

    level: str
    code: str
    name: str
    parent_code: str | None
    parent_name: str | None

    @property
    def label(self) -> str:
        """The name with its parent where it has one: "Park (Preston)" — wards share names."""
        if self.level in ("ward", "lsoa") and self.parent_name:
            return f"{self.name} ({self.parent_name})"
        return self.name


def places_in_force(store: Store, force: str) -> list[Place]:
    """Every ward, local authority, CSP and LSOA of a force's area with its parent (ward -> council -> CSP)."""
    return [Place(*row) for row in store.named("area_parents", force=force).rows]


def months_held(store: Store, force: str) -> list[str]:
    """Months of street-level crime the store holds for a force."""
    return sorted(p.month for p in store.partitions(Kind.STREET, force))


def held_months(store: Store, force: str, first: str, last: str) -> list[str]:
    """The months from ``first`` to ``last`` that the store holds for the force, in order."""
    held = set(months_held(store, force))
    return [m for m in month_range(first, last) if m in held]


def missing_months(store: Store, force: str, first: str, last: str) -> list[str]:
    """The months from ``first`` to ``last`` that the store does not hold for the force, in order."""
    held = set(months_held(store, force))
    return [m for m in month_range(first, last) if m not in held]


def area_params(area: Area, first: str, last: str) -> dict[str, object]:
    """The parameters the named area queries take."""
    return {"force": area.force, "level": area.level, "code": area.code, "from_month": first, "to_month": last}


def monthly_counts(store: Store, area: Area, first: str, last: str) -> pl.DataFrame:
    """``month``, ``crime_type``, ``count`` for every held month × crime type (zero where none)."""
    found = pl.DataFrame(
        store.named("area_monthly_counts", **area_params(area, first, last)).rows,
        schema={"month": pl.String, "crime_type": pl.String, "count": pl.Int64},
        orient="row",
    )
    held = held_months(store, area.force, first, last)
    types = sorted(set(found.get_column("crime_type")))
    grid = pl.DataFrame({"month": held}, schema={"month": pl.String}).join(
        pl.DataFrame({"crime_type": types}, schema={"crime_type": pl.String}), how="cross"
    )
    return (
        grid.join(found, on=["month", "crime_type"], how="left")
        .with_columns(pl.col("count").fill_null(0))
        .sort("month", "crime_type")
    )


def totals(
    frame: pl.DataFrame, crime_types: Sequence[str] | None = None, months: Sequence[str] | None = None
) -> dict[str, int]:
    """Counts by crime type over the given months (all when ``None``) and types (all when ``None``)."""
    picked = frame
    if months is not None:
        picked = picked.filter(pl.col("month").is_in(list(months)))
    if crime_types is not None:
        picked = picked.filter(pl.col("crime_type").is_in(list(crime_types)))
    grouped = picked.group_by("crime_type").agg(pl.col("count").sum())
    return {t: int(n) for t, n in grouped.iter_rows()}


def series(frame: pl.DataFrame, crime_types: Sequence[str] | None = None) -> list[tuple[str, int]]:
    """Monthly totals ``[(month, count), ...]`` of the chosen crime types."""
    picked = frame if crime_types is None else frame.filter(pl.col("crime_type").is_in(list(crime_types)))
    grouped = picked.group_by("month").agg(pl.col("count").sum()).sort("month")
    return [(m, int(n)) for m, n in grouped.iter_rows()]


def monthly_totals(frame: pl.DataFrame, crime_types: Sequence[str] | None, months: Sequence[str]) -> dict[str, int]:
    """Totals of the chosen crime types for each of ``months`` (0 for a month without records)."""
    return {m: 0 for m in months} | {m: n for m, n in series(frame, crime_types) if m in set(months)}


def monthly_counts_by_area(
    store: Store, force: str, level: str, first: str, last: str, crime_types: Sequence[str]
) -> pl.DataFrame:
    """``code``, ``month``, ``count`` for every CSP, LAD or ward of a force (areas with no records absent)."""
    if level not in ("csp", "lad", "ward"):
        raise ValueError(f"level must be csp, lad or ward, not {level!r}")
    rows = store.named(
        "level_monthly_counts", force=force, level=level, from_month=first, to_month=last, crime_types=list(crime_types)
    ).rows
    return pl.DataFrame(rows, schema={"code": pl.String, "month": pl.String, "count": pl.Int64}, orient="row")

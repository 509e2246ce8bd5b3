"""Road casualties from STATS19: KSI raw and severity-adjusted, breakdowns and year comparisons.

**Severity adjustment.** Forces moved at different times (from 2012 on) to injury-based recording
(CRASH, COPA), where the officer records the injury and the severity follows from it. That
classifies more casualties as serious than the officer's own judgement did, so raw serious and
KSI counts rise at the switch without any change on the roads. DfT publishes, for every casualty,
the probability that it would have been recorded as serious under the injury-based system
(``casualty_adjusted_severity_serious``; 1 or 0 for casualties already recorded injury-based).
Adjusted KSI is therefore **fatal + the sum of that probability over non-fatal casualties**
(DfT, "Guide to severity adjustments for reported road casualties", 2024; Office for National
Statistics methodology review, 2019). Collision-level factors count collisions, not people, and
are used only where a force-year has no casualty table, which the result says (``method``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.significance import Comparison, compare_counts, dispersion
from crimeplan.analytics.store import Store

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

FATAL, SERIOUS, SLIGHT = 1, 2, 3
SEVERITIES = {FATAL: "Fatal", SERIOUS: "Serious", SLIGHT: "Slight"}
#: Road-user groups from DfT casualty_type codes (current and historic).
ROAD_USERS: dict[str, tuple[int, ...]] = {
    "Pedestrian": (0,),
    "Pedal cyclist": (1,),
    "Motorcyclist": (2, 3, 4, 5, 23, 97, 103, 104, 105, 106),
    "Car occupant": (8, 9, 108, 109),
    "Bus or coach occupant": (10, 11, 110),
    "Goods vehicle occupant": (19, 20, 21, 98, 113),
}
OTHER_USER = "Other or unknown"
BASELINE_YEARS = 3


def frame(store: Store, name: str, force: str) -> pl.DataFrame:
    """A named STATS19 query for one force as a Polars frame."""
    result = store.named(name, force=force)
    return pl.DataFrame(result.rows, schema=result.columns, orient="row", infer_schema_length=None)


def road_user(code: pl.Expr) -> pl.Expr:
    expr = pl.lit(OTHER_USER)
    for label, codes in reversed(ROAD_USERS.items()):
        expr = pl.when(code.is_in(codes)).then(pl.lit(label)).otherwise(expr)
    return expr


@dataclass(frozen=True)
class Summary:
    """One force-year. ``ksi_adjusted`` = fatal + Σ adjusted-serious probability over non-fatal casualties."""

    force: str
    year: int
    collisions: int
    casualties: int
    fatal: int
    serious: int
    slight: int
    ksi: int
    ksi_adjusted: float
    injury_based_share: float | None
    method: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def adjusted_ksi(casualties: pl.DataFrame) -> float:
    """Fatal + the sum of ``casualty_adjusted_severity_serious`` over non-fatal casualties.

    A non-fatal casualty without a published factor counts as recorded (1 if serious, else 0).
    """
    fatal = casualties.get_column("casualty_severity") == FATAL
    factor = casualties.get_column("casualty_adjusted_severity_serious")
    recorded = (casualties.get_column("casualty_severity") == SERIOUS).cast(pl.Float64)
    weights = factor.fill_null(recorded)
    return float(fatal.sum()) + float(weights.filter(~fatal).sum())


def summarise(casualties: pl.DataFrame, collisions: pl.DataFrame, force: str, year: int) -> Summary:
    """KSI raw and adjusted for one force-year, from its casualty rows (collisions where there are none)."""
    cas = casualties.filter(pl.col("year") == year)
    col = collisions.filter(pl.col("year") == year)
    if cas.height:
        severity = cas.get_column("casualty_severity")
        counts = {s: int((severity == s).sum()) for s in SEVERITIES}
        ksi_adjusted = adjusted_ksi(cas)
        injury = cas.get_column("casualty_injury_based").drop_nulls()
        method = "casualty-level severity adjustment (DfT)"
    else:
        severity = col.get_column("collision_severity")
        counts = {s: int((severity == s).sum()) for s in SEVERITIES}
        factor = col.get_column("collision_adjusted_severity_serious").fill_null((severity == SERIOUS).cast(pl.Float64))
        ksi_adjusted = counts[FATAL] + float(factor.filter(severity != FATAL).sum())
        injury = col.get_column("collision_injury_based").drop_nulls() if col.height else pl.Series([], dtype=pl.Int32)
        method = "no casualty table: collisions counted, with collision-level adjustment"
    share = float((injury == 1).mean()) if len(injury) else None  # type: ignore[arg-type]
    return Summary(
        force=force,
        year=year,
        collisions=col.height,
        casualties=cas.height if cas.height else int(col.get_column("number_of_casualties").sum() or 0),
        fatal=counts[FATAL],
        serious=counts[SERIOUS],
        slight=counts[SLIGHT],
        ksi=counts[FATAL] + counts[SERIOUS],
        ksi_adjusted=round(ksi_adjusted, 2),
        injury_based_share=None if share is None else round(share, 3),
        method=method,
    )


def summaries(store: Store, force: str) -> list[Summary]:
    """Every stored year of a force, oldest first."""
    casualties, collisions = frame(store, "stats19_casualties", force), frame(store, "stats19_collisions", force)
    return summaries_of(casualties, collisions, force)


def summaries_of(casualties: pl.DataFrame, collisions: pl.DataFrame, force: str) -> list[Summary]:
    """Every year of the given rows of one force, oldest first."""
    years = sorted(set(collisions.get_column("year").to_list())) if collisions.height else []
    return [summarise(casualties, collisions, force, year) for year in years]


@dataclass(frozen=True)
class KsiComparison:
    """This year's KSI against the average of up to three previous years, tested as counts."""

    year: int
    ksi: int
    baseline_years: list[int]
    baseline_mean: float | None
    comparison: Comparison | None
    recording_changed: bool
    note: str


def compare_ksi(rows: list[Summary], year: int) -> KsiComparison:
    """KSI of ``year`` against previous years' average (exact or quasi-Poisson test on raw counts).

    The test uses raw KSI counts (integers) and warns when the share of injury-based recording
    differs between the year and its baseline, since then raw counts are not comparable.
    """
    by_year = {r.year: r for r in rows}
    current = by_year.get(year)
    previous = sorted(y for y in by_year if year - BASELINE_YEARS <= y < year)
    if current is None or not previous:
        note = "no earlier years are loaded for this force, so there is nothing to compare with"
        return KsiComparison(year, current.ksi if current else 0, previous, None, None, False, note)
    base = [by_year[y] for y in previous]
    phi = dispersion([r.ksi for r in rows if r.year <= year])
    result = compare_counts(current.ksi, sum(r.ksi for r in base), baseline_exposure=len(base), phi=phi)
    shares = {r.injury_based_share for r in [*base, current]}
    changed = len(shares) > 1
    note = (
        "the share of casualties recorded injury-based differs between these years: compare adjusted KSI"
        if changed
        else f"against the average of {len(base)} previous year(s)"
    )
    return KsiComparison(year, current.ksi, previous, sum(r.ksi for r in base) / len(base), result, changed, note)


BREAKDOWNS: dict[str, str] = {
    "severity": "Severity",
    "road_user": "Road user",
    "age_band_of_casualty": "Age band",
    "first_road_class": "Road class",
    "speed_limit": "Speed limit (mph)",
    "light_conditions": "Light",
    "weather_conditions": "Weather",
}
_CODE_TABLE = {"age_band_of_casualty": "casualties"}


def breakdown(casualties: pl.DataFrame, by: str, year: int, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """Casualties of ``year`` by one column: all, KSI and adjusted KSI per value."""
    if by not in BREAKDOWNS:
        raise ValueError(f"unknown breakdown {by!r}; use one of {', '.join(BREAKDOWNS)}")
    cas = casualties.filter(pl.col("year") == year).with_columns(
        severity=pl.col("casualty_severity").replace_strict(SEVERITIES, default="Unknown"),
        road_user=road_user(pl.col("casualty_type")),
        _ksi=pl.col("casualty_severity").is_in([FATAL, SERIOUS]),
        _adj=pl.when(pl.col("casualty_severity") == FATAL)
        .then(1.0)
        .otherwise(
            pl.col("casualty_adjusted_severity_serious").fill_null(
                (pl.col("casualty_severity") == SERIOUS).cast(pl.Float64)
            )
        ),
    )
    grouped = (
        cas.group_by(by)
        .agg(casualties=pl.len(), ksi=pl.col("_ksi").sum(), ksi_adjusted=pl.col("_adj").sum())
        .sort("casualties", descending=True)
    )
    return [
        {
            "value": labels.get(str(row[by]), str(row[by])) if row[by] is not None else "Not recorded",
            "casualties": row["casualties"],
            "ksi": row["ksi"],
            "ksi_adjusted": round(row["ksi_adjusted"], 1),
        }
        for row in grouped.iter_rows(named=True)
    ]


def by_area(casualties: pl.DataFrame, year: int, level: str, population: Mapping[str, int]) -> list[dict[str, Any]]:
    """Casualties and KSI per LAD or CSP in ``year``, per 100,000 residents where known."""
    column = {"lad": "lad_code", "csp": "csp_code"}[level]
    rows = breakdown_raw(casualties.filter(pl.col("year") == year), column)
    for row in rows:
        people = population.get(row["code"] or "")
        row["residents"] = people
        row["ksi_per_100k"] = round(row["ksi"] / people * 100_000, 1) if people else None
        row["casualties_per_100k"] = round(row["casualties"] / people * 100_000, 1) if people else None
    return rows


def breakdown_raw(casualties: pl.DataFrame, column: str) -> list[dict[str, Any]]:
    grouped = (
        casualties.group_by(column)
        .agg(casualties=pl.len(), ksi=pl.col("casualty_severity").is_in([FATAL, SERIOUS]).sum())
        .sort(column, nulls_last=True)
    )
    return [{"code": r[column], "casualties": r["casualties"], "ksi": r["ksi"]} for r in grouped.iter_rows(named=True)]


def ksi_in(casualties: pl.DataFrame, first: Any, last: Any, *, road_users: tuple[str, ...] = ()) -> tuple[int, float]:
    """Raw and adjusted KSI of casualties whose collision date is within ``first``..``last``."""
    cas = casualties.filter(pl.col("date").is_between(first, last))
    if road_users:
        cas = cas.filter(road_user(pl.col("casualty_type")).is_in(list(road_users)))
    if not cas.height:
        return 0, 0.0
    raw = int(cas.get_column("casualty_severity").is_in([FATAL, SERIOUS]).sum())
    return raw, adjusted_ksi(cas)

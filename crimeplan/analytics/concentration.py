"""Where crime and harm concentrate: top LSOAs, repeat locations and deprivation.

* Concentration: the share of an area's records (and harm) in its top 5% and 10% of LSOAs, taking
  k = max(1, floor(N × share)) LSOAs of the N in the area, ranked by count (or harm), ties broken by
  LSOA code so the answer is reproducible (Weisburd 2015, "The law of crime concentration").
* Repeat locations: police.uk moves every record to the nearest of a fixed set of anonymous map
  points, so "the same location" means the same map point; repeats are counted at that level.
* Deprivation: records per 1,000 residents in each IMD 2019 decile of the area's LSOAs
  (decile 1 = the most deprived 10% of LSOAs in England).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from crimeplan.analytics.harm import HarmWeights, add_harm
from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.store import Store
from crimeplan.analytics.trends import Area, area_params

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

SHARES = (0.05, 0.10)


def lsoa_counts(
    store: Store, area: Area, first: str, last: str, crime_types: Sequence[str] | None, weights: HarmWeights
) -> pl.DataFrame:
    """Per LSOA of the area: ``count``, ``harm``, ``population``, ``imd_decile`` (zero rows kept)."""
    raw = pl.DataFrame(
        store.named("area_lsoa_counts", **area_params(area, first, last)).rows,
        schema={
            "lsoa_code": pl.String,
            "lsoa_name": pl.String,
            "population": pl.Int64,
            "imd_decile": pl.Int64,
            "crime_type": pl.String,
            "count": pl.Int64,
        },
        orient="row",
    )
    wanted = (
        raw
        if crime_types is None
        else raw.with_columns(
            pl.when(pl.col("crime_type").is_in(list(crime_types))).then(pl.col("count")).otherwise(0).alias("count")
        )
    )
    harmed = add_harm(wanted.with_columns(pl.col("crime_type").fill_null("")), weights).with_columns(
        pl.col("harm").fill_null(0.0)
    )
    return (
        harmed.group_by("lsoa_code", "lsoa_name", "population", "imd_decile")
        .agg(pl.col("count").sum(), pl.col("harm").sum())
        .sort("lsoa_code")
    )


@dataclass(frozen=True)
class Concentration:
    """Share of records and of harm in the top LSOAs (``share`` -> fraction), with k and N."""

    lsoas: int
    records: int
    harm: float
    top: dict[float, int]
    record_share: dict[float, float]
    harm_share: dict[float, float]


def concentration(per_lsoa: pl.DataFrame, shares: Sequence[float] = SHARES) -> Concentration:
    n = per_lsoa.height
    records, harm = int(per_lsoa.get_column("count").sum()), float(per_lsoa.get_column("harm").sum())
    by_count = per_lsoa.sort(["count", "lsoa_code"], descending=[True, False])
    by_harm = per_lsoa.sort(["harm", "lsoa_code"], descending=[True, False])
    top = {s: max(1, int(n * s)) for s in shares}
    return Concentration(
        lsoas=n,
        records=records,
        harm=harm,
        top=top,
        record_share={
            s: (int(by_count.head(k).get_column("count").sum()) / records if records else 0.0) for s, k in top.items()
        },
        harm_share={
            s: (float(by_harm.head(k).get_column("harm").sum()) / harm if harm else 0.0) for s, k in top.items()
        },
    )


@dataclass(frozen=True)
class Repeats:
    """Map points with more than one record, and the share of records at them."""

    points: int
    repeat_points: int
    records_at_repeats: int
    records: int
    busiest: list[tuple[str, int]]

    @property
    def share_at_repeats(self) -> float:
        return self.records_at_repeats / self.records if self.records else 0.0


def repeat_locations(
    store: Store, area: Area, first: str, last: str, crime_types: Sequence[str] | None, *, top: int = 10
) -> Repeats:
    rows = store.named(
        "area_location_counts",
        **area_params(area, first, last),
        all_types=crime_types is None,
        crime_types=list(crime_types or []),
    ).rows
    counts = sorted(((str(location), int(n)) for _, _, location, n in rows), key=lambda r: (-r[1], r[0]))
    repeats = [n for _, n in counts if n > 1]
    return Repeats(
        points=len(counts),
        repeat_points=len(repeats),
        records_at_repeats=sum(repeats),
        records=sum(n for _, n in counts),
        busiest=counts[:top],
    )


def by_deprivation(per_lsoa: pl.DataFrame) -> pl.DataFrame:
    """``imd_decile``, ``lsoas``, ``population``, ``count``, ``harm``, ``rate_per_1000``, ``harm_per_1000``."""
    grouped = (
        per_lsoa.filter(pl.col("imd_decile").is_not_null())
        .group_by("imd_decile")
        .agg(pl.len().alias("lsoas"), pl.col("population").sum(), pl.col("count").sum(), pl.col("harm").sum())
        .sort("imd_decile")
    )
    return grouped.with_columns(
        (pl.col("count") * 1000 / pl.col("population")).alias("rate_per_1000"),
        (pl.col("harm") * 1000 / pl.col("population")).alias("harm_per_1000"),
    )

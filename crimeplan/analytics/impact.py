"""Did it work? A matched difference-in-differences for a project's area, with a bootstrap interval.

For a project that served a set of LSOAs over a period:

1. **Matching** (``crimeplan.analytics.matching``). Each treated LSOA gets the ``k`` most similar
   LSOAs of the same force that the project did not serve, within a caliper, on standardised
   pre-period features: the mean monthly rate of records per 1,000 residents, its linear trend, the
   IMD 2019 rank and the population. The balance of each feature is reported before and after
   matching; when a served LSOA has no match within the caliper or balance fails, no estimate is
   given and ``Impact.refusal`` says why in plain words.
2. **Difference in differences.** For each treated LSOA, (its rate after − before) − (the mean of
   its matches' rate after − before); the estimate is the population-weighted mean over treated
   LSOAs, in records (or harm, CCHI days) per 1,000 residents per month. The comparison areas'
   change stands in for what would have happened without the project (the parallel-trends
   assumption; Angrist & Pischke 2009, "Mostly Harmless Econometrics", ch. 5). The percentage is the
   estimate over that counterfactual: treated before + comparison change.
3. **Interval.** A bootstrap (Efron & Tibshirani 1993) that resamples the treated LSOAs with their
   matches and the months of each period, the same months for treated and comparison areas so that
   shocks common to all areas still cancel; the 2.5th and 97.5th percentiles give a 95% interval.
4. **Placebo.** The same estimate with the pre-period split in two halves, when no project ran: an
   interval excluding zero warns that the areas were already diverging.

It cannot show that the project caused a change; ``CAVEATS`` says why, in plain words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from crimeplan.analytics.harm import HarmWeights, add_harm
from crimeplan.analytics.lazy import lazy_module
from crimeplan.analytics.matching import Balance, Match, balance, match, rates, refusal
from crimeplan.analytics.months import month_range
from crimeplan.analytics.store import Store
from crimeplan.analytics.vocabulary import ANTI_SOCIAL_BEHAVIOUR

if TYPE_CHECKING:
    import polars as pl
else:
    pl = lazy_module("polars")

Array = npt.NDArray[np.float64]

CAVEATS = (
    "It compares the change in the project's area with the change in similar areas over the same months. "
    "The difference is the project's effect only if nothing else changed differently in the project's area "
    "at the same time (another operation, a new scheme, a change in how crime is recorded).",
    "Police-recorded crime counts what is reported and recorded: a project that builds trust can raise "
    "reporting, so a rise is not always bad news.",
    "Small areas have few crimes. The interval shows how far the answer could move by chance; an interval "
    "that includes zero means the data cannot tell an effect from no effect, not that the project did nothing.",
    "Crime can move to nearby areas (displacement) or benefits can spread to them (diffusion); comparison "
    "areas are chosen from the whole force and may include neighbours.",
    "police.uk places each record at an approximate map point, so records near an LSOA boundary can fall "
    "on the wrong side of it.",
)


@dataclass(frozen=True)
class LsoaPanel:
    """Monthly records (crime only, not anti-social behaviour) and harm for every LSOA of a force."""

    codes: list[str]
    months: list[str]
    population: Array
    imd_rank: Array
    counts: Array
    harm: Array

    def index(self, codes: Sequence[str]) -> list[int]:
        position = {code: i for i, code in enumerate(self.codes)}
        unknown = [c for c in codes if c not in position]
        if unknown:
            raise ValueError(f"LSOAs not in this force's area: {', '.join(unknown[:5])}")
        return [position[c] for c in codes]

    def month_index(self, first: str, last: str) -> list[int]:
        wanted = set(month_range(first, last))
        return [i for i, m in enumerate(self.months) if m in wanted]


def load_panel(store: Store, force: str, months: Sequence[str], weights: HarmWeights) -> LsoaPanel:
    """Every LSOA of the force × the given (held) months, zeros where there were no records."""
    if not months:
        raise ValueError("no months of police data to compare")
    held = sorted(set(months))
    frame = _counts_frame(store, force, held)
    areas = frame.select("lsoa_code", "population", "imd_rank").unique("lsoa_code").sort("lsoa_code")
    crimes = add_harm(
        frame.filter(
            pl.col("month").is_in(held)
            & pl.col("crime_type").is_not_null()
            & (pl.col("crime_type") != ANTI_SOCIAL_BEHAVIOUR)
        ),
        weights,
        count="n",
    )
    summed = crimes.group_by("lsoa_code", "month").agg(pl.col("n").sum(), pl.col("harm").sum())
    codes = areas.get_column("lsoa_code").to_list()
    row_of = {c: i for i, c in enumerate(codes)}
    col_of = {m: j for j, m in enumerate(held)}
    counts = np.zeros((len(codes), len(held)))
    harm = np.zeros((len(codes), len(held)))
    for code, month, n, h in summed.iter_rows():
        counts[row_of[code], col_of[month]] = n
        harm[row_of[code], col_of[month]] = h
    return LsoaPanel(
        codes=codes,
        months=held,
        population=areas.get_column("population").fill_null(0).to_numpy().astype(float),
        imd_rank=areas.get_column("imd_rank").cast(pl.Float64).to_numpy(),
        counts=counts,
        harm=harm,
    )


def _counts_frame(store: Store, force: str, held: list[str]) -> pl.DataFrame:
    rows = store.named("lsoa_monthly_counts", force=force, from_month=held[0], to_month=held[-1]).rows
    schema = {
        "lsoa_code": pl.String,
        "population": pl.Int64,
        "imd_rank": pl.Int64,
        "month": pl.String,
        "crime_type": pl.String,
        "n": pl.Int64,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


@dataclass(frozen=True)
class DidEstimate:
    """A difference-in-differences estimate per 1,000 residents per month, its 95% interval and placebo."""

    measure: str
    unit: str
    treated_before: float
    treated_after: float
    comparison_before: float
    comparison_after: float
    estimate: float
    low: float
    high: float
    placebo: float | None = None
    placebo_low: float | None = None
    placebo_high: float | None = None

    @property
    def counterfactual(self) -> float:
        """What the treated areas' rate would have been after, had they changed like the comparison areas."""
        return self.treated_before + (self.comparison_after - self.comparison_before)

    @property
    def percent(self) -> float | None:
        return self.estimate / self.counterfactual * 100 if self.counterfactual > 0 else None

    @property
    def percent_low(self) -> float | None:
        return self.low / self.counterfactual * 100 if self.counterfactual > 0 else None

    @property
    def percent_high(self) -> float | None:
        return self.high / self.counterfactual * 100 if self.counterfactual > 0 else None

    @property
    def clear(self) -> bool:
        """The interval excludes zero."""
        return self.low > 0 or self.high < 0

    @property
    def placebo_warning(self) -> bool:
        return (
            self.placebo_low is not None
            and self.placebo_high is not None
            and (self.placebo_low > 0 or self.placebo_high < 0)
        )

    @property
    def words(self) -> str:
        """One plain sentence about what the estimate says."""
        size = f" (about {abs(self.percent):.0f}%)" if self.percent is not None else ""
        if self.high < 0:
            return f"{self.measure.capitalize()} fell more in the project's area than in similar areas{size}."
        if self.low > 0:
            return f"{self.measure.capitalize()} rose more in the project's area than in similar areas{size}."
        return (
            f"{self.measure.capitalize()} in the project's area changed no differently from similar areas "
            "that we can tell from chance."
        )


@dataclass(frozen=True)
class Impact:
    """The matched difference-in-differences for one area and period, for records and for harm."""

    treated: list[str]
    matches: list[Match]
    before: tuple[str, str]
    after: tuple[str, str]
    records: DidEstimate | None
    harm: DidEstimate | None
    replicates: int
    seed: int
    balance: list[Balance] = field(default_factory=list)
    refusal: str = ""
    caveats: tuple[str, ...] = field(default=CAVEATS)

    @property
    def largest_imbalance(self) -> float | None:
        """The largest absolute standardised mean difference after matching (None when not all matched)."""
        after = [abs(b.after) for b in self.balance if b.after is not None]
        return max(after) if after and len(after) == len(self.balance) else None

    @property
    def estimates(self) -> list[DidEstimate]:
        return [e for e in (self.records, self.harm) if e is not None]

    @property
    def comparison_lsoas(self) -> list[str]:
        return sorted({c for m in self.matches for c in m.comparisons})


def _unit_series(panel: LsoaPanel, values: Array, rows: list[int], matches: list[Match]) -> tuple[Array, Array]:
    monthly = rates(panel, values)
    treated = monthly[rows]
    comparison = np.vstack([monthly[panel.index(m.comparisons)].mean(axis=0) for m in matches])
    return treated, comparison


def _did(treated: Array, comparison: Array, weights: Array, before: Array, after: Array) -> float:
    change = treated[:, after].mean(axis=1) - treated[:, before].mean(axis=1)
    change -= comparison[:, after].mean(axis=1) - comparison[:, before].mean(axis=1)
    return float((change * weights).sum() / weights.sum())


def _interval(
    treated: Array,
    comparison: Array,
    weights: Array,
    before: list[int],
    after: list[int],
    rng: np.random.Generator,
    replicates: int,
) -> tuple[float, float]:
    n = len(weights)
    b, a = np.array(before), np.array(after)
    draws = np.empty(replicates)
    for r in range(replicates):
        units = rng.integers(0, n, n)
        draws[r] = _did(treated[units], comparison[units], weights[units], rng.choice(b, len(b)), rng.choice(a, len(a)))
    low, high = np.percentile(draws, [2.5, 97.5])
    return float(low), float(high)


def _estimate(
    measure: str,
    unit: str,
    series: tuple[Array, Array],
    weights: Array,
    before: list[int],
    after: list[int],
    rng: np.random.Generator,
    replicates: int,
) -> DidEstimate:
    treated, comparison = series

    def group(values: Array, months: list[int]) -> float:
        return float((values[:, months].mean(axis=1) * weights).sum() / weights.sum())

    estimate = _did(treated, comparison, weights, np.array(before), np.array(after))
    low, high = _interval(treated, comparison, weights, before, after, rng, replicates)
    placebo = placebo_low = placebo_high = None
    if len(before) >= 4:
        half = len(before) // 2
        early, late = before[:half], before[half:]
        placebo = _did(treated, comparison, weights, np.array(early), np.array(late))
        placebo_low, placebo_high = _interval(treated, comparison, weights, early, late, rng, replicates)
    return DidEstimate(
        measure,
        unit,
        group(treated, before),
        group(treated, after),
        group(comparison, before),
        group(comparison, after),
        estimate,
        low,
        high,
        placebo,
        placebo_low,
        placebo_high,
    )


def difference_in_differences(
    panel: LsoaPanel,
    treated: Sequence[str],
    before: tuple[str, str],
    after: tuple[str, str],
    *,
    k: int = 5,
    replicates: int = 999,
    seed: int = 20240401,
) -> Impact:
    """The matched difference-in-differences for the treated LSOAs, ``before`` and ``after`` as (first, last)."""
    if not treated:
        raise ValueError("name at least one LSOA the project served")
    if replicates < 99:
        raise ValueError("use at least 99 bootstrap replicates")
    b, a = panel.month_index(*before), panel.month_index(*after)
    if len(b) < 3 or not a:
        raise ValueError(
            f"need at least 3 months of police data before ({len(b)} held) and 1 after ({len(a)} held) the start"
        )
    if max(b) >= min(a):
        raise ValueError("the before period must end before the after period starts")
    codes = sorted(set(treated))
    rows = panel.index(codes)
    matches = match(panel, codes, b, k=k)
    nearest = matches if all(m.comparisons for m in matches) else match(panel, codes, b, k=k, caliper=math.inf)
    table = balance(panel, nearest, b)
    reason = refusal(panel, matches, table, b)
    if reason:
        return Impact(codes, matches, before, after, None, None, replicates, seed, table, reason)
    weights = panel.population[rows]
    rng = np.random.default_rng(seed)
    records = _estimate(
        "recorded crime", "records", _unit_series(panel, panel.counts, rows, matches), weights, b, a, rng, replicates
    )
    harm = _estimate(
        "crime harm", "CCHI days", _unit_series(panel, panel.harm, rows, matches), weights, b, a, rng, replicates
    )
    return Impact(codes, matches, before, after, records, harm, replicates, seed, table)

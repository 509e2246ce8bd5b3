"""Comparison areas a project can be judged against: matching with a caliper, and a balance check.

Each LSOA a project served is matched to the ``k`` nearest LSOAs it did not serve, by Euclidean
distance on standardised pre-period features (the mean monthly crime rate per 1,000 residents, its
linear trend, the IMD 2019 rank and the population), with replacement, but only within a
**caliper**: a comparison further than ``CALIPER`` standard deviations away is no comparison at all
(Stuart 2010, "Matching methods for causal inference", Statistical Science 25(1), §3.4; Austin 2011).
**Balance** is checked after matching by the standardised mean difference of each feature (served
minus matched comparison areas, in the force's standard deviations; Stuart 2010 §6.1): beyond
``MAX_IMBALANCE`` (0.25, Rubin 2001 and Stuart 2010) the groups are not comparable and no estimate
is given. Features are standardised over every LSOA of the force with a population figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]

#: The furthest a comparison LSOA may be, in standard deviations (Euclidean over the four features).
CALIPER = 1.0
#: The largest standardised mean difference after matching at which the groups count as comparable.
MAX_IMBALANCE = 0.25
FEATURES = ("crime rate before the project", "crime trend before the project", "deprivation (IMD rank)", "population")


class Panel(Protocol):
    """What matching needs of a panel of LSOAs × months (``impact.LsoaPanel``)."""

    @property
    def codes(self) -> list[str]: ...
    @property
    def population(self) -> Array: ...
    @property
    def imd_rank(self) -> Array: ...
    @property
    def counts(self) -> Array: ...

    def index(self, codes: Sequence[str]) -> list[int]: ...


@dataclass(frozen=True)
class Match:
    """A served LSOA and its most similar unserved LSOAs within the caliper (nearest first)."""

    treated: str
    comparisons: list[str]
    distances: list[float]


@dataclass(frozen=True)
class Balance:
    """One feature's standardised mean difference, served minus comparison, before and after matching."""

    feature: str
    before: float
    after: float | None

    @property
    def balanced(self) -> bool:
        return self.after is not None and abs(self.after) <= MAX_IMBALANCE


def rates(panel: Panel, values: Array) -> Array:
    population = np.where(panel.population > 0, panel.population, np.nan)
    found: Array = values * 1000.0 / population[:, None]
    return found


def features(panel: Panel, before: list[int]) -> Array:
    """The four pre-period features of every LSOA, standardised over the force (NaN without population)."""
    monthly = rates(panel, panel.counts)[:, before]
    mean = monthly.mean(axis=1)
    x = np.arange(len(before), dtype=float)
    slope = ((x - x.mean()) * (monthly - mean[:, None])).sum(axis=1) / max(float(((x - x.mean()) ** 2).sum()), 1.0)
    raw = np.column_stack([mean, slope, panel.imd_rank, panel.population])
    centre, spread = np.nanmean(raw, axis=0), np.nanstd(raw, axis=0)
    standardised: Array = (raw - centre) / np.where(spread > 0, spread, 1.0)
    return standardised


def match(
    panel: Panel, treated: Sequence[str], before: list[int], *, k: int = 5, caliper: float = CALIPER
) -> list[Match]:
    """The ``k`` nearest unserved LSOAs of each served LSOA within ``caliper`` (possibly none)."""
    if k < 1:
        raise ValueError("k must be at least 1")
    if caliper <= 0:
        raise ValueError("the caliper must be more than zero")
    rows = panel.index(treated)
    standardised = features(panel, before)
    usable: npt.NDArray[np.bool_] = np.asarray(~np.isnan(standardised).any(axis=1))
    served = set(rows)
    pool = np.array([i for i in range(len(panel.codes)) if usable[i] and i not in served])
    if len(pool) < k:
        raise ValueError(f"only {len(pool)} comparison LSOAs are available; at least {k} are needed")
    found = []
    for i in rows:
        if not usable[i]:
            raise ValueError(f"{panel.codes[i]} has no population figure, so its rate cannot be compared")
        distance = np.sqrt(((standardised[pool] - standardised[i]) ** 2).sum(axis=1))
        nearest = [j for j in np.argsort(distance, kind="stable")[:k] if distance[j] <= caliper]
        found.append(
            Match(panel.codes[i], [panel.codes[int(pool[j])] for j in nearest], [float(distance[j]) for j in nearest])
        )
    return found


def balance(panel: Panel, matches: Sequence[Match], before: list[int]) -> list[Balance]:
    """Standardised mean differences of each feature before matching (served vs all unserved) and after."""
    standardised = features(panel, before)
    rows = panel.index([m.treated for m in matches])
    served = set(rows)
    others = [i for i in range(len(panel.codes)) if i not in served and not np.isnan(standardised[i]).any()]
    unmatched = standardised[rows].mean(axis=0) - standardised[others].mean(axis=0)
    pairs = [(r, panel.index(m.comparisons)) for r, m in zip(rows, matches, strict=True) if m.comparisons]
    after = (
        np.mean([standardised[r] - standardised[c].mean(axis=0) for r, c in pairs], axis=0)
        if len(pairs) == len(rows)
        else None
    )
    return [
        Balance(name, float(unmatched[j]), None if after is None else float(after[j]))
        for j, name in enumerate(FEATURES)
    ]


def refusal(panel: Panel, matches: Sequence[Match], table: Sequence[Balance], before: list[int]) -> str:
    """Why no comparison can be made, in plain words, or ``""`` when the matched groups are comparable."""
    alone = [m.treated for m in matches if not m.comparisons]
    if alone:
        return (
            f"No comparable areas: {len(alone)} of the {len(matches)} neighbourhoods the project served "
            f"({', '.join(alone[:5])}) {_why_different(panel, alone, before)}: no neighbourhood elsewhere was "
            f"within {CALIPER:g} standard deviation of them before the project started. An estimate without them "
            "would be about other places, so none is given."
        )
    worst = max(table, key=lambda b: abs(b.after or 0.0))
    if not worst.balanced:
        return (
            f"No comparable areas: even the most similar neighbourhoods differ from the project's area in "
            f"{worst.feature} by {abs(worst.after or 0.0):.2f} standard deviations (more than {MAX_IMBALANCE:g}), so "
            "the comparison could not separate the project from that difference."
        )
    return ""


def _why_different(panel: Panel, codes: Sequence[str], before: list[int]) -> str:
    standardised = features(panel, before)
    rows = panel.index(codes)
    j = int(np.argmax(np.abs(standardised[rows]).mean(axis=0)))
    column = standardised[:, j]
    column = column[~np.isnan(column)]
    high = standardised[rows, j].mean() > 0
    beyond = (
        float(np.mean(column < standardised[rows, j].min()))
        if high
        else float(np.mean(column > standardised[rows, j].max()))
    )
    word = "higher" if high else "lower"
    if beyond >= 0.99:
        return f"had a {FEATURES[j]} {word} than almost every neighbourhood in the force"
    return f"had a {FEATURES[j]} {word} than {beyond:.0%} of the force's neighbourhoods"

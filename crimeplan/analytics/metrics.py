"""Accuracy of a hotspot forecast: hit rate, PAI, PEI and the best possible hit rate.

A forecast is a risk per grid cell; it is judged by the events of a period it
did not see, counted in the same cells. For a coverage ``f`` (a share of the
area) exactly ``k = floor(N × f)`` of the ``N`` cells are flagged: those with
the highest risk.

**Tie rule.** Cells with equal risk are ordered by a pseudo-random key drawn
once from ``numpy.random.default_rng(seed)`` (a permutation of the cell
indices), so the cut at ``k`` cells never favours one part of the map (as a
row-by-row order would) and the same inputs always give the same cells.

* hit rate ``h = n / N_events``: the share of the period's events in the flagged cells;
* PAI ``= h / (k / N)``: hit rate per share of area (Chainey, Tompson & Uhlig 2008);
* best hits ``n*``: the most events any ``k`` cells held (the ``k`` busiest cells in hindsight),
  best hit rate ``n* / N_events``;
* PEI ``= n / n*`` (Hunt 2016; Chainey et al.): how close the forecast came to the best possible.

Events outside the grid are not counted (the caller reports how many there were).
With no events in the period, hit rate, PAI and PEI are NaN: there is nothing to hit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from fractions import Fraction

import numpy as np
import numpy.typing as npt

COVERAGES: tuple[float, ...] = (0.01, 0.02, 0.05, 0.10, 0.20)


@dataclass(frozen=True)
class Score:
    """How a forecast did at one coverage."""

    coverage: float
    cells: int
    events: int
    hits: float
    hit_rate: float
    pai: float
    pei: float
    best_hits: float
    best_hit_rate: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def n_selected(n_cells: int, coverage: float) -> int:
    """``floor(n_cells × coverage)``, computed on the decimal value of ``coverage`` (0.29 × 100 is 29)."""
    if not 0 < coverage <= 1:
        raise ValueError(f"coverage must be a share of the area between 0 and 1, not {coverage}")
    k = math.floor(n_cells * Fraction(repr(float(coverage))))
    if k < 1:
        raise ValueError(f"a coverage of {coverage:g} of {n_cells} cells selects no cell; use a larger coverage")
    return k


def ranking(risk: npt.ArrayLike, seed: int = 0) -> npt.NDArray[np.int64]:
    """Cell indices from highest to lowest risk, ties in a fixed pseudo-random order (see the tie rule)."""
    values = np.asarray(risk, dtype=np.float64)
    if values.ndim != 1:
        raise ValueError("risk must be one value per cell")
    if not np.isfinite(values).all():
        raise ValueError("risk must be finite in every cell")
    key = np.random.default_rng(seed).permutation(len(values))
    return np.lexsort((key, -values)).astype(np.int64)


def top_cells(risk: npt.ArrayLike, coverage: float, seed: int = 0) -> npt.NDArray[np.int64]:
    """The ``floor(N × coverage)`` cells a forecast flags, highest risk first."""
    order = ranking(risk, seed)
    return order[: n_selected(len(order), coverage)]


def scores(
    risk: npt.ArrayLike, actual: npt.ArrayLike, coverages: Iterable[float] = COVERAGES, seed: int = 0
) -> list[Score]:
    """Hit rate, PAI, PEI and best hit rate of ``risk`` against ``actual`` counts per cell, per coverage."""
    counts = np.asarray(actual, dtype=np.float64)
    order = ranking(risk, seed)
    if len(counts) != len(order):
        raise ValueError(f"risk has {len(order)} cells but the counts have {len(counts)}")
    if (counts < 0).any():
        raise ValueError("counts of events cannot be negative")
    total = float(counts.sum())
    found = np.cumsum(counts[order])
    best = np.cumsum(np.sort(counts)[::-1])
    out = []
    for coverage in coverages:
        k = n_selected(len(order), coverage)
        hits, best_hits = float(found[k - 1]), float(best[k - 1])
        rate = hits / total if total else math.nan
        out.append(
            Score(
                coverage=float(coverage),
                cells=k,
                events=round(total),
                hits=hits,
                hit_rate=rate,
                pai=rate / (k / len(order)) if total else math.nan,
                pei=hits / best_hits if best_hits else math.nan,
                best_hits=best_hits,
                best_hit_rate=best_hits / total if total else math.nan,
            )
        )
    return out


def score(risk: npt.ArrayLike, actual: npt.ArrayLike, coverage: float, seed: int = 0) -> Score:
    """The :class:`Score` at one coverage."""
    return scores(risk, actual, [coverage], seed)[0]


def hit_rate(risk: npt.ArrayLike, actual: npt.ArrayLike, coverage: float, seed: int = 0) -> float:
    return score(risk, actual, coverage, seed).hit_rate


def pai(risk: npt.ArrayLike, actual: npt.ArrayLike, coverage: float, seed: int = 0) -> float:
    """Predictive Accuracy Index (Chainey, Tompson & Uhlig 2008)."""
    return score(risk, actual, coverage, seed).pai


def pei(risk: npt.ArrayLike, actual: npt.ArrayLike, coverage: float, seed: int = 0) -> float:
    """Predictive Efficiency Index: hits over the best possible hits with as many cells."""
    return score(risk, actual, coverage, seed).pei


def flagged_with_events(
    risk: npt.ArrayLike, actual: npt.ArrayLike, coverages: Iterable[float] = COVERAGES, seed: int = 0
) -> list[float]:
    """Per coverage, the share of flagged cells that had at least one event (NaN with no events at all).

    This is what a user of the map can read as "how often a flagged cell sees a crime next month".
    """
    counts = np.asarray(actual, dtype=np.float64)
    order = ranking(risk, seed)
    if len(counts) != len(order):
        raise ValueError(f"risk has {len(order)} cells but the counts have {len(counts)}")
    hit = np.cumsum(counts[order] > 0)
    total = counts.sum()
    out = []
    for coverage in coverages:
        k = n_selected(len(order), coverage)
        out.append(float(hit[k - 1]) / k if total else math.nan)
    return out

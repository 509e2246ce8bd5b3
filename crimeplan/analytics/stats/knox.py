"""The Knox test for near repeats, in month time bands, with Monte Carlo inference.

Knox (1964) counted pairs of events close in both space and time and asked
whether there are more than if the times were unrelated to the places. As in
Ratcliffe's Near Repeat Calculator (after Johnson et al. 2007), pairs are
tabulated by distance band and time band, and the observed table is compared
with tables from ``permutations`` random shuffles of the event times among the
events (which keeps every place and every month's count): the Knox ratio is
observed ÷ mean of the shuffles, and the p-value ``(shuffles with at least as
many pairs + 1) / (permutations + 1)`` per band.

**What month-level dates can and cannot show.** police.uk gives the month
only, so the shortest time band is "the same calendar month" and the next
"one month apart". The test can show that events near each other fall in the
same or adjacent months more often than chance. It cannot show the one-to-two
week burglary near-repeat window the literature finds (Townsley, Homel &
Chaseling 2003; Johnson et al. 2007): two events a day apart across a month
end count as one month apart, and two events 29 days apart in one month as
zero. police.uk also moves each location to an anonymous map point, so
distances below the spacing of those points (often 100-200 m in towns) are
coarse; the first band, 0 m, means "the same map point".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

MAX_PAIRS = 50_000_000


@dataclass(frozen=True, eq=False)
class KnoxResult:
    """Pairs by distance band (rows) and month band (columns), with inference.

    Attributes:
        distance_bands: upper edge of each distance band in metres; the first band holds pairs with
            distance up to its edge (0 m: the same map point), each next band ``(previous, edge]``.
        month_bands: months apart for each column (0 = the same month).
        observed: pairs in each band.
        expected: mean pairs per band over the shuffles.
        ratio: Knox ratio, observed ÷ expected (NaN where expected is 0).
        p_value: ``(shuffles >= observed + 1) / (permutations + 1)``: the chance of at least as many
            close pairs if times were unrelated to places.
        null_hypothesis: what the p-values test.
    """

    distance_bands: tuple[float, ...]
    month_bands: tuple[int, ...]
    observed: npt.NDArray[np.int64]
    expected: npt.NDArray[np.float64]
    ratio: npt.NDArray[np.float64]
    p_value: npt.NDArray[np.float64]
    permutations: int
    seed: int
    events: int
    pairs: int
    null_hypothesis: str = "event times are unrelated to event places (times shuffled among events)"
    citation: str = "Knox (1964); Johnson et al. (2007); Ratcliffe's Near Repeat Calculator"


def _band_index(distances: npt.NDArray[np.float64], edges: tuple[float, ...]) -> npt.NDArray[np.int64]:
    return np.searchsorted(np.asarray(edges), distances, side="left").astype(np.int64)


def knox(
    easting: npt.ArrayLike,
    northing: npt.ArrayLike,
    month: npt.ArrayLike,
    *,
    distance_bands: tuple[float, ...] = (0.0, 200.0, 400.0, 600.0, 800.0, 1000.0),
    max_months: int = 3,
    permutations: int = 999,
    seed: int = 0,
) -> KnoxResult:
    """Knox table of event pairs by distance and months apart; ``month`` is an integer month index."""
    x, y = np.asarray(easting, float), np.asarray(northing, float)
    m = np.asarray(month, dtype=np.int64)
    if not len(x) == len(y) == len(m) or len(x) < 2:
        raise ValueError("give two or more events, each with an easting, a northing and a month")
    edges = tuple(float(e) for e in distance_bands)
    if not edges or list(edges) != sorted(set(edges)) or edges[0] < 0:
        raise ValueError("distance_bands must be increasing upper edges in metres, starting at 0 or more")
    if max_months < 0 or permutations < 1:
        raise ValueError("max_months must be 0 or more and permutations 1 or more")
    from scipy.spatial import cKDTree

    tree = cKDTree(np.column_stack([x, y]))
    pairs = tree.query_pairs(edges[-1], output_type="ndarray")
    if len(pairs) > MAX_PAIRS:
        raise ValueError(f"{len(pairs):,} pairs are within {edges[-1]:g} m: use one crime type or smaller bands")
    i, j = pairs[:, 0], pairs[:, 1]
    band = _band_index(np.hypot(x[i] - x[j], y[i] - y[j]), edges)
    n_time = max_months + 1
    cells = len(edges) * n_time

    def table(times: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        lag = np.abs(times[i] - times[j])
        keep = lag <= max_months
        return np.bincount(band[keep] * n_time + lag[keep], minlength=cells)

    observed = table(m)
    rng = np.random.default_rng(seed)
    total = np.zeros(cells)
    at_least = np.zeros(cells)
    for _ in range(permutations):
        shuffled = table(m[rng.permutation(len(m))])
        total += shuffled
        at_least += shuffled >= observed
    expected = total / permutations
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(expected > 0, observed / expected, np.nan)
    shape = (len(edges), n_time)
    return KnoxResult(
        distance_bands=edges,
        month_bands=tuple(range(n_time)),
        observed=observed.reshape(shape),
        expected=expected.reshape(shape),
        ratio=ratio.reshape(shape),
        p_value=((at_least + 1) / (permutations + 1)).reshape(shape),
        permutations=permutations,
        seed=seed,
        events=len(m),
        pairs=len(pairs),
    )

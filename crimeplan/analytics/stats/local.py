"""Local spatial statistics over grid cells or areas: Getis-Ord Gi* and local Moran's I.

**Gi\\*** (Getis & Ord 1992; Ord & Getis 1995) is computed here, by vectorised
conditional permutation, because esda's own loop runs in Python per observation
without numba (2.7 s for 20,000 cells plus 2 s to import esda; see ADR 0004).
It follows ``esda.G_Local(y, w, star=True, transform="B")`` exactly: the same
statistic and analytical z-scores, and the same random draws for a given seed
(``numpy.random.RandomState(seed).choice`` per permutation), so the pseudo
p-values are esda's wherever no permuted value ties the observed one. Ties are
counted on both sides (esda's "directed" p-value counts a tie only as "larger",
which calls a cell with nothing around it in sparse data a significant cold
spot); a cell with no neighbours gets p = 1.

**Local Moran's I** (Anselin 1995) is computed here too, with row-standardised
weights: the statistic and quadrants equal ``esda.Moran_Local``'s, and its
pseudo p-values use the same tie rule as Gi* (esda's own count a permuted value
that ties the observed one as "below" whenever rounding puts it there, which
labels zero cells among zero neighbours "LL" at p = 0.001).

**Multiple testing.** Each cell is its own test: at α = 0.05 about one cell in
twenty is "significant" by chance alone, which on 100,000 cells is 5,000 cells.
``significant`` (and ``labels``) use α per cell, as esda and ArcGIS do by
default; ``significant_fdr`` controls the false discovery rate (Benjamini &
Hochberg 1995). With 999 permutations the smallest pseudo p-value is 0.001, so
on N cells FDR control can flag cells only if at least N × 0.001 / α of them
reach it (2,776 of Lancashire's 138,766 cells at α = 0.05): on large grids it
often flags none. crimeplan's pages give both counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from crimeplan.analytics.lazy import lazy_module

if TYPE_CHECKING:
    from scipy import sparse
else:
    sparse = lazy_module("scipy.sparse")

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class LocalStatistic:
    """A local statistic per cell or area, with its inference.

    Attributes:
        name: ``"Gi*"`` or ``"local Moran's I"``.
        statistic: the statistic per observation (Gi*: share of the total within the cell's
            neighbourhood including itself; Moran: ``I_i``).
        z: Gi*: analytical z-score under the randomisation null; Moran: z of ``I_i`` against its
            permutation distribution.
        p_sim: pseudo p-value from ``permutations`` conditional permutations, one-sided in the
            direction of the observation, ``(extreme + 1) / (permutations + 1)``.
        significant: ``p_sim <= alpha`` (no correction for multiple tests).
        significant_fdr: significant after Benjamini-Hochberg false-discovery-rate control at ``alpha``.
        labels: per observation: Gi* ``hot``/``cold``/``not significant``; Moran ``HH``, ``LL``,
            ``HL``, ``LH`` or ``not significant``, at ``alpha`` per cell (``significant``).
        null_hypothesis: what the p-values test.
        citation: where the statistic comes from.
    """

    name: str
    statistic: FloatArray
    z: FloatArray
    p_sim: FloatArray
    permutations: int
    seed: int
    alpha: float
    significant: BoolArray
    significant_fdr: BoolArray
    labels: npt.NDArray[np.str_]
    null_hypothesis: str
    citation: str
    summary: dict[str, int] = field(default_factory=dict)


def fdr(p_values: npt.ArrayLike, alpha: float = 0.05) -> BoolArray:
    """Benjamini-Hochberg: which p-values are significant with the false discovery rate at ``alpha``."""
    p = np.asarray(p_values, float)
    order = np.argsort(p, kind="stable")
    ranked = p[order]
    below = ranked <= alpha * np.arange(1, len(p) + 1) / len(p)
    out = np.zeros(len(p), dtype=bool)
    if below.any():
        out[order[: np.flatnonzero(below).max() + 1]] = True
    return out


def esda_draws(n: int, k: int, permutations: int, seed: int) -> npt.NDArray[np.int64]:
    """The random neighbour draws esda's conditional randomisation makes for ``seed`` (slow for large n)."""
    rng = np.random.RandomState(seed)
    out = np.empty((permutations, k), dtype=np.int64)
    for p in range(permutations):
        out[p] = rng.choice(n - 1, size=k, replace=False)
    return out


def fast_draws(n: int, k: int, permutations: int, seed: int) -> npt.NDArray[np.int64]:
    """``k`` distinct indices below ``n - 1`` per permutation, from ``numpy.random.default_rng(seed)``."""
    if k > n - 1:
        raise ValueError(f"cannot draw {k} distinct neighbours from {n - 1} other cells")
    rng = np.random.default_rng(seed)
    out = rng.integers(0, n - 1, size=(permutations, k))
    while True:
        ordered = np.sort(out, axis=1)
        repeated = (ordered[:, 1:] == ordered[:, :-1]).any(axis=1)
        if not repeated.any():
            return out
        out[repeated] = rng.integers(0, n - 1, size=(int(repeated.sum()), k))


def _binary(neighbours: sparse.sparray | sparse.spmatrix, n: int) -> sparse.csr_array:
    matrix = sparse.csr_array(neighbours, dtype=np.float64)
    if matrix.shape != (n, n):
        raise ValueError(f"the neighbours matrix is {matrix.shape}, not {n} × {n}")
    matrix.setdiag(0)
    matrix.eliminate_zeros()
    matrix.data[:] = 1.0
    matrix.sort_indices()
    return matrix


def _gi_moments(y: FloatArray, cardinality: FloatArray) -> tuple[FloatArray, FloatArray]:
    n = len(y)
    mean = y.sum() / n
    variance = (y**2).sum() / n - mean**2
    expected = cardinality / n
    var = cardinality * (n - cardinality) / (n - 1) / n**2 * variance / mean**2
    return expected, var


def _zero_ties(nonzero: BoolArray, draws: npt.NDArray[np.int64], degree: npt.NDArray[np.int64]) -> FloatArray:
    """For each cell, how many permutations draw only zero-valued neighbours.

    Cell ``i`` draws ``d`` from the other cells, i.e. cell ``d`` if ``d < i`` else ``d + 1``, so for one
    permutation the draws are all zero exactly for ``a < i <= b`` with ``a`` the largest ``d`` whose
    ``d + 1`` is non-zero and ``b`` the smallest ``d`` that is non-zero: one interval per permutation and
    neighbourhood size, counted with a difference array.
    """
    n = len(nonzero)
    padded = np.append(nonzero, False)
    out = np.zeros(n)
    for size in np.unique(degree[degree > 0]):
        d = draws[:, :size]
        a = np.where(padded[d + 1], d, -1).max(axis=1)
        b = np.where(padded[d], d, n).min(axis=1)
        steps = np.zeros(n + 2)
        ok = b > a
        np.add.at(steps, a[ok] + 1, 1)
        np.add.at(steps, np.minimum(b[ok], n - 1) + 1, -1)
        counts = np.cumsum(steps)[:n]
        chosen = degree == size
        out[chosen] = counts[chosen]
    return out


def _gi_p_sim(y: FloatArray, matrix: sparse.csr_array, draws: npt.NDArray[np.int64]) -> FloatArray:
    """Pseudo p-values by conditional permutation, comparing neighbourhood sums (exact for counts).

    Cells whose neighbourhood is all zero are settled without simulation: every permuted sum is at
    least 0, and it ties 0 in the permutations counted by :func:`_zero_ties`.
    """
    n, permutations = len(y), len(draws)
    degree = np.diff(matrix.indptr)
    observed = matrix @ y + y
    high = np.full(n, float(permutations))
    low = _zero_ties(y != 0, draws, degree)
    busy = np.flatnonzero(observed != 0)
    k = draws.shape[1]
    columns = np.arange(k)
    chunk = max(1, 4_000_000 // (permutations * max(k, 1)))
    for start in range(0, len(busy), chunk):
        i = busy[start : start + chunk]
        shifted = draws[None, :, :] + (draws[None, :, :] >= i[:, None, None])
        use = (columns[None, :] < degree[i][:, None]).astype(np.float64)
        sims = np.einsum("bpk,bk->bp", y[shifted], use) + y[i][:, None]
        high[i] = (sims >= observed[i][:, None]).sum(axis=1)
        low[i] = (sims <= observed[i][:, None]).sum(axis=1)
    p = (np.minimum(high, low) + 1) / (permutations + 1)
    p[degree == 0] = 1.0
    return np.asarray(np.minimum(p, 1.0), dtype=np.float64)


def gi_star(
    values: npt.ArrayLike,
    neighbours: sparse.sparray | sparse.spmatrix,
    *,
    permutations: int = 999,
    seed: int = 0,
    alpha: float = 0.05,
    draws: str = "fast",
) -> LocalStatistic:
    """Getis-Ord Gi* of ``values`` with binary ``neighbours`` (the cell itself is added), as esda computes it.

    ``draws="esda"`` makes esda's own random draws, so ``p_sim`` equals esda's for the same ``seed``
    (where no permuted sum ties the observed one); the default ``"fast"`` draws from numpy's
    ``Generator`` with the same distribution, much faster on large grids.
    """
    if draws not in ("fast", "esda"):
        raise ValueError(f"draws must be 'fast' or 'esda', not {draws!r}")
    y = np.asarray(values, dtype=np.float64)
    if y.ndim != 1 or len(y) < 3:
        raise ValueError("Gi* needs one value for each of three or more cells")
    if not y.sum() > 0 or (y < 0).any():
        raise ValueError("Gi* needs non-negative values that are not all zero (counts or rates)")
    if permutations < 1:
        raise ValueError(f"permutations must be 1 or more, not {permutations}")
    matrix = _binary(neighbours, len(y))
    observed = (matrix @ y + y) / y.sum()
    cardinality = np.diff(matrix.indptr).astype(np.float64) + 1
    expected, var = _gi_moments(y, cardinality)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(var > 0, (observed - expected) / np.sqrt(var), 0.0)
    k = max(int(np.diff(matrix.indptr).max()), 1)
    drawn = (esda_draws if draws == "esda" else fast_draws)(len(y), k, permutations, seed)
    p_sim = _gi_p_sim(y, matrix, drawn)
    significant = p_sim <= alpha
    significant_fdr = fdr(p_sim, alpha)
    labels = np.where(significant, np.where(z > 0, "hot", "cold"), "not significant")
    return LocalStatistic(
        name="Gi*",
        statistic=observed,
        z=z,
        p_sim=p_sim,
        permutations=permutations,
        seed=seed,
        alpha=alpha,
        significant=significant,
        significant_fdr=significant_fdr,
        labels=labels,
        null_hypothesis="the values are spread over the cells at random (conditional randomisation)",
        citation="Getis & Ord (1992); Ord & Getis (1995); computed as esda.G_Local(star=True, transform='B')",
        summary={label: int((labels == label).sum()) for label in ("hot", "cold", "not significant")}
        | {"significant_fdr": int(significant_fdr.sum())},
    )


def local_moran(
    values: npt.ArrayLike,
    neighbours: sparse.sparray | sparse.spmatrix,
    *,
    permutations: int = 999,
    seed: int = 0,
    alpha: float = 0.05,
    draws: str = "fast",
) -> LocalStatistic:
    """Local Moran's I (Anselin 1995) with row-standardised ``neighbours``, as ``esda.Moran_Local`` computes it.

    ``statistic`` equals esda's ``Is`` and the quadrant labels its ``q``. The pseudo p-values come from
    the same conditional randomisation, compared on the neighbourhood sums of the values (exact for
    counts), with ties counted on both sides as in :func:`gi_star`, and two-sided (twice esda's
    ``p_sim``, at most 1), so that about ``alpha`` of the cells are significant when there is no
    structure at all. esda compares permuted ``I`` values computed in floating point, so a permuted
    value tied with the observed one can fall a rounding error below it and a zero cell among zero
    neighbours gets p = 0.001 and the label "LL". Here a cell whose value equals the mean (``I`` = 0
    whatever its neighbours) or that has no neighbours gets p = 1. ``z`` is the
    standardised neighbourhood sum under sampling without replacement from the other cells (the
    permutation distribution's exact mean and variance), signed like ``I``.
    """
    if draws not in ("fast", "esda"):
        raise ValueError(f"draws must be 'fast' or 'esda', not {draws!r}")
    y = np.asarray(values, dtype=np.float64)
    if y.ndim != 1 or len(y) < 3 or not np.ptp(y) > 0:
        raise ValueError("local Moran's I needs three or more values that are not all equal")
    if permutations < 1:
        raise ValueError(f"permutations must be 1 or more, not {permutations}")
    n = len(y)
    matrix = _binary(neighbours, n)
    degree = np.diff(matrix.indptr)
    z_values = (y - y.mean()) / y.std()
    with np.errstate(divide="ignore", invalid="ignore"):
        lag = np.where(degree > 0, (matrix @ z_values) / np.maximum(degree, 1), 0.0)
    statistic = (n - 1) * z_values * lag / (z_values**2).sum()
    k = max(int(degree.max()), 1)
    drawn = (esda_draws if draws == "esda" else fast_draws)(n, k, permutations, seed)
    p_sim = np.minimum(2 * _gi_p_sim(y, matrix, drawn), 1.0)
    p_sim[y == y.mean()] = 1.0
    z = _moran_z(y, matrix, degree, z_values)
    significant = p_sim <= alpha
    significant_fdr = fdr(p_sim, alpha)
    high, lag_high = z_values > 0, lag > 0
    quadrants = np.where(high, np.where(lag_high, "HH", "HL"), np.where(lag_high, "LH", "LL"))
    labels = np.where(significant, quadrants, "not significant")
    return LocalStatistic(
        name="local Moran's I",
        statistic=statistic,
        z=z,
        p_sim=p_sim,
        permutations=permutations,
        seed=seed,
        alpha=alpha,
        significant=significant,
        significant_fdr=significant_fdr,
        labels=labels,
        null_hypothesis="each value is unrelated to its neighbours' values (conditional randomisation)",
        citation="Anselin (1995); statistic and quadrants as esda.Moran_Local, ties counted on both sides",
        summary={label: int((labels == label).sum()) for label in ("HH", "LL", "HL", "LH", "not significant")}
        | {"significant_fdr": int(significant_fdr.sum())},
    )


def _moran_z(
    y: FloatArray, matrix: sparse.csr_array, degree: npt.NDArray[np.int64], z_values: FloatArray
) -> FloatArray:
    """z of each neighbourhood sum against drawing ``degree`` of the other cells without replacement."""
    n = len(y)
    others_mean = (y.sum() - y) / (n - 1)
    others_var = ((y**2).sum() - y**2) / (n - 1) - others_mean**2
    k = degree.astype(np.float64)
    expected = k * others_mean
    variance = k * others_var * (n - 1 - k) / np.maximum(n - 2, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.where(variance > 0, (matrix @ y - expected) / np.sqrt(variance), 0.0)
    return np.asarray(np.sign(z_values) * z, dtype=np.float64)

"""Disruption simulation: which nominals, if removed, would most break the network apart.

Strategies remove ``k`` nodes, one at a time, and after each removal report two figures against the
intact network:

- ``lcc_share``: the largest connected component's size as a share of the original node count
  (the measure used by Cavallaro et al. 2020 for the Montagna networks);
- ``weight_share``: the share of the original link weight (meetings, calls) still inside the largest
  connected component — weighted connectivity, which falls faster when busy links are cut.

Strategies: the top nodes by ``degree``, ``betweenness`` or ``eigenvector`` centrality of the intact
network; ``key_players``, a greedy search (after Borgatti 2006, "Identifying sets of key players in
a social network") that at each step removes the node whose loss most reduces ``lcc_share`` (ties:
``weight_share``, then betweenness); and ``random``, the mean of seeded random removals, the baseline
every other strategy has to beat. The output is a suggestion with its reasons, for a human to judge.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from crimeplan.analytics.network.graph import Network
from crimeplan.analytics.network.metrics import betweenness, eigenvector

STRATEGIES = ("degree", "betweenness", "eigenvector", "key_players", "random")
#: Above this many nodes the greedy search considers only the top candidates by betweenness.
GREEDY_CANDIDATES = 60


@dataclass(frozen=True)
class Step:
    removed: str
    lcc_share: float
    weight_share: float


@dataclass(frozen=True)
class Simulation:
    strategy: str
    steps: tuple[Step, ...]
    reason: str

    @property
    def removed(self) -> tuple[str, ...]:
        return tuple(s.removed for s in self.steps)

    def final(self) -> Step | None:
        return self.steps[-1] if self.steps else None


def fragmentation(network: Network, removed: set[int]) -> tuple[float, float]:
    """``(lcc_share, weight_share)`` after removing the node indexes in ``removed``."""
    n, total = network.size, network.total_weight()
    if n == 0:
        return 0.0, 0.0
    parent = list(range(n))

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j, _ in network.edges:
        if i not in removed and j not in removed:
            parent[root(i)] = root(j)
    sizes: dict[int, int] = {}
    for i in range(n):
        if i not in removed:
            sizes[root(i)] = sizes.get(root(i), 0) + 1
    if not sizes:
        return 0.0, 0.0
    largest = max(sizes, key=lambda r: sizes[r])
    weight = sum(w for i, j, w in network.edges if i not in removed and j not in removed and root(i) == largest)
    return sizes[largest] / n, (weight / total if total else 0.0)


def _replay(network: Network, order: Sequence[int], strategy: str, reason: str) -> Simulation:
    removed: set[int] = set()
    steps = []
    for index in order:
        removed.add(index)
        lcc, weight = fragmentation(network, removed)
        steps.append(Step(network.nodes[index], lcc, weight))
    return Simulation(strategy, tuple(steps), reason)


def _ranked(values: Sequence[float], k: int) -> list[int]:
    return sorted(range(len(values)), key=lambda i: (-values[i], i))[:k]


def _key_players(network: Network, k: int, between: Sequence[float]) -> list[int]:
    candidates = _ranked(between, GREEDY_CANDIDATES) if network.size > GREEDY_CANDIDATES else list(range(network.size))
    chosen: list[int] = []
    for _ in range(min(k, network.size)):
        best = min(
            (c for c in candidates if c not in chosen),
            key=lambda c: (*fragmentation(network, {*chosen, c}), -between[c], c),
        )
        chosen.append(best)
    return chosen


def _random(network: Network, k: int, runs: int, seed: int) -> Simulation:
    rng = random.Random(seed)  # noqa: S311 - a seeded, repeatable baseline, not a secret
    totals = [[0.0, 0.0] for _ in range(k)]
    for _ in range(runs):
        order = rng.sample(range(network.size), k)
        for step, sim in enumerate(_replay(network, order, "random", "").steps):
            totals[step][0] += sim.lcc_share
            totals[step][1] += sim.weight_share
    steps = tuple(Step(f"random #{s + 1}", lcc / runs, w / runs) for s, (lcc, w) in enumerate(totals))
    reason = f"mean of {runs} random removals (seed {seed}): the baseline"
    return Simulation("random", steps, reason)


def simulate(network: Network, *, k: int = 5, runs: int = 100, seed: int = 1) -> list[Simulation]:
    """Remove ``k`` nodes by each strategy; one :class:`Simulation` per strategy, in :data:`STRATEGIES` order."""
    k = min(k, network.size)
    between = [float(v) for v in betweenness(network)]
    eigen = [float(v) for v in eigenvector(network)]
    degree = [0.0] * network.size
    for i, j, _ in network.edges:
        degree[i] += 1
        degree[j] += 1
    return [
        _replay(network, _ranked(degree, k), "degree", "most direct contacts"),
        _replay(network, _ranked(between, k), "betweenness", "most often on the shortest path between others"),
        _replay(network, _ranked(eigen, k), "eigenvector", "connected to the best-connected"),
        _replay(network, _key_players(network, k, between), "key_players", "greedy: each removal breaks the most"),
        _random(network, k, runs, seed),
    ]

"""Benchmark: sampled (k-source) betweenness against exact, and against networkx, on the same graphs.

Exact betweenness is O(nodes × links): for 10,000 nominals and 100,000 links it costs about 72 CPU-seconds
with igraph, so ``crimeplan ocg network metrics NAME --sample K`` estimates it from K source nodes drawn and
scaled as networkx's ``betweenness_centrality(G, k=K, seed=...)`` does (the figures are equal to networkx's
for the same seed). Two parts, each timed in wall-clock and CPU seconds (the machine is shared, so CPU
seconds are the steadier figure):

1. **Timing**, on the generated graphs of ``bench/network.py``: the 2,000 / 20,000 graph exact and sampled
   (crimeplan and networkx sampled, same sources), and the 10,000 / 100,000 graph sampled (crimeplan and
   networkx) and, with ``--exact``, exact with crimeplan (networkx exact at that size takes hours).
2. **Error against exact** on the shared research networks (Montagna meetings and phone calls, Caviar
   phases 1–11): the largest and mean absolute difference from exact normalised betweenness, and how many of
   the exact top five are in the sampled top five, for K = 10, 25 and 50 sources, averaged over 5 seeds.

Run with ``python -m bench.network_sampled [--exact]``.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

from bench._common import shared_or_exit
from bench.network import FULL, SMALL, generated
from crimeplan.analytics.network import Network
from crimeplan.analytics.network.files import read_adjacency, read_edges
from crimeplan.analytics.network.metrics import betweenness

SAMPLES = (100, 200)
ERROR_SAMPLES = (10, 25, 50)
SEEDS = (1, 2, 3, 4, 5)


def clocked(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """Wall-clock and CPU seconds of one run, and its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def timing(exact_full: bool) -> list[tuple[str, str, float, float, float | None, float | None]]:
    import networkx as nx

    rows: list[tuple[str, str, float, float, float | None, float | None]] = []
    for label, size, exact in (("2k/20k", SMALL, True), ("10k/100k", FULL, exact_full)):
        network = generated(*size)
        graph = network.to_networkx()
        if exact:
            wall, cpu, _ = clocked(partial(betweenness, network))
            rows.append((label, "exact", wall, cpu, None, None))
        for k in SAMPLES:
            wall, cpu, ours = clocked(partial(betweenness, network, sample=k, seed=1))
            their_wall, their_cpu, theirs = clocked(partial(nx.betweenness_centrality, graph, k=k, seed=1))
            worst = max(abs(float(ours[i]) - theirs[node]) for i, node in enumerate(network.nodes))
            method = f"sampled k={k} (differs from networkx by {worst:.0e})"
            rows.append((label, method, wall, cpu, their_wall, their_cpu))
    return rows


def shared_networks() -> dict[str, Network]:
    folder = shared_or_exit() / "networks"
    found = {
        "Montagna meetings": read_edges(folder / "montagna" / "Montagna_meetings_edgelist.csv"),
        "Montagna phone calls": read_edges(folder / "montagna" / "Montagna_phonecalls_edgelist.csv"),
    }
    for phase in range(1, 12):
        found[f"Caviar phase {phase}"] = read_adjacency(folder / "caviar" / f"phase{phase}.csv")
    return found


def error(network: Network, k: int) -> tuple[float, float, float]:
    """Largest and mean absolute error, and exact top-5 found in the sampled top 5, averaged over seeds."""
    exact = betweenness(network)
    top = set(np.argsort(-exact, kind="stable")[:5])
    worst, mean, kept = [], [], []
    for seed in SEEDS:
        estimate = betweenness(network, sample=k, seed=seed)
        difference = np.abs(estimate - exact)
        worst.append(float(difference.max()))
        mean.append(float(difference.mean()))
        kept.append(len(top & set(np.argsort(-estimate, kind="stable")[:5])))
    return float(np.mean(worst)), float(np.mean(mean)), float(np.mean(kept))


def main() -> None:
    console = Console(width=160)
    out = Table(title="Betweenness: exact and sampled (generated graphs)", title_justify="left")
    for column in ("graph", "method", "crimeplan wall s", "crimeplan CPU s", "networkx wall s", "networkx CPU s"):
        out.add_column(column, justify="left" if column in ("graph", "method") else "right")
    for label, method, wall, cpu, their_wall, their_cpu in timing("--exact" in sys.argv):
        out.add_row(
            label,
            method,
            f"{wall:.2f}",
            f"{cpu:.2f}",
            "—" if their_wall is None else f"{their_wall:.2f}",
            "—" if their_cpu is None else f"{their_cpu:.2f}",
        )
    console.print(out)
    errors = Table(title="Sampled against exact betweenness (shared research networks, 5 seeds)", title_justify="left")
    for column in ("network", "nodes", *(f"k={k}: max / mean error, top-5 kept" for k in ERROR_SAMPLES)):
        errors.add_column(column, justify="left" if column == "network" else "right")
    for name, network in shared_networks().items():
        cells = []
        for k in ERROR_SAMPLES:
            if k >= network.size:
                cells.append("exact (k ≥ n)")
                continue
            worst, mean, kept = error(network, k)
            cells.append(f"{worst:.3f} / {mean:.4f}, {kept:.1f}")
        errors.add_row(name, str(network.size), *cells)
    console.print(errors)


if __name__ == "__main__":
    main()

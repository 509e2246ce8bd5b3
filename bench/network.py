"""Benchmark: network measures for 10,000 nominals and 100,000 links, against networkx.

The graph is **generated** (seeded): 400 groups of 25 nominals, four links in five inside a group and
the rest between groups, weights 1–10 — the shape of a force-wide register, not anyone's data. What is
timed, each on the same graph:

1. crimeplan's ``node_metrics`` split into its parts (degree, eigenvector, k-core and components,
   betweenness, communities) — igraph underneath, figures reported as networkx defines them;
2. networkx's ``degree_centrality``, ``eigenvector_centrality`` and ``core_number`` on the full graph;
3. networkx's exact ``betweenness_centrality`` is O(nodes × links) in pure Python and takes many minutes
   at this size, so it is timed on a smaller generated graph of the same shape (2,000 nominals,
   20,000 links) beside igraph's on that graph, and the two are checked equal.

Run with ``make bench`` or ``python -m bench.network``.
"""

from __future__ import annotations

import random
from collections.abc import Callable

from rich.console import Console
from rich.table import Table

from bench._common import timed
from crimeplan.analytics.network import Link, Network, build_network
from crimeplan.analytics.network.metrics import betweenness, communities, eigenvector

SMALL = (2_000, 20_000)
FULL = (10_000, 100_000)
GROUP_SIZE = 25


def generated(nodes: int, links: int, seed: int = 1) -> Network:
    rng = random.Random(seed)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < links:
        a = rng.randrange(nodes)
        if rng.random() < 0.8:
            base = a - a % GROUP_SIZE
            b = base + rng.randrange(min(GROUP_SIZE, nodes - base))
        else:
            b = rng.randrange(nodes)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    return build_network(Link(f"n{a}", f"n{b}", rng.randint(1, 10)) for a, b in sorted(pairs))


def structure(network: Network) -> None:
    graph = network.to_igraph()
    graph.degree()
    graph.coreness()
    graph.connected_components()
    graph.bridges()
    graph.articulation_points()


def main() -> None:
    import networkx as nx

    console = Console()
    full, small = generated(*FULL), generated(*SMALL)
    graph = full.to_networkx()
    rows: list[tuple[str, float, float | None]] = []
    parts: dict[str, tuple[Callable[[], object], Callable[[], object] | None]] = {
        "degree, k-core, components, bridges, cut points": (lambda: structure(full), lambda: nx.core_number(graph)),
        "eigenvector": (lambda: eigenvector(full), lambda: nx.eigenvector_centrality(graph)),
        "communities (Leiden)": (lambda: communities(full), None),
        "betweenness": (lambda: betweenness(full), None),
    }
    total = 0.0
    for label, (ours, baseline) in parts.items():
        seconds, _ = timed(ours, repeat=1)
        total += seconds
        rows.append((f"{label} — 10k/100k", seconds, timed(baseline, repeat=1)[0] if baseline else None))
    rows.append(("all measures — 10k/100k", total, None))
    nx_small = small.to_networkx()
    ours_s, values = timed(lambda: betweenness(small), repeat=1)
    theirs_s, expected = timed(lambda: nx.betweenness_centrality(nx_small), repeat=1)
    worst = max(abs(float(values[i]) - expected[label]) for i, label in enumerate(small.nodes))
    rows.append((f"betweenness — 2k/20k (largest difference {worst:.1e})", ours_s, theirs_s))
    out = Table(title="Network measures (generated graph)", title_justify="left")
    for column in ("measure — nodes/links", "crimeplan (s)", "networkx (s)"):
        out.add_column(column, justify="left" if column.startswith("measure") else "right")
    for label, ours_seconds, their_seconds in rows:
        out.add_row(label, f"{ours_seconds:.2f}", "—" if their_seconds is None else f"{their_seconds:.2f}")
    console.print(out)
    console.print("Target: all measures for 10,000 nominals and 100,000 links in under 2 s.")


if __name__ == "__main__":
    main()

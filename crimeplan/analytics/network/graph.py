"""A weighted, undirected network of nominals (or groups) built from links.

Links between the same two nodes are summed into one edge whose weight is the total (meetings,
calls, contacts); a directed source (A called B, B called A) becomes one undirected edge with the
sum of both directions, because who is connected to whom, not who initiated, is what disruption
analysis asks. Links from a node to itself are dropped. A period keeps the links that overlap it,
so one register can be analysed phase by phase.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import igraph
    import networkx


@dataclass(frozen=True)
class Link:
    """One recorded link between two nodes, with its weight and, when known, the period it covers."""

    source: str
    target: str
    weight: float = 1.0
    start: date | None = None
    end: date | None = None

    def overlaps(self, since: date | None, until: date | None) -> bool:
        """True when the link's period meets ``since``–``until`` (open ends meet everything)."""
        if since is not None and self.end is not None and self.end < since:
            return False
        return not (until is not None and self.start is not None and self.start > until)


@dataclass(frozen=True)
class Network:
    """Node labels, and undirected edges as ``(i, j, weight)`` with ``i < j`` indexing ``nodes``."""

    nodes: tuple[str, ...]
    edges: tuple[tuple[int, int, float], ...]
    name: str = ""
    attributes: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.nodes)

    def index(self) -> dict[str, int]:
        return {label: i for i, label in enumerate(self.nodes)}

    def total_weight(self) -> float:
        return float(sum(w for _, _, w in self.edges))

    def labelled_edges(self) -> list[tuple[str, str, float]]:
        return [(self.nodes[i], self.nodes[j], w) for i, j, w in self.edges]

    def to_igraph(self) -> igraph.Graph:
        """The igraph graph (vertex attribute ``name``, edge attribute ``weight``)."""
        import igraph

        graph = igraph.Graph(n=self.size, edges=[(i, j) for i, j, _ in self.edges], directed=False)
        graph.vs["name"] = list(self.nodes)
        graph.es["weight"] = [w for _, _, w in self.edges]
        return graph

    def to_networkx(self) -> networkx.Graph[Any]:
        import networkx

        graph: networkx.Graph[Any] = networkx.Graph()
        graph.add_nodes_from(self.nodes)
        graph.add_weighted_edges_from(self.labelled_edges())
        return graph

    def without(self, removed: Iterable[str]) -> Network:
        """The network with the given nodes and their edges taken out."""
        gone = set(removed)
        kept = [label for label in self.nodes if label not in gone]
        return build_network(
            (Link(a, b, w) for a, b, w in self.labelled_edges() if a not in gone and b not in gone),
            nodes=kept,
            name=self.name,
        )


def build_network(
    links: Iterable[Link],
    *,
    nodes: Sequence[str] = (),
    since: date | None = None,
    until: date | None = None,
    name: str = "",
) -> Network:
    """Sum the links (within ``since``–``until`` when given) into a network; ``nodes`` adds isolates first."""
    index: dict[str, int] = {}
    for label in nodes:
        index.setdefault(str(label), len(index))
    weights: dict[tuple[int, int], float] = {}
    for link in links:
        if not link.overlaps(since, until):
            continue
        a = index.setdefault(str(link.source), len(index))
        b = index.setdefault(str(link.target), len(index))
        if a == b:
            continue
        key = (a, b) if a < b else (b, a)
        weights[key] = weights.get(key, 0.0) + float(link.weight)
    edges = tuple((a, b, w) for (a, b), w in sorted(weights.items()))
    return Network(nodes=tuple(index), edges=edges, name=name)

"""Centrality and structure of a network, computed with igraph, reported as networkx defines them.

Definitions (all on the undirected, **unweighted** graph unless the name says weighted):

- ``degree``: number of neighbours; ``degree_centrality`` = degree / (n − 1) (networkx ``degree_centrality``).
- ``strength``: the sum of link weights (contacts) at the node.
- ``betweenness``: share of shortest paths between other pairs passing through the node, normalised
  by (n − 1)(n − 2) / 2 pairs, as networkx ``betweenness_centrality(normalized=True)`` computes it on an
  undirected graph (igraph counts each pair once, so its raw value is multiplied by 2 / ((n − 1)(n − 2))).
- ``eigenvector``: networkx ``eigenvector_centrality``: power iteration on A + I from a uniform start,
  scaled to unit Euclidean norm, stopping when the summed change is below n × 1e-6. igraph scales the
  largest value to 1 instead; the iteration is repeated here with a sparse matrix so the figures are
  networkx's. On a disconnected graph the smaller components tend to 0 as the iteration proceeds.
- ``core``: k-core number (largest k such that the node is in a subgraph where every node has degree ≥ k).
- ``component``: 1 for the largest connected component, 2 for the next, and so on.
- ``community``: Leiden (modularity, weighted) or Louvain communities, seeded so results repeat.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass

import numpy as np
import numpy.typing as npt

from crimeplan.analytics.network.graph import Network

EIGEN_TOLERANCE = 1e-6
EIGEN_MAX_ITER = 1000
COMMUNITY_METHODS = ("leiden", "louvain")


@dataclass(frozen=True)
class NodeMetrics:
    node: str
    degree: int
    degree_centrality: float
    strength: float
    betweenness: float
    eigenvector: float
    core: int
    component: int
    community: int
    articulation_point: bool

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


@dataclass(frozen=True)
class NetworkSummary:
    nodes: int
    edges: int
    total_weight: float
    density: float
    components: int
    largest_component: int
    bridges: tuple[tuple[str, str], ...]
    articulation_points: tuple[str, ...]
    communities: int
    modularity: float


def _adjacency(network: Network) -> object:
    from scipy.sparse import csr_matrix

    n = network.size
    if not network.edges:
        return csr_matrix((n, n))
    edges = np.asarray([(i, j) for i, j, _ in network.edges], dtype=np.int64)
    rows = np.concatenate([edges[:, 0], edges[:, 1]])
    cols = np.concatenate([edges[:, 1], edges[:, 0]])
    return csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))


def eigenvector(network: Network) -> npt.NDArray[np.float64]:
    """networkx's eigenvector centrality (unit Euclidean norm), by the same power iteration."""
    n = network.size
    if n == 0:
        return np.zeros(0)
    matrix = _adjacency(network)
    x = np.full(n, 1.0 / n)
    for _ in range(EIGEN_MAX_ITER):
        last = x
        x = last + matrix @ last
        norm = float(np.sqrt(np.sum(x * x))) or 1.0
        x = x / norm
        if float(np.sum(np.abs(x - last))) < n * EIGEN_TOLERANCE:
            return np.asarray(x, dtype=np.float64)
    raise ArithmeticError(f"eigenvector centrality did not converge in {EIGEN_MAX_ITER} iterations")


def betweenness(network: Network, *, sample: int | None = None, seed: int = 1) -> npt.NDArray[np.float64]:
    """Normalised betweenness as networkx computes it for an undirected, unweighted graph.

    Exact by default. With ``sample`` = k (< n), an estimate from k source nodes drawn as networkx draws
    them (``random.Random(seed).sample(nodes, k)``), scaled as networkx 3.6 scales it (sources by
    1 / ((k − 1)(n − 2)), other nodes by 1 / (k(n − 2))), so it equals
    ``networkx.betweenness_centrality(G, k=k, seed=seed)``. The cost falls from n to k shortest-path trees.
    """
    n = network.size
    if sample is not None and not sample > 1:
        raise ValueError(f"sample must be at least 2 source nodes, not {sample}")
    if n <= 2:
        return np.zeros(n)
    graph = network.to_igraph()
    if sample is None or sample >= n:
        raw = np.asarray(graph.betweenness(directed=False), dtype=np.float64)
        return raw * (2.0 / ((n - 1) * (n - 2)))
    sources = sorted(network.index()[label] for label in random.Random(seed).sample(list(network.nodes), sample))  # noqa: S311
    partial = np.asarray(graph.betweenness(directed=False, sources=sources, targets=range(n)), dtype=np.float64)
    scale = np.full(n, 2.0 / (sample * (n - 2)))
    scale[sources] = 2.0 / ((sample - 1) * (n - 2))
    return np.asarray(partial * scale, dtype=np.float64)


def _components(graph: object) -> list[int]:
    """Component number per node: 1 = largest (ties: the one holding the earliest node)."""
    membership: list[int] = graph.connected_components().membership  # type: ignore[attr-defined]
    sizes: dict[int, int] = {}
    first: dict[int, int] = {}
    for position, member in enumerate(membership):
        sizes[member] = sizes.get(member, 0) + 1
        first.setdefault(member, position)
    order = sorted(sizes, key=lambda m: (-sizes[m], first[m]))
    rank = {member: number for number, member in enumerate(order, start=1)}
    return [rank[m] for m in membership]


def communities(network: Network, *, method: str = "leiden", seed: int = 1) -> tuple[list[int], float]:
    """Community per node (numbered from 1, largest first) and the weighted modularity of the partition."""
    import igraph

    if method not in COMMUNITY_METHODS:
        raise ValueError(f"unknown community method {method!r}; choose one of {', '.join(COMMUNITY_METHODS)}")
    graph = network.to_igraph()
    if network.size == 0:
        return [], 0.0
    weights = graph.es["weight"] if network.edges else None
    igraph.set_random_number_generator(random.Random(seed))  # noqa: S311 - repeatable communities
    try:
        if method == "leiden":
            found = graph.community_leiden(objective_function="modularity", weights=weights, n_iterations=-1)
        else:
            found = graph.community_multilevel(weights=weights)
    finally:
        igraph.set_random_number_generator(random)
    numbers = _components_from(found.membership)
    return numbers, float(graph.modularity(found.membership, weights=weights))


def _components_from(membership: list[int]) -> list[int]:
    counts: dict[int, int] = {}
    for m in membership:
        counts[m] = counts.get(m, 0) + 1
    order = sorted(counts, key=lambda m: (-counts[m], membership.index(m)))
    rank = {m: k for k, m in enumerate(order, start=1)}
    return [rank[m] for m in membership]


def node_metrics(
    network: Network, *, community_method: str = "leiden", seed: int = 1, sample: int | None = None
) -> list[NodeMetrics]:
    """Every measure for every node, in the network's node order (``sample``: estimated betweenness)."""
    graph = network.to_igraph()
    n = network.size
    degree = graph.degree()
    strength = graph.strength(weights="weight") if network.edges else [0.0] * n
    between, eigen = betweenness(network, sample=sample, seed=seed), eigenvector(network)
    cores, components = graph.coreness(), _components(graph)
    community, _ = communities(network, method=community_method, seed=seed)
    cut = set(graph.articulation_points())
    scale = 1.0 / (n - 1) if n > 1 else 1.0
    return [
        NodeMetrics(
            node=label,
            degree=int(degree[i]),
            degree_centrality=degree[i] * scale,
            strength=float(strength[i]),
            betweenness=float(between[i]),
            eigenvector=float(eigen[i]),
            core=int(cores[i]),
            component=components[i],
            community=community[i],
            articulation_point=i in cut,
        )
        for i, label in enumerate(network.nodes)
    ]


def summary(network: Network, *, community_method: str = "leiden", seed: int = 1) -> NetworkSummary:
    """Whole-network figures: size, density, components, bridges, cut points, communities."""
    graph = network.to_igraph()
    n, m = network.size, len(network.edges)
    components = graph.connected_components()
    community, modularity = communities(network, method=community_method, seed=seed)
    bridge_edges = [graph.es[e].tuple for e in graph.bridges()]
    return NetworkSummary(
        nodes=n,
        edges=m,
        total_weight=network.total_weight(),
        density=(2.0 * m / (n * (n - 1))) if n > 1 else 0.0,
        components=len(components),
        largest_component=max((len(c) for c in components), default=0),
        bridges=tuple(sorted((network.nodes[a], network.nodes[b]) for a, b in bridge_edges)),
        articulation_points=tuple(network.nodes[i] for i in sorted(graph.articulation_points())),
        communities=max(community, default=0),
        modularity=modularity,
    )

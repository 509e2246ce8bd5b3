"""Positions for drawing a network: Kamada–Kawai per component, components side by side, in [0, 1]²."""

from __future__ import annotations

import math

from crimeplan.analytics.network.graph import Network


def positions(network: Network) -> list[tuple[float, float]]:
    """One ``(x, y)`` in the unit square per node (deterministic: igraph starts from a circle)."""
    if network.size == 0:
        return []
    graph = network.to_igraph()
    spots: list[tuple[float, float]] = [(0.5, 0.5)] * network.size
    parts = sorted(graph.connected_components(), key=len, reverse=True)
    columns = math.ceil(math.sqrt(len(parts)))
    for number, members in enumerate(parts):
        row, column = divmod(number, columns)
        sub = graph.induced_subgraph(members)
        coords = sub.layout_kamada_kawai().coords if len(members) > 2 else _line(len(members))
        xs, ys = [c[0] for c in coords], [c[1] for c in coords]
        span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
        cell = 1.0 / columns
        scale = cell * (0.9 if number == 0 or len(members) > 2 else 0.5)
        for vertex, (x, y) in zip(members, coords, strict=True):
            spots[vertex] = (
                column * cell + 0.05 * cell + (x - min(xs)) / span * scale,
                row * cell + 0.05 * cell + (y - min(ys)) / span * scale,
            )
    return _fitted(spots)


def _fitted(spots: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Stretch the drawing to fill the unit square (a lone node sits in the middle)."""
    xs, ys = [x for x, _ in spots], [y for _, y in spots]
    wide, tall = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    if len(spots) == 1:
        return [(0.5, 0.5)]
    return [((x - min(xs)) / wide, (y - min(ys)) / tall) for x, y in spots]


def _line(count: int) -> list[tuple[float, float]]:
    return [(float(i), 0.0) for i in range(count)]

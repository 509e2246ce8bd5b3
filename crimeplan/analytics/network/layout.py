"""Positions for drawing a network in the unit square: Kamada–Kawai per component.

The largest component fills the left three quarters (all of it when it is the only one); the
smaller components sit in a grid on the right, each scaled to its own small cell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from crimeplan.analytics.network.graph import Network

MAIN_WIDTH = 0.75


def positions(network: Network) -> list[tuple[float, float]]:
    """One ``(x, y)`` in the unit square per node (deterministic: igraph starts from a circle)."""
    if network.size == 0:
        return []
    graph = network.to_igraph()
    spots: list[tuple[float, float]] = [(0.5, 0.5)] * network.size
    parts = sorted(graph.connected_components(), key=len, reverse=True)
    main_width = MAIN_WIDTH if len(parts) > 1 else 1.0
    boxes = [(0.0, 0.0, main_width, 1.0), *_grid(len(parts) - 1, main_width)]
    for members, box in zip(parts, boxes, strict=True):
        coords = graph.induced_subgraph(members).layout_kamada_kawai().coords if len(members) > 2 else None
        for vertex, spot in zip(members, _fit(coords or _line(len(members)), box), strict=True):
            spots[vertex] = spot
    return spots


def _grid(count: int, left: float) -> list[tuple[float, float, float, float]]:
    """``count`` cells ``(x, y, width, height)`` filling the strip right of ``left``."""
    if count == 0:
        return []
    columns = math.ceil(math.sqrt(count / 3))
    rows = math.ceil(count / columns)
    width, height = (1.0 - left) / columns, 1.0 / rows
    return [(left + (i % columns) * width, (i // columns) * height, width, height) for i in range(count)]


def _fit(coords: Sequence[Sequence[float]], box: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    x0, y0, width, height = box
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    size = 0.9 * min(width, height)
    pad_x, pad_y = (width - size) / 2, (height - size) / 2
    if len(coords) == 1:
        return [(x0 + width / 2, y0 + height / 2)]
    return [
        (x0 + pad_x + (x - min(xs)) / span * size, y0 + pad_y + (y - min(ys)) / span * size)
        for x, y in zip(xs, ys, strict=True)
    ]


def _line(count: int) -> list[tuple[float, float]]:
    return [(float(i), 0.0) for i in range(count)]

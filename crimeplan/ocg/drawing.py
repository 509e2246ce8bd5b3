"""The network drawn on the server as SVG geometry (the markup is in ``templates/ocg/_network_svg.html``)."""

from __future__ import annotations

from dataclasses import dataclass

from crimeplan.analytics.network import Network
from crimeplan.analytics.network.layout import positions
from crimeplan.analytics.network.metrics import NodeMetrics

WIDTH, HEIGHT, MARGIN = 760, 520, 24
#: GOV.UK palette, one colour per community (the table carries the same information as text).
PALETTE = ("#1d70b8", "#d4351c", "#00703c", "#f47738", "#4c2c92", "#28a197", "#b58840", "#d53880", "#505a5f")
DRAWN_LIMIT = 600


@dataclass(frozen=True)
class DrawnNode:
    label: str
    x: float
    y: float
    r: float
    colour: str
    description: str


@dataclass(frozen=True)
class DrawnEdge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float


def drawing(network: Network, metrics: list[NodeMetrics]) -> tuple[list[DrawnNode], list[DrawnEdge]] | None:
    """Geometry for the SVG, or ``None`` when the network is too big to draw usefully (the table remains)."""
    if network.size > DRAWN_LIMIT or network.size == 0:
        return None
    spots = [(MARGIN + x * (WIDTH - 2 * MARGIN), MARGIN + y * (HEIGHT - 2 * MARGIN)) for x, y in positions(network)]
    top = max((m.betweenness for m in metrics), default=0.0) or 1.0
    heaviest = max((w for _, _, w in network.edges), default=1.0) or 1.0
    nodes = [
        DrawnNode(
            label=m.node,
            x=round(spots[i][0], 1),
            y=round(spots[i][1], 1),
            r=round(4 + 10 * m.betweenness / top, 1),
            colour=PALETTE[(m.community - 1) % len(PALETTE)],
            description=(
                f"{m.node}: {m.degree} contacts, betweenness {m.betweenness:.3f}, eigenvector {m.eigenvector:.3f}, "
                f"core {m.core}, community {m.community}"
            ),
        )
        for i, m in enumerate(metrics)
    ]
    edges = [
        DrawnEdge(
            round(spots[i][0], 1),
            round(spots[i][1], 1),
            round(spots[j][0], 1),
            round(spots[j][1], 1),
            round(0.5 + 3.5 * w / heaviest, 2),
        )
        for i, j, w in network.edges
    ]
    return nodes, edges

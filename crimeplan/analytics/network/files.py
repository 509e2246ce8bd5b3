"""Read and write networks: nodes/edges CSV, adjacency-matrix CSV and GraphML.

- **Edges CSV**: ``source,target[,weight[,start,end]]`` with a header row; a tab-separated file with no
  header (``node_i  node_j  weight``, as the Montagna release is written) is read too.
- **Nodes CSV**: ``node`` and any further columns, kept as attributes.
- **Adjacency CSV**: a header row of node labels after one corner cell, then one row per node with its
  label in the first column, as UCINET and most research releases write it (Project Caviar). A cell is
  the weight row → column. A symmetric matrix is read as undirected (each tie once); otherwise the
  matrix is directed and both directions are summed. A UTF-8 byte-order mark is tolerated.
- **GraphML**: read with networkx (``weight`` edge attribute when present, else 1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from crimeplan.analytics.network.graph import Link, Network, build_network

FORMATS = ("edges", "adjacency", "graphml")


class NetworkFileError(ValueError):
    """A file that cannot be read as a network, with the line that failed."""


def _text(source: Path | str | bytes) -> str:
    if isinstance(source, bytes):
        return source.decode("utf-8-sig")
    if isinstance(source, Path):
        return source.read_text(encoding="utf-8-sig")
    return source.removeprefix("\ufeff")


def _number(text: str, where: str) -> float:
    try:
        return float(text.strip() or 0)
    except ValueError as exc:
        raise NetworkFileError(f"{where}: {text!r} is not a number") from exc


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text.strip()) if text and text.strip() else None


def _edge_rows(text: str) -> Iterator[tuple[int, list[str]]]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first else ","
    for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if row and any(cell.strip() for cell in row):
            yield number, [cell.strip() for cell in row]


def read_edges(source: Path | str | bytes, *, name: str = "") -> Network:
    """An edge list (header ``source,target[,weight,start,end]`` or headerless tab-separated)."""
    rows = list(_edge_rows(_text(source)))
    if not rows:
        raise NetworkFileError("the edge list is empty")
    header = [cell.lower() for cell in rows[0][1]]
    has_header = bool({"source", "target"} <= set(header))
    columns = header if has_header else ["source", "target", "weight"]
    links = []
    for number, row in rows[1:] if has_header else rows:
        if len(row) < 2:
            raise NetworkFileError(f"line {number}: an edge needs two nodes, found {len(row)} cell(s)")
        cells = dict(zip(columns, row, strict=False))
        weight = _number(cells["weight"], f"line {number}") if cells.get("weight") else 1.0
        try:
            start, end = _date(cells.get("start")), _date(cells.get("end"))
        except ValueError as exc:
            raise NetworkFileError(f"line {number}: dates are written YYYY-MM-DD ({exc})") from exc
        links.append(Link(cells["source"], cells["target"], weight, start, end))
    return build_network(links, name=name)


def read_adjacency(source: Path | str | bytes, *, name: str = "") -> Network:
    """A labelled adjacency matrix (header of labels, label in the first column of each row)."""
    rows = [row for row in csv.reader(io.StringIO(_text(source))) if row]
    if len(rows) < 2:
        raise NetworkFileError("an adjacency matrix needs a header row of labels and at least one row")
    labels = [cell.strip() for cell in rows[0][1:]]
    if len(set(labels)) != len(labels):
        raise NetworkFileError("the header row repeats a node label")
    cells: dict[tuple[str, str], float] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(labels) + 1:
            raise NetworkFileError(f"line {number}: {len(row) - 1} values for {len(labels)} columns")
        for column, cell in zip(labels, row[1:], strict=True):
            weight = _number(cell, f"line {number}, column {column}")
            if weight:
                cells[(row[0].strip(), column)] = weight
    # a symmetric matrix writes each undirected tie twice: count it once
    share = 0.5 if all(cells.get((b, a)) == w for (a, b), w in cells.items()) else 1.0
    links = [Link(a, b, w * share) for (a, b), w in cells.items()]
    return build_network(links, nodes=labels + [row[0].strip() for row in rows[1:]], name=name)


def read_graphml(source: Path | str | bytes, *, name: str = "") -> Network:
    """A GraphML file; the ``weight`` edge attribute when present, else 1 per edge."""
    import networkx

    data = source.read_bytes() if isinstance(source, Path) else source
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        graph = networkx.read_graphml(io.BytesIO(raw))
    except Exception as exc:  # networkx raises several kinds for malformed XML
        raise NetworkFileError(f"not a GraphML file: {exc}") from exc
    links = (Link(str(a), str(b), float(d.get("weight", 1.0))) for a, b, d in graph.edges(data=True))
    return build_network(links, nodes=[str(n) for n in graph.nodes], name=name)


def read_network(source: Path | str | bytes, fmt: str, *, name: str = "") -> Network:
    """Read ``source`` in one of :data:`FORMATS`."""
    readers = {"edges": read_edges, "adjacency": read_adjacency, "graphml": read_graphml}
    if fmt not in readers:
        raise NetworkFileError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return readers[fmt](source, name=name)


def write_edges(network: Network) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["source", "target", "weight"])
    writer.writerows((a, b, _plain(w)) for a, b, w in network.labelled_edges())
    return out.getvalue()


def write_nodes(network: Network) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["node"])
    writer.writerows([label] for label in network.nodes)
    return out.getvalue()


def write_adjacency(network: Network) -> str:
    """A symmetric labelled matrix (the undirected, summed weights)."""
    n = network.size
    matrix = [[0.0] * n for _ in range(n)]
    for i, j, w in network.edges:
        matrix[i][j] = matrix[j][i] = w
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["node", *network.nodes])
    for label, row in zip(network.nodes, matrix, strict=True):
        writer.writerow([label, *(_plain(w) for w in row)])
    return out.getvalue()


def write_graphml(network: Network) -> str:
    import networkx

    return "\n".join(networkx.generate_graphml(network.to_networkx()))


def _plain(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))

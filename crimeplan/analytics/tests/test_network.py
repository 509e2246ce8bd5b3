"""Network metrics against networkx on the real research networks, file formats, and disruption."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import networkx as nx
import pytest

from crimeplan.analytics.network import Link, build_network
from crimeplan.analytics.network.disruption import fragmentation, simulate
from crimeplan.analytics.network.files import (
    NetworkFileError,
    read_adjacency,
    read_edges,
    read_graphml,
    write_adjacency,
    write_edges,
    write_graphml,
)
from crimeplan.analytics.network.metrics import node_metrics, summary
from crimeplan.analytics.tests.data import needs_shared

MONTAGNA = ("Montagna_meetings_edgelist.csv", "Montagna_phonecalls_edgelist.csv")


def _networkx_montagna(path: Path) -> nx.Graph:
    """The independent reading: tab-separated pairs straight into networkx."""
    graph = nx.Graph()
    with open(path, encoding="utf-8", newline="") as handle:
        for a, b, _ in csv.reader(handle, delimiter="\t"):
            graph.add_edge(a, b)
    return graph


def _networkx_caviar(path: Path) -> nx.Graph:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    graph = nx.Graph()
    graph.add_nodes_from(rows[0][1:])
    for row in rows[1:]:
        for column, cell in zip(rows[0][1:], row[1:], strict=True):
            if float(cell) and row[0] != column:
                graph.add_edge(row[0], column)
    return graph


def _shared_networks():
    shared = needs_shared() / "networks"
    for name in MONTAGNA:
        path = shared / "montagna" / name
        yield read_edges(path), _networkx_montagna(path)
    for phase in range(1, 12):
        path = shared / "caviar" / f"phase{phase}.csv"
        yield read_adjacency(path), _networkx_caviar(path)


def test_metrics_equal_networkx_on_the_shared_networks():
    checked = 0
    for network, graph in _shared_networks():
        betweenness = nx.betweenness_centrality(graph, normalized=True)
        eigen = nx.eigenvector_centrality(graph)
        degree = nx.degree_centrality(graph)
        cores = nx.core_number(graph)
        assert set(network.nodes) == set(graph.nodes)
        for row in node_metrics(network):
            assert row.degree == graph.degree(row.node)
            assert row.degree_centrality == pytest.approx(degree[row.node], abs=1e-6)
            assert row.betweenness == pytest.approx(betweenness[row.node], abs=1e-6)
            assert row.eigenvector == pytest.approx(eigen[row.node], abs=1e-6)
            assert row.core == cores[row.node]
            checked += 1
    assert checked == 101 + 100 + sum((15, 24, 33, 33, 32, 27, 36, 42, 34, 42, 41))


def test_structure_equals_networkx_on_montagna_meetings():
    path = needs_shared() / "networks" / "montagna" / MONTAGNA[0]
    network, graph = read_edges(path), _networkx_montagna(path)
    found = summary(network)
    assert found.components == nx.number_connected_components(graph) == 5
    assert found.largest_component == max(len(c) for c in nx.connected_components(graph))
    assert set(found.articulation_points) == set(nx.articulation_points(graph))
    assert {frozenset(b) for b in found.bridges} == {frozenset(b) for b in nx.bridges(graph)}
    # pairs repeated or in both directions are summed: 289 lines, 256 pairs
    assert found.edges == 256
    assert found.total_weight == sum(int(r[2]) for r in csv.reader(path.read_text().splitlines(), delimiter="\t"))
    assert found.modularity > 0.3


def test_components_number_the_largest_first():
    network = build_network([Link("a", "b"), Link("b", "c"), Link("x", "y")], nodes=["z"])
    by_node = {m.node: m.component for m in node_metrics(network)}
    assert by_node == {"z": 3, "a": 1, "b": 1, "c": 1, "x": 2, "y": 2}


def test_adjacency_tolerates_a_bom_and_sums_both_directions():
    text = '\ufeff"players","1","2","3"\n"1",0,2,0\n"2",3,0,1\n"3",0,0,0\n'
    network = read_adjacency(text.encode("utf-8"))
    assert network.nodes == ("1", "2", "3")
    assert network.labelled_edges() == [("1", "2", 5.0), ("2", "3", 1.0)]


def test_adjacency_rejects_a_short_row():
    with pytest.raises(NetworkFileError, match="line 3"):
        read_adjacency('"",a,b\na,0,1\nb,1\n')


def test_round_trips_keep_nodes_and_weights():
    network = build_network([Link("a", "b", 2), Link("b", "c", 1.5)], nodes=["lone"])
    again = read_adjacency(write_adjacency(network))
    assert sorted(again.labelled_edges()) == sorted(network.labelled_edges())
    assert set(again.nodes) == set(network.nodes)
    assert read_edges(write_edges(network)).labelled_edges() == network.labelled_edges()
    graphml = read_graphml(write_graphml(network))
    assert set(graphml.nodes) == {"lone", "a", "b", "c"}
    assert sorted(graphml.labelled_edges()) == sorted(network.labelled_edges())


def test_time_slice_keeps_overlapping_links():
    links = [
        Link("a", "b", 1, date(2020, 1, 1), date(2020, 6, 30)),
        Link("b", "c", 1, date(2021, 1, 1), None),
        Link("c", "d", 1),
    ]
    sliced = build_network(links, since=date(2021, 1, 1), until=date(2021, 12, 31))
    assert sliced.labelled_edges() == [("b", "c", 1.0), ("c", "d", 1.0)]


def test_edges_with_header_and_dates():
    text = "source,target,weight,start,end\na,b,3,2020-01-01,2020-02-01\nb,a,1,,\n"
    assert read_edges(text).labelled_edges() == [("a", "b", 4.0)]
    with pytest.raises(NetworkFileError, match="line 2"):
        read_edges("source,target,weight\na,b,many\n")


def test_removing_the_broker_splits_two_triangles():
    # two triangles joined through "hub": hub is the only cut point
    links = [Link(a, b) for a, b in [("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")]]
    links += [Link("hub", "a", 5), Link("hub", "x", 1)]
    network = build_network(links)
    index = network.index()
    lcc, weight = fragmentation(network, {index["hub"]})
    assert lcc == pytest.approx(3 / 7)
    assert weight == pytest.approx(3 / 12)
    by_strategy = {s.strategy: s for s in simulate(network, k=1, runs=50)}
    assert by_strategy["betweenness"].removed == ("hub",)
    assert by_strategy["key_players"].removed == ("hub",)
    assert by_strategy["random"].steps[0].lcc_share > 3 / 7


def test_key_players_beat_random_on_montagna():
    network = read_edges(needs_shared() / "networks" / "montagna" / MONTAGNA[0])
    by_strategy = {s.strategy: s for s in simulate(network, k=5, runs=30)}
    assert by_strategy["key_players"].steps[-1].lcc_share < by_strategy["random"].steps[-1].lcc_share
    assert by_strategy["key_players"].steps[-1].lcc_share <= by_strategy["betweenness"].steps[-1].lcc_share

"""The network commands against networkx, reading the shared research networks straight into networkx."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import networkx as nx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from crimeplan.analytics.tests.data import needs_shared
from crimeplan.audit.models import AuditEvent
from crimeplan.ocg.models import ImportedNetwork, Link, Nominal, OrganisedCrimeGroup

pytestmark = pytest.mark.django_db


def _metrics(name: str) -> dict[str, dict[str, object]]:
    out = io.StringIO()
    call_command("ocg", "network", "metrics", name, "--json", stdout=out)
    return {row["node"]: row for row in json.loads(out.getvalue())}


def _check(rows: dict[str, Any], graph: nx.Graph) -> None:
    betweenness = nx.betweenness_centrality(graph)
    eigen = nx.eigenvector_centrality(graph)
    cores = nx.core_number(graph)
    assert set(rows) == set(graph.nodes)
    for node, row in rows.items():
        assert row["degree"] == graph.degree(node)
        assert abs(row["betweenness"] - betweenness[node]) < 1e-6
        assert abs(row["eigenvector"] - eigen[node]) < 1e-6
        assert row["core"] == cores[node]
    largest = max(nx.connected_components(graph), key=len)
    assert {n for n, row in rows.items() if row["component"] == 1} == largest


def test_import_and_metrics_of_montagna_phone_calls_equal_networkx():
    path = needs_shared() / "networks" / "montagna" / "Montagna_phonecalls_edgelist.csv"
    call_command("ocg", "network", "import", str(path), "--name", "phones", stdout=io.StringIO())
    graph = nx.Graph()
    for a, b, _ in csv.reader(path.read_text().splitlines(), delimiter="\t"):
        graph.add_edge(a, b)
    _check(_metrics("phones"), graph)
    assert AuditEvent.objects.filter(event="ocg_network_analysed", data__network="phones").count() == 1


def test_import_and_metrics_of_caviar_phase_6_equal_networkx():
    path = needs_shared() / "networks" / "caviar" / "phase6.csv"
    call_command(
        "ocg", "network", "import", str(path), "--name", "caviar-6", "--format", "adjacency", stdout=io.StringIO()
    )
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    graph = nx.Graph()
    graph.add_nodes_from(rows[0][1:])
    for row in rows[1:]:
        graph.add_edges_from((row[0], col) for col, cell in zip(rows[0][1:], row[1:], strict=True) if float(cell))
    _check(_metrics("caviar-6"), graph)


def test_import_refuses_a_duplicate_name_and_an_unknown_network():
    path = needs_shared() / "networks" / "caviar" / "phase1.csv"
    call_command("ocg", "network", "import", str(path), "--name", "p1", "--format", "adjacency", stdout=io.StringIO())
    with pytest.raises(CommandError, match="exists already"):
        call_command("ocg", "network", "import", str(path), "--name", "p1", "--format", "adjacency")
    with pytest.raises(CommandError, match="no network called"):
        call_command("ocg", "network", "metrics", "nope", "--json")


def test_demo_loads_example_groups_only():
    call_command("ocg", "demo", stdout=io.StringIO())
    assert OrganisedCrimeGroup.objects.count() == 4
    assert not OrganisedCrimeGroup.objects.filter(is_example=False).exists()
    # numeric identifiers of the study, and the example NRM referral's victim (an invented example)
    assert not Nominal.objects.exclude(reference__regex=r"^(EX-N\d+|V-EX-MS-\d{4}-\d{4})$").exists()
    assert not Nominal.objects.filter(is_example=False).exists()
    assert all(g.name.startswith("Example") for g in OrganisedCrimeGroup.objects.all())
    assert ImportedNetwork.objects.filter(is_example=True).count() == 2
    # links stay inside one example group
    for link in Link.objects.select_related("group"):
        assert Nominal.objects.filter(reference=link.source, group=link.group).exists()


def test_sampled_betweenness_equals_networkx_with_the_same_sources():
    path = needs_shared() / "networks" / "montagna" / "Montagna_phonecalls_edgelist.csv"
    call_command("ocg", "network", "import", str(path), "--name", "phones-s", stdout=io.StringIO())
    graph = nx.Graph()
    for a, b, _ in csv.reader(path.read_text().splitlines(), delimiter="\t"):
        graph.add_edge(a, b)
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "ocg", "network", "metrics", "phones-s", "--json", "--sample", "20", "--seed", "7", stdout=out, stderr=err
    )
    rows = {row["node"]: row for row in json.loads(out.getvalue())}
    expected = nx.betweenness_centrality(graph, k=20, seed=7)
    exact = nx.betweenness_centrality(graph)
    assert max(abs(rows[n]["betweenness"] - expected[n]) for n in graph) < 1e-9
    assert max(abs(rows[n]["betweenness"] - exact[n]) for n in graph) > 1e-6  # an estimate, not the exact figure
    assert "estimated from 20 sampled source nodes" in err.getvalue()
    with pytest.raises(CommandError, match="at least 2"):
        call_command("ocg", "network", "metrics", "phones-s", "--json", "--sample", "1")

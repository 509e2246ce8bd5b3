"""API: a network's measures, for analysts signed in with ``ocg.analyse_networks`` (audited like the page)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from crimeplan.analytics.network.metrics import node_metrics
from crimeplan.audit.services import record_event
from crimeplan.core.permissions import api_requires
from crimeplan.ocg import selectors
from crimeplan.ocg.events import NetworkAnalysed
from crimeplan.ocg.permissions import ANALYSE

router = Router(tags=["organised crime"], auth=api_requires(ANALYSE))


class NodeOut(Schema):
    node: str
    degree: int
    betweenness: float
    eigenvector: float
    core: int
    component: int
    community: int


@router.get("/organised-crime/networks/{name}/measures", response=list[NodeOut])
def network_measures(request: HttpRequest, name: str) -> list[dict[str, object]]:
    """Per node: degree, betweenness (normalised, as networkx), eigenvector (unit norm), k-core, component."""
    record = selectors.network_for(user=request.user, name=name)
    record_event(NetworkAnalysed(network=name, via="api"), request=request, obj=record, purpose="network analysis")
    return [m.as_dict() for m in node_metrics(selectors.as_network(record))]

"""Pages of the organised-crime register: overview, groups, and network analysis.

Each view: permission → selector (scoped to the user) → audit → render. A group the user may not read
is a 404 exactly like a missing one; the refusal is audited.
"""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from crimeplan.analytics.network import Network
from crimeplan.analytics.network.disruption import simulate
from crimeplan.analytics.network.metrics import NodeMetrics, node_metrics, summary
from crimeplan.audit.services import record_event
from crimeplan.core.charts import bar_chart
from crimeplan.core.downloads import CSV, PDF, attachment
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import requires, signed_in
from crimeplan.ocg import selectors
from crimeplan.ocg.drawing import HEIGHT, WIDTH, drawing
from crimeplan.ocg.events import GroupAccessRefused, GroupViewed, NetworkAnalysed, RegisterSearched
from crimeplan.ocg.forms import PackageForm
from crimeplan.ocg.models import OrganisedCrimeGroup
from crimeplan.ocg.nrm import by_exploitation
from crimeplan.ocg.permissions import ANALYSE, MANAGE, VIEW, readable
from crimeplan.ocg.services.sharing import export_package, shared_package

PURPOSE = "organised crime register"
METRIC_COLUMNS = ["node", "degree", "strength", "betweenness", "eigenvector", "core", "component", "community"]


@requires(VIEW)
def index(request: HttpRequest) -> HttpResponse:
    groups = selectors.visible_groups(user=request.user)
    record_event(RegisterSearched(query="", rows=groups.count(), via="overview"), request=request, purpose=PURPOSE)
    nrm_rows = selectors.nrm_context()
    context = {
        "groups": groups,
        "networks": selectors.visible_networks(user=request.user) if request.user.has_perm(ANALYSE) else [],
        "nrm": nrm_rows,
        "nrm_types": by_exploitation(),
        "nrm_chart": bar_chart(
            [(str(q["quarter"]), float(q["total"])) for q in nrm_rows],  # type: ignore[arg-type]
            title="NRM referrals made by the force, by quarter",
            description="People referred by the force as first responder each quarter; the table gives the figures.",
        ),
        "may_manage": request.user.has_perm(MANAGE),
    }
    return render(request, "ocg/index.html", context)


@requires(VIEW)
def group_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    groups = list(selectors.visible_groups(user=request.user, query=query))
    record_event(RegisterSearched(query=query, rows=len(groups), via="page"), request=request, purpose=PURPOSE)
    return render(request, "ocg/groups.html", {"groups": groups, "query": query})


@requires(VIEW)
def group_detail(request: HttpRequest, reference: str) -> HttpResponse:
    try:
        group = selectors.group_for(user=request.user, reference=reference)
    except Http404:
        if OrganisedCrimeGroup.objects.filter(reference=reference).exists():
            record_event(GroupAccessRefused(reference=reference, via="page"), request=request, purpose=PURPOSE)
        raise
    record_event(GroupViewed(reference=reference, via="page"), request=request, obj=group, purpose=PURPOSE)
    user = request.user
    network = selectors.group_network(user=user, group=group)
    metrics = node_metrics(network) if network.size else []
    crimes, harm, comparison = selectors.group_harm(user=user, group=group)
    context = {
        "group": group,
        "crimes": crimes,
        "harm": harm,
        "comparison": comparison,
        "may_manage": user.has_perm(MANAGE),
        "nominals": group.nominals.filter(readable(user)),
        "entities": group.entities.filter(readable(user)),
        "links": group.links.filter(readable(user)),
        "plans": group.plans.filter(readable(user)).prefetch_related("actions"),
        "disruptions": group.disruptions.filter(readable(user)),
        "today": timezone.localdate(),
        "scores": group.scores.all()[:5],
        **_drawn(network, metrics, group.reference),
    }
    return render(request, "ocg/group.html", context)


def _drawn(network: Network, metrics: list[NodeMetrics], label: str) -> dict[str, object]:
    drawn = drawing(network, metrics)
    nodes, edges = drawn if drawn else ([], [])
    rows = sorted(metrics, key=lambda m: -m.betweenness)
    return {
        "metrics": rows,
        "nodes": nodes,
        "edges": edges,
        "drawn": bool(drawn),
        "width": WIDTH,
        "height": HEIGHT,
        "network_label": label,
    }


@requires(ANALYSE)
def network_detail(request: HttpRequest, name: str) -> HttpResponse:
    record = selectors.network_for(user=request.user, name=name)
    record_event(NetworkAnalysed(network=name, via="page"), request=request, obj=record, purpose="network analysis")
    network = selectors.as_network(record)
    metrics = node_metrics(network)
    context = {
        "record": record,
        "summary": summary(network),
        "simulations": simulate(network, k=min(5, network.size)),
        **_drawn(network, metrics, record.name),
    }
    return render(request, "ocg/network.html", context)


@requires(ANALYSE)
def network_csv(request: HttpRequest, name: str) -> HttpResponse:
    record = selectors.network_for(user=request.user, name=name)
    record_event(NetworkAnalysed(network=name, via="csv"), request=request, obj=record, purpose="network analysis")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(METRIC_COLUMNS)
    for m in node_metrics(selectors.as_network(record)):
        row = m.as_dict()
        writer.writerow([row[c] for c in METRIC_COLUMNS])
    return attachment(out.getvalue(), f"network-{name}-measures.csv", CSV)


@signed_in
def shared_export(request: HttpRequest, reference: str) -> HttpResponse:
    """A partner's redacted package of a group (what their agreement allows), with purpose; 404 otherwise."""
    package = shared_package(user=request.user, reference=reference)
    form = PackageForm(request.POST or None, initial={"file_format": "csv"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        ok, body = attempt(
            form,
            lambda: export_package(
                user=request.user, reference=reference, purpose=data["purpose"], file_format=data["file_format"]
            ),
        )
        if ok and body is not None:
            if data["file_format"] == "pdf":
                return attachment(body, f"{reference}-shared-package.pdf", PDF)
            return attachment(body, f"{reference}-shared-package.csv", CSV)
    return render(request, "ocg/shared_export.html", {"package": package, "form": form})

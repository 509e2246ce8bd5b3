"""Staff pages: the CSP allocation simulator and its decision records."""

from __future__ import annotations

import csv

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from crimeplan.analytics.allocation import FACTOR_LABELS, FACTORS, Weights
from crimeplan.audit.events import DataExported
from crimeplan.audit.services import record_event
from crimeplan.core.charts import bar_chart
from crimeplan.core.downloads import CSV, attachment
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import requires
from crimeplan.grants import allocation, permissions
from crimeplan.grants.models import AllocationDecision
from crimeplan.grants.services.allocation import save_allocation
from crimeplan.grants.staff_forms import AllocationForm, SaveAllocationForm


def _allocation_form(request: HttpRequest, force: str) -> AllocationForm:
    current, _ = allocation.current_weights(force)
    first, last = allocation.default_period(force)
    data = request.POST if request.method == "POST" else request.GET
    initial = {"total": 325_000, "first_month": first, "last_month": last, "deprived_deciles": "2"}
    initial.update({f"w_{name}": value for name, value in current.as_dict().items()})
    if not any(k in data for k in ("total", "w_base")):
        data = initial  # type: ignore[assignment]
    return AllocationForm(data)


@requires("grants.manage_grants")
def simulator(request: HttpRequest) -> HttpResponse:
    permissions.require_manage(request.user)
    force = settings.DEFAULT_FORCE
    form = _allocation_form(request, force)
    save = SaveAllocationForm(request.POST if request.method == "POST" else None)
    simulation = None
    if form.is_valid():
        d = form.cleaned_data
        simulation = allocation.simulate(
            force=force,
            total=d["total"],
            first=d["first_month"],
            last=d["last_month"],
            proposed=Weights.from_mapping(form.weights()),
            deprived_deciles=d["deprived_deciles"],
        )
    if request.method == "POST" and simulation is not None and save.is_valid():
        ok, decision = attempt(
            save, lambda: save_allocation(simulation=simulation, by=request.user, **save.cleaned_data)
        )
        if ok and decision is not None:
            return redirect("grants:allocation_decision", pk=decision.pk)
    context = {
        "form": form,
        "save": save,
        "simulation": simulation,
        "factors": [(name, FACTOR_LABELS[name]) for name in FACTORS],
        "decisions": AllocationDecision.objects.all()[:20],
        "chart": _chart(simulation) if simulation else "",
    }
    return render(request, "grants/manage/allocation.html", context)


def _chart(simulation: allocation.Simulation) -> str:
    rows = sorted(((r.inputs.name, float(r.proposed.amount)) for r in simulation.rows), key=lambda r: -r[1])
    return bar_chart(
        rows,
        title=f"Proposed allocation of £{simulation.total:,} by Community Safety Partnership",
        description="; ".join(f"{name}: £{value:,.0f}" for name, value in rows),
    )


@requires("grants.manage_grants")
def allocation_decision(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_manage(request.user)
    decision = get_object_or_404(AllocationDecision.objects.select_related("decided_by"), pk=pk)
    if request.GET.get("format") == "csv":
        response = attachment("", f"csp-allocation-{decision.pk}.csv", CSV)
        writer = csv.writer(response)
        columns = [
            "code",
            "name",
            "population",
            "crimes",
            "harm",
            "deprived_population",
            "current_amount",
            "proposed_amount",
        ]
        writer.writerow(columns)
        for row in decision.results:
            writer.writerow([row[c] for c in columns])
        record_event(
            DataExported(what=f"CSP allocation decision {decision.pk}", format="csv", rows=len(decision.results)),
            request=request,
            obj=decision,
        )
        return response
    weights = [
        (FACTOR_LABELS[n], decision.weights.get(n, 0), (decision.previous_weights or {}).get(n)) for n in FACTORS
    ]
    return render(request, "grants/manage/allocation_decision.html", {"decision": decision, "weights": weights})

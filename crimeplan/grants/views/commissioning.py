"""Staff pages: the commissioning register and each contract's quarterly returns."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from crimeplan.core.charts import line_chart
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import requires
from crimeplan.grants import permissions, selectors
from crimeplan.grants.constants import KpiMeasure
from crimeplan.grants.models import Contract
from crimeplan.grants.services.commissioning import enter_performance
from crimeplan.grants.staff_forms import PerformanceForm


@requires("grants.manage_grants")
def contracts(request: HttpRequest) -> HttpResponse:
    permissions.require_manage(request.user)
    return render(request, "grants/manage/contracts.html", {"rows": selectors.contracts_flagged()})


@requires("grants.manage_grants")
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    permissions.require_manage(request.user)
    contract = get_object_or_404(Contract.objects.prefetch_related("cofunding", "kpis", "performance"), pk=pk)
    form = PerformanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(form, lambda: enter_performance(contract=contract, by=request.user, **form.cleaned_data))
        if ok:
            return redirect("grants:contract", pk=pk)
    returns = list(contract.performance.all())
    kpis = [(kpi, [(r.quarter, r.value(kpi.measure)) for r in returns]) for kpi in contract.kpis.all()]
    chart = line_chart(
        [(r.quarter, float(r.in_treatment)) for r in returns],
        title=f"Number in treatment by quarter, {contract.title}",
        description="; ".join(f"{r.quarter}: {r.in_treatment}" for r in returns),
    )
    shares = sum(c.share_percent for c in contract.cofunding.all())
    context = {
        "contract": contract,
        "form": form,
        "returns": returns,
        "kpis": kpis,
        "chart": chart,
        "shares": shares,
        "flags": contract.flags(),
        "measures": KpiMeasure,
    }
    return render(request, "grants/manage/contract.html", context)

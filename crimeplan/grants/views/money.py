"""Staff pages for money: an award with its payments and returns, the offer letter, the fund report."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from crimeplan.core.charts import bar_chart
from crimeplan.core.forms import attempt
from crimeplan.core.pdf import pdf_response, render_pdf
from crimeplan.core.permissions import requires, signed_in
from crimeplan.grants import permissions, selectors
from crimeplan.grants.impact import impact_for
from crimeplan.grants.models import Fund, MonitoringReturn, Payment
from crimeplan.grants.services import awards
from crimeplan.grants.staff_forms import InstalmentForm, PaymentForm, ReturnForm


@signed_in
def award_detail(request: HttpRequest, pk: int) -> HttpResponse:
    award = selectors.award_for(request.user, pk)
    form = InstalmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(
            form,
            lambda: awards.schedule_payments(
                award=award, instalments=[(form.cleaned_data["due_on"], form.cleaned_data["amount"])], by=request.user
            ),
        )
        if ok:
            return redirect("grants:award", pk=pk)
    context = {
        "award": award,
        "form": form,
        "payments": award.payments.all(),
        "returns": award.returns.all(),
        "impact": impact_for(award),
        "can_manage": permissions.can_manage(request.user),
    }
    return render(request, "grants/manage/award.html", context)


@requires("grants.manage_grants")
def pay(request: HttpRequest, pk: int) -> HttpResponse:
    payment = get_object_or_404(Payment.objects.select_related("award__application__round__fund"), pk=pk)
    permissions.require_manage(request.user)
    form = PaymentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(form, lambda: awards.record_payment(payment=payment, by=request.user, **form.cleaned_data))
        if ok:
            return redirect("grants:award", pk=payment.award_id)
    title = f"Record payment of £{payment.amount:,.2f} due {payment.due_on:%-d %B %Y}"
    return render(
        request, "grants/manage/form.html", {"application": payment.award.application, "form": form, "title": title}
    )


@requires("grants.manage_grants")
def record_return(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(MonitoringReturn.objects.select_related("award__application__round__fund"), pk=pk)
    permissions.require_manage(request.user)
    form = ReturnForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(
            form, lambda: awards.record_return(monitoring_return=item, by=request.user, **form.cleaned_data)
        )
        if ok:
            return redirect("grants:award", pk=item.award_id)
    title = f"Record the {item.get_kind_display().lower()} return due {item.due_on:%-d %B %Y}"
    return render(
        request, "grants/manage/form.html", {"application": item.award.application, "form": form, "title": title}
    )


@requires("grants.manage_grants")
def offer_letter(request: HttpRequest, pk: int) -> HttpResponse:
    award = selectors.award_for(request.user, pk)
    permissions.require_manage(request.user)
    context = {"award": award, "application": award.application, "decision": award.application.decision}
    pdf = render_pdf("grants/offer_letter.html", context)
    return pdf_response(pdf, f"offer-letter-{award.application.reference}.pdf")


@signed_in
def fund_report(request: HttpRequest, slug: str) -> HttpResponse:
    fund = get_object_or_404(Fund, slug=slug)
    if not (permissions.can_manage(request.user) or permissions.can_decide(request.user)):
        permissions.require_manage(request.user)
    found = list(selectors.fund_awards(fund))
    rows = [(award, impact_for(award)) for award in found]
    spent = [
        ("Paid", float(fund.paid_total)),
        ("Committed, not yet paid", float(fund.committed)),
        ("Not yet awarded", float(fund.remaining)),
    ]
    chart = bar_chart(
        spent,
        title=f"{fund}: budget of £{fund.budget:,.0f}",
        description="; ".join(f"{label}: £{value:,.0f}" for label, value in spent),
    )
    return render(
        request,
        "grants/manage/fund_report.html",
        {"fund": fund, "rows": rows, "chart": chart, "spent": spent},
    )

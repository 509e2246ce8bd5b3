"""Staff pages: the grants dashboard, a round's applications, and assessing, moderating and deciding."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from crimeplan.core.forms import attempt
from crimeplan.core.permissions import requires, signed_in
from crimeplan.grants import permissions, selectors
from crimeplan.grants.constants import ApplicationStatus
from crimeplan.grants.models import Assessment, Fund, Round
from crimeplan.grants.services import assessment as assessing
from crimeplan.grants.services import awards
from crimeplan.grants.staff_forms import AssessorsForm, DecisionForm, DeclarationForm, ModerationForm, ScoreForm


@signed_in
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    context: dict[str, object] = {"rounds": selectors.rounds_for(user), "can_manage": permissions.can_manage(user)}
    if permissions.can_manage(user) or permissions.can_decide(user):
        context.update(
            {"funds": Fund.objects.order_by("-financial_year", "name"), "overdue": selectors.overdue_returns()[:50]}
        )
    return render(request, "grants/manage/dashboard.html", context)


@signed_in
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round.objects.select_related("fund"), pk=pk)
    permissions.require_round(request.user, round_)
    applications = selectors.applications_for(request.user, round_).prefetch_related("assessments", "budget_lines")
    mine = {
        a.application_id: a for a in Assessment.objects.filter(assessor_id=request.user.pk, application__round=round_)
    }
    rows = [(a, mine.get(a.pk)) for a in applications]
    context: dict[str, Any] = {"round": round_, "rows": rows, "assessors": round_.assessors.order_by("username")}
    if permissions.can_manage(request.user):
        form = AssessorsForm(
            request.POST or None,
            candidates=selectors.assessor_candidates(round_),
            initial={"assessors": context["assessors"]},
        )
        if request.method == "POST" and form.is_valid():
            ok, _ = attempt(
                form,
                lambda: assessing.assign_assessors(
                    user=request.user, round_=round_, assessors=list(form.cleaned_data["assessors"])
                ),
            )
            if ok:
                return redirect("grants:round", pk=pk)
        context["form"] = form
    return render(request, "grants/manage/round.html", context)


@signed_in
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk, request)
    user = request.user
    mine = application.assessments.filter(assessor_id=user.pk).first()
    sees_all = permissions.can_manage(user) or permissions.can_decide(user)
    context = {
        "application": application,
        "summary": selectors.answer_rows(application),
        "moderation_blocker": assessing.moderation_blocker(application, user) if permissions.can_manage(user) else "",
        "mine": mine,
        "assessments": assessing.scored(application) if sees_all else [],
        "declared": application.assessments.select_related("assessor") if sees_all else [],
        "mean": assessing.mean_score(assessing.scored(application)) if sees_all else None,
        "is_assessor": permissions.is_assessor(user, application.round),
        "can_manage": permissions.can_manage(user),
        "can_decide": permissions.can_decide(user),
        "decision": getattr(application, "decision", None),
        "award": getattr(application, "award", None),
        "statuses": ApplicationStatus,
    }
    return render(request, "grants/manage/application.html", context)


@signed_in
def declare(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk, request)
    permissions.require_assessor(request.user, application)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, found = attempt(
            form,
            lambda: assessing.declare_interest(
                application=application,
                assessor=request.user,
                conflict=form.cleaned_data["conflict"],
                details=form.cleaned_data["conflict_details"],
            ),
        )
        if ok and found is not None:
            return redirect("grants:application", pk=pk) if found.conflict else redirect("grants:score", pk=pk)
    return render(request, "grants/manage/form.html", _page(application, form, "Declare any conflict of interest"))


def _page(application: Any, form: Any, title: str, **extra: Any) -> dict[str, Any]:
    return {"application": application, "form": form, "title": title, **extra}


@signed_in
def score(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk, request)
    permissions.require_assessor(request.user, application)
    mine = application.assessments.filter(assessor_id=request.user.pk).first()
    if mine is None:
        return redirect("grants:declare", pk=pk)
    criteria = list(application.round.fund.criteria.all())
    form = ScoreForm(request.POST or None, criteria=criteria)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(
            form,
            lambda: assessing.submit_scores(
                assessment=mine,
                scores=form.scores(),
                recommendation=form.cleaned_data["recommendation"],
                comments=form.cleaned_data["comments"],
            ),
        )
        if ok:
            return redirect("grants:application", pk=pk)
    return render(
        request,
        "grants/manage/form.html",
        _page(
            application,
            form,
            "Score the application",
            show_answers=True,
            application_summary=selectors.answer_rows(application),
        ),
    )


@requires("grants.manage_grants")
def moderate(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk, request)
    permissions.require_manage(request.user)
    form = ModerationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _ = attempt(
            form,
            lambda: assessing.moderate(
                application=application,
                by=request.user,
                score=form.cleaned_data["score"],
                note=form.cleaned_data["note"],
            ),
        )
        if ok:
            return redirect("grants:application", pk=pk)
    done = assessing.scored(application)
    return render(
        request,
        "grants/manage/form.html",
        _page(application, form, "Moderate the scores", assessments=done, mean=assessing.mean_score(done)),
    )


@signed_in
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_for(request.user, pk, request)
    permissions.require_decide(request.user)
    initial = {"amount": application.requested, "panel_on": application.round.panel_on}
    form = DecisionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and request.POST.get("confirmed") != "yes":
        # checked, then shown to confirm before it is sent: the decision is emailed at once
        data = form.cleaned_data
        checks = {k: data[k] for k in ("outcome", "amount", "panel_on")}
        if attempt(form, lambda: awards.check_decision(application=application, **checks))[0]:
            context = _page(application, form, "Check the decision before you send it", decision=data)
            return render(request, "grants/manage/confirm_decision.html", context)
    elif request.method == "POST" and form.is_valid():
        ok, _ = attempt(
            form, lambda: awards.record_decision(application=application, by=request.user, **form.cleaned_data)
        )
        if ok:
            return redirect("grants:application", pk=pk)
    return render(request, "grants/manage/form.html", _page(application, form, "Record the panel's decision"))

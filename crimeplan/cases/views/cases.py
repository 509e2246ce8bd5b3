"""The case list, a case, and the pages that change it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from crimeplan.cases.constants import ActionStatus, Status
from crimeplan.cases.forms import casework as f
from crimeplan.cases.models import AsbReview, Intervention, PlanAction, Programme, Volunteer
from crimeplan.cases.permissions import Action, agreements_in_force, organisation_of
from crimeplan.cases.selectors.cases import CaseFilters, case_for, cases_page, read_case, referral_queue
from crimeplan.cases.services import asb, casework, sharing, volunteers
from crimeplan.cases.views.common import case_form
from crimeplan.core.permissions import signed_in


@signed_in
def case_list(request: HttpRequest) -> HttpResponse:
    filters = CaseFilters(
        status=request.GET.get("status", "") if request.GET.get("status") in Status.values else "",
        programme=request.GET.get("programme", "")[:60],
        query=request.GET.get("q", "")[:100].strip(),
    )
    page = cases_page(request.user, filters, page=request.GET.get("page"), request=request)
    context = {
        "page": page,
        "filters": filters,
        "statuses": Status.choices,
        "programmes": Programme.objects.filter(is_active=True),
        "organisation": organisation_of(request.user),
    }
    return render(request, "cases/list.html", context)


@signed_in
def queue(request: HttpRequest) -> HttpResponse:
    """New referrals to the user's agency, waiting to be screened."""
    found = referral_queue(request.user, request=request)
    context = {"cases": found, "organisation": organisation_of(request.user), "today": timezone.localdate()}
    return render(request, "cases/queue.html", context)


@signed_in
def case_detail(request: HttpRequest, reference: str) -> HttpResponse:
    detail = read_case(request.user, reference, request=request)
    return render(request, "cases/detail.html", {"d": detail, "case": detail.case, "access": detail.access})


@signed_in
def change_status(request: HttpRequest, reference: str) -> HttpResponse:
    def handle(case: Any, form: Any) -> None:
        data = form.cleaned_data
        casework.change_status(
            case=case,
            by=request.user,
            to_status=data["to_status"],
            reason=data["reason"],
            close_reason=data.get("close_reason", ""),
            basis=data.get("basis", ""),
            basis_reason=data.get("basis_reason", ""),
        )

    return case_form(
        request,
        reference,
        action=Action.CHANGE_STATUS,
        make_form=lambda case, access, data: f.StatusForm(data, case=case),
        handle=handle,
        title="Change the status",
        success="Status changed",
        intro="Referred cases are screened, then accepted or declined; accepted cases become active, then close.",
    )


@signed_in
def add_entry(request: HttpRequest, reference: str) -> HttpResponse:
    def handle(case: Any, form: Any) -> None:
        data = form.cleaned_data
        casework.add_entry(
            case=case,
            by=request.user,
            kind=data["kind"],
            occurred_on=data["occurred_on"],
            summary=data["summary"],
            text=data["text"],
            data_category=form.data_category(),
        )

    return case_form(
        request,
        reference,
        action=Action.CONTRIBUTE,
        make_form=lambda case, access, data: f.EntryForm(data, initial={"occurred_on": timezone.localdate()}),
        handle=handle,
        title="Record a contact or note",
        success="Added to the timeline",
    )


@signed_in
def assess_needs(request: HttpRequest, reference: str) -> HttpResponse:
    def handle(case: Any, form: Any) -> None:
        data = form.cleaned_data
        casework.assess_needs(
            case=case,
            by=request.user,
            stage=data["stage"],
            assessed_on=data["on"],
            levels=form.levels(),
            notes=data["notes"],
        )

    return case_form(
        request,
        reference,
        action=Action.CONTRIBUTE,
        make_form=lambda case, access, data: f.NeedsForm(data, initial={"on": timezone.localdate()}),
        handle=handle,
        title="Assess needs",
        success="Needs assessment saved",
        intro="Rate each area at the start, at reviews and at the close: the Board report compares them.",
    )


@signed_in
def add_action(request: HttpRequest, reference: str) -> HttpResponse:
    def handle(case: Any, form: Any) -> None:
        casework.add_action(case=case, by=request.user, **form.cleaned_data)

    return case_form(
        request,
        reference,
        action=Action.CONTRIBUTE,
        make_form=lambda case, access, data: f.ActionForm(data, initial={"owner_organisation": case.owner}),
        handle=handle,
        title="Add an action to the plan",
        success="Action added to the plan",
    )


@signed_in
@require_POST
def finish_action(request: HttpRequest, reference: str, pk: int) -> HttpResponse:
    case, _ = case_for(request.user, reference, Action.CONTRIBUTE, request=request)
    action = get_object_or_404(PlanAction, pk=pk, case=case)
    status = request.POST.get("status", "")
    if status in (ActionStatus.DONE, ActionStatus.CANCELLED) and action.status == ActionStatus.OPEN:
        casework.finish_action(action=action, by=request.user, status=status)
        messages.success(request, f"Action marked {ActionStatus(status).label.lower()}")
    return redirect("cases:detail", reference=case.reference)


@signed_in
def record_intervention(request: HttpRequest, reference: str, pk: int | None = None) -> HttpResponse:
    def make_form(case: Any, access: Any, data: Any) -> f.InterventionForm:
        item = get_object_or_404(Intervention, pk=pk, case=case) if pk else None
        initial = (
            {
                "service": item.service,
                "status": item.status,
                "referred_on": item.referred_on,
                "started_on": item.started_on,
                "ended_on": item.ended_on,
                "notes": item.notes,
            }
            if item
            else {"referred_on": timezone.localdate()}
        )
        return f.InterventionForm(data, initial=initial)

    def handle(case: Any, form: Any) -> None:
        item = get_object_or_404(Intervention, pk=pk, case=case) if pk else None
        casework.record_intervention(case=case, by=request.user, intervention=item, **form.cleaned_data)

    return case_form(
        request,
        reference,
        action=Action.CONTRIBUTE,
        make_form=make_form,
        handle=handle,
        title="Update the intervention" if pk else "Add an intervention",
        success="Intervention saved",
    )


@signed_in
def record_outcomes(request: HttpRequest, reference: str) -> HttpResponse:
    def handle(case: Any, form: Any) -> None:
        data = form.cleaned_data
        casework.record_outcomes(
            case=case, by=request.user, stage=data["stage"], scored_on=data["on"], scores=form.scores()
        )

    return case_form(
        request,
        reference,
        action=Action.CONTRIBUTE,
        make_form=lambda case, access, data: f.OutcomesForm(data, initial={"on": timezone.localdate()}),
        handle=handle,
        title="Record outcomes",
        success="Outcomes recorded",
        intro="Score each scale with the person. Scales are defined by the partnership; leave one blank to skip it.",
    )


@signed_in
def add_team_member(request: HttpRequest, reference: str) -> HttpResponse:
    return case_form(
        request,
        reference,
        action=Action.MANAGE_TEAM,
        make_form=lambda case, access, data: f.TeamForm(data),
        handle=lambda case, form: casework.add_team_member(case=case, by=request.user, **form.cleaned_data),
        title="Add an agency to the team",
        success="Agency added to the team",
        intro="Agencies in the team can see the case and add to it. They see health, ethnicity and sexual "
        "orientation only if a sharing agreement with consent covers them.",
    )


@signed_in
def set_lead_worker(request: HttpRequest, reference: str) -> HttpResponse:
    return case_form(
        request,
        reference,
        action=Action.MANAGE_TEAM,
        make_form=lambda case, access, data: f.LeadWorkerForm(data, case=case),
        handle=lambda case, form: casework.set_lead_worker(
            case=case, by=request.user, worker=form.cleaned_data["worker"]
        ),
        title="Choose the lead worker",
        success="Lead worker set",
    )


def _owner_agreements(case: Any) -> Any:
    return agreements_in_force(case.owner, timezone.localdate()).filter(programmes=case.programme)


@signed_in
def record_consent(request: HttpRequest, reference: str) -> HttpResponse:
    return case_form(
        request,
        reference,
        action=Action.RECORD_CONSENT,
        make_form=lambda case, access, data: f.ConsentForm(
            data, agreements=_owner_agreements(case), initial={"recorded_on": timezone.localdate()}
        ),
        handle=lambda case, form: sharing.record_consent(case=case, by=request.user, **form.cleaned_data),
        title="Record consent to sharing",
        success="Consent recorded",
        intro="The latest record for an agreement counts: withdrawing consent stops sharing under it at once.",
    )


@signed_in
def record_exception(request: HttpRequest, reference: str) -> HttpResponse:
    return case_form(
        request,
        reference,
        action=Action.RECORD_CONSENT,
        make_form=lambda case, access, data: f.ExceptionForm(data, agreements=_owner_agreements(case)),
        handle=lambda case, form: sharing.record_exception(case=case, by=request.user, **form.cleaned_data),
        title="Share without consent",
        success="Lawful exception recorded",
        intro="Only where the law allows it, for example when seeking consent would prejudice the prevention "
        "or detection of crime. The reason is kept with the case and shown to the person on request.",
        button="Record the exception",
    )


@signed_in
def match_volunteer(request: HttpRequest, reference: str) -> HttpResponse:
    def make_form(case: Any, access: Any, data: Any) -> f.MatchForm:
        pool = Volunteer.objects.filter(organisation=organisation_of(request.user)).prefetch_related("domains")
        return f.MatchForm(data, suggestions=volunteers.suggested_volunteers(case, pool, timezone.localdate()))

    return case_form(
        request,
        reference,
        action=Action.CONTRIBUTE,
        make_form=make_form,
        handle=lambda case, form: volunteers.match_volunteer(
            case=case, by=request.user, volunteer=form.cleaned_data["volunteer"]
        ),
        title="Match a volunteer",
        success="Volunteer matched",
        intro="Your agency's volunteers with a DBS check from the last 3 years and finished training, "
        "those who can help with most of the case's needs first.",
    )


@signed_in
def update_asb_review(request: HttpRequest, reference: str) -> HttpResponse:
    def make_form(case: Any, access: Any, data: Any) -> f.AsbReviewForm:
        review = get_object_or_404(AsbReview, case=case)
        fields = ("decision_on", "meeting_on", "outcome_sent_on", "recommendations")
        return f.AsbReviewForm(data, initial={name: getattr(review, name) for name in fields})

    return case_form(
        request,
        reference,
        action=Action.CONTRIBUTE,
        make_form=make_form,
        handle=lambda case, form: asb.update_review(review=case.asb_review, by=request.user, **form.cleaned_data),
        title="Update the ASB case review",
        success="Case review updated",
    )

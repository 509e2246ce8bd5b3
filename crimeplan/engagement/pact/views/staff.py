"""The neighbourhood team's pages: neighbourhoods, meetings, cycles (moderation, voting, adoption) and updates."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from crimeplan.core.forms import attempt
from crimeplan.core.permissions import requires
from crimeplan.engagement.pact import selectors
from crimeplan.engagement.pact.forms import (
    AdoptForm,
    CancelMeetingForm,
    CycleForm,
    MeetingForm,
    MinutesForm,
    ModerateForm,
    NeighbourhoodForm,
    UpdateForm,
)
from crimeplan.engagement.pact.models import Cycle, Meeting, Neighbourhood, Priority
from crimeplan.engagement.pact.permissions import RUN
from crimeplan.engagement.pact.services import cycles, neighbourhoods


def _place(slug: str) -> Neighbourhood:
    return get_object_or_404(Neighbourhood, slug=slug)


@requires(RUN)
def staff_index(request: HttpRequest) -> HttpResponse:
    form = NeighbourhoodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, place = attempt(form, lambda: neighbourhoods.save_neighbourhood(user=request.user, **form.cleaned_data))
        if ok and place is not None:
            return redirect("pact:manage", slug=place.slug)
    return render(request, "pact/staff_index.html", {"neighbourhoods": selectors.neighbourhoods(), "form": form})


@requires(RUN)
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    place = _place(slug)
    cycle_form = CycleForm(request.POST if "start_cycle" in request.POST else None)
    meeting_form = MeetingForm(request.POST if "schedule" in request.POST else None)
    if cycle_form.is_bound and cycle_form.is_valid():
        ok, cycle = attempt(cycle_form, lambda: cycles.start_cycle(user=request.user, neighbourhood=place,
                                                                     **cycle_form.cleaned_data))  # fmt: skip
        if ok and cycle is not None:
            return redirect("pact:cycle", slug=slug, pk=cycle.pk)
    if meeting_form.is_bound and meeting_form.is_valid():
        data = dict(meeting_form.cleaned_data)
        starts_at = timezone.make_aware(dt.datetime.combine(data.pop("day"), data.pop("time")))
        ok, _ = attempt(meeting_form, lambda: neighbourhoods.schedule_meeting(
            user=request.user, neighbourhood=place, starts_at=starts_at, **data))  # fmt: skip
        if ok:
            messages.success(request, "Meeting scheduled.")
            return redirect("pact:manage", slug=slug)
    context = {
        "neighbourhood": place,
        "cycles": place.cycles.order_by("-started_at"),
        "meetings": selectors.meetings(place),
        "cycle_form": cycle_form,
        "meeting_form": meeting_form,
        "form": cycle_form if cycle_form.errors else meeting_form,
    }
    return render(request, "pact/manage.html", context)


def _cycle_post(request: HttpRequest, cycle: Cycle) -> tuple[object | None, AdoptForm | None]:
    """Handle one of the cycle page's forms; the form with errors (to show), or None when done."""
    if "moderate" in request.POST:
        issue = get_object_or_404(cycle.issues, pk=request.POST.get("issue"))
        form = ModerateForm(request.POST)
        if form.is_valid() and attempt(form, lambda: cycles.moderate_issue(
                user=request.user, issue=issue, accept=form.cleaned_data["decision"] == "accept",
                note=form.cleaned_data["note"]))[0]:  # fmt: skip
            return None, None
        return _page_errors(form, f"“{issue.title}”: "), None
    if "advance" in request.POST:
        page = forms.Form({})
        page.is_valid()
        done = attempt(page, lambda: cycles.advance_cycle(user=request.user, cycle=cycle))[0]
        return (None, None) if done else (page, None)
    adopt = AdoptForm(request.POST, issues=selectors.ballot_issues(cycle))
    if adopt.is_valid() and attempt(adopt, lambda: cycles.adopt_priority(user=request.user, cycle=cycle,
                                                                          **adopt.cleaned_data))[0]:  # fmt: skip
        return None, None
    return adopt, adopt


def _page_errors(form: forms.Form, prefix: str) -> forms.Form:
    """The form's messages as page-level errors (the moderation controls are one per issue, so no field ids)."""
    page = forms.Form({})
    page.is_valid()
    for messages_ in form.errors.values():
        for message in messages_:
            page.add_error(None, prefix + str(message))
    return page


@requires(RUN)
def cycle(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = _place(slug)
    current = get_object_or_404(Cycle, neighbourhood=place, pk=pk)
    errors, adopt = None, None
    if request.method == "POST":
        errors, adopt = _cycle_post(request, current)
        if errors is None:
            return redirect("pact:cycle", slug=slug, pk=pk)
    context = {
        "neighbourhood": place,
        "cycle": current,
        "issues": current.issues.order_by("status", "created_at"),
        "form": errors,
        "adopt_form": adopt or AdoptForm(issues=selectors.ballot_issues(current)),
        "results": selectors.results(current) if current.ballots.exists() else None,
        "priorities": current.priorities.order_by("rank"),
    }
    return render(request, "pact/cycle.html", context)


@requires(RUN)
def priority(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = _place(slug)
    chosen = get_object_or_404(Priority, cycle__neighbourhood=place, pk=pk)
    said = chosen.issue.title if chosen.issue else chosen.title
    form = UpdateForm(request.POST or None, initial={"you_said": said})
    if request.method == "POST" and form.is_valid():  # noqa: SIM102
        if attempt(form, lambda: cycles.publish_update(user=request.user, priority=chosen, **form.cleaned_data))[0]:
            messages.success(request, "“You said, we did” published.")
            return redirect("pact:priority", slug=slug, pk=pk)
    return render(request, "pact/priority.html", {"neighbourhood": place, "priority": chosen, "form": form})


@requires(RUN)
def meeting(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = _place(slug)
    chosen = get_object_or_404(Meeting, neighbourhood=place, pk=pk)
    form = MinutesForm(request.POST or None, initial={"minutes": chosen.minutes, "attendees": chosen.attendees})
    record = neighbourhoods.record_minutes
    if request.method == "POST" and form.is_valid():  # noqa: SIM102
        if attempt(form, lambda: record(user=request.user, meeting=chosen, **form.cleaned_data))[0]:
            messages.success(request, "Minutes published: the meeting is recorded as held.")
            return redirect("pact:meeting", slug=slug, pk=pk)
    return render(request, "pact/meeting.html", {"neighbourhood": place, "meeting": chosen, "form": form})


@requires(RUN)
def cancel_meeting(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Cancel a scheduled meeting with a reason residents will read."""
    place = _place(slug)
    chosen = get_object_or_404(Meeting, neighbourhood=place, pk=pk)
    form = CancelMeetingForm(request.POST or None)
    cancel = neighbourhoods.cancel_meeting
    if request.method == "POST" and form.is_valid():  # noqa: SIM102
        if attempt(form, lambda: cancel(user=request.user, meeting=chosen, reason=form.cleaned_data["reason"]))[0]:
            messages.success(request, "Meeting cancelled: the neighbourhood's page says so, with your reason.")
            return redirect("pact:meeting", slug=slug, pk=pk)
    return render(request, "pact/cancel_meeting.html", {"neighbourhood": place, "meeting": chosen, "form": form})

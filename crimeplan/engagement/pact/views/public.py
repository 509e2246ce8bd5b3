"""Public PACT pages: each neighbourhood's priorities, meetings and results; proposing; taking part by link."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render

from crimeplan.core.forms import attempt
from crimeplan.core.permissions import public
from crimeplan.core.ratelimit import client_address, limit
from crimeplan.engagement.pact import selectors
from crimeplan.engagement.pact.constants import LINK_REQUEST_LIMIT, PROPOSAL_LIMIT, VOTE_LIMIT, CycleStage
from crimeplan.engagement.pact.forms import BallotForm, LinkRequestForm, ProposalForm
from crimeplan.engagement.pact.members import verified_member
from crimeplan.engagement.pact.models import Ballot, Cycle, Neighbourhood
from crimeplan.engagement.pact.services.cycles import propose_issue
from crimeplan.engagement.pact.services.links import send_link
from crimeplan.engagement.pact.services.votes import cast_ballot
from crimeplan.engagement.pact.tokens import read_token


def _neighbourhood(slug: str) -> Neighbourhood:
    return get_object_or_404(Neighbourhood, slug=slug)


@public
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "pact/index.html", {"neighbourhoods": selectors.neighbourhoods()})


@public
def neighbourhood(request: HttpRequest, slug: str) -> HttpResponse:
    place = _neighbourhood(slug)
    cycle = selectors.current_cycle(place)
    counted = place.cycles.filter(stage__in=[CycleStage.COUNTED, CycleStage.ADOPTED]).order_by("-started_at").first()
    context = {
        "neighbourhood": place,
        "cycle": cycle,
        "issues": selectors.ballot_issues(cycle) if cycle else [],
        "priorities": selectors.priorities(place),
        "meetings": selectors.meetings(place)[:10],
        "counted": counted,
        "results": selectors.results(counted) if counted else None,
    }
    return render(request, "pact/neighbourhood.html", context)


@public
def priorities_json(request: HttpRequest, slug: str) -> JsonResponse:
    """The neighbourhood's priorities in the police.uk neighbourhood priorities shape (a JSON list)."""
    return JsonResponse(selectors.priorities_feed(_neighbourhood(slug)), safe=False)


def _proposal(request: HttpRequest, cycle: Cycle, member: object = None) -> tuple[ProposalForm, bool]:
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():

        def propose() -> object:
            limit("pact-propose", client_address(request), times=PROPOSAL_LIMIT[0], per_s=PROPOSAL_LIMIT[1],
                  message="You have proposed several issues in the last hour: try again later.")  # fmt: skip
            return propose_issue(cycle=cycle, member=member, **form.cleaned_data)

        return form, attempt(form, propose)[0]
    return form, False


@public
def propose(request: HttpRequest, slug: str) -> HttpResponse:
    place = _neighbourhood(slug)
    cycle = selectors.current_cycle(place)
    if cycle is None or cycle.stage != CycleStage.PROPOSALS:
        return render(request, "pact/closed.html", {"neighbourhood": place, "cycle": cycle})
    form, done = _proposal(request, cycle)
    if done:
        return render(request, "pact/proposed.html", {"neighbourhood": place})
    return render(request, "pact/propose.html", {"neighbourhood": place, "cycle": cycle, "form": form})


@public
def request_link(request: HttpRequest, slug: str) -> HttpResponse:
    place = _neighbourhood(slug)
    form = LinkRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]

        def send() -> bool:
            for who in (client_address(request), email):
                limit("pact-link", who, times=LINK_REQUEST_LIMIT[0], per_s=LINK_REQUEST_LIMIT[1], field="email",
                      message="Too many requests for a link: try again in an hour.")  # fmt: skip
            base = request.build_absolute_uri("/")
            return send_link(neighbourhood=place, email=email, base_url=base, request=request)

        if attempt(form, send)[0]:
            return render(request, "pact/link_sent.html", {"neighbourhood": place, "email": email})
    return render(request, "pact/request_link.html", {"neighbourhood": place, "form": form})


@public
def take_part(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """A verified member's page: propose an issue while proposals are open, vote once while voting is open."""
    place = _neighbourhood(slug)
    member_pk = read_token(token, slug)
    member = verified_member(place, member_pk) if member_pk is not None else None
    if member is None:
        raise Http404("This link is not valid: it may have expired. Ask for a new one.")
    cycle = selectors.current_cycle(place)
    context: dict[str, object] = {"neighbourhood": place, "cycle": cycle}
    if cycle is None or cycle.stage not in (CycleStage.PROPOSALS, CycleStage.VOTING):
        return render(request, "pact/closed.html", context)
    if cycle.stage == CycleStage.PROPOSALS:
        form, done = _proposal(request, cycle, member)
        if done:
            return render(request, "pact/proposed.html", context)
        return render(request, "pact/propose.html", {**context, "form": form})
    voted = Ballot.objects.filter(cycle=cycle, member=member).first()
    if voted is not None:
        return render(request, "pact/voted.html", {**context, "ballot": voted})
    return _vote(request, cycle, member, context)


def _vote(request: HttpRequest, cycle: Cycle, member: Any, context: dict[str, object]) -> HttpResponse:
    from crimeplan.engagement.selectors.members import has_answered

    form = BallotForm(request.POST or None, issues=selectors.ballot_issues(cycle), answered=has_answered(member))
    if request.method == "POST" and form.is_valid():

        def vote() -> Ballot:
            limit("pact-vote", client_address(request), times=VOTE_LIMIT[0], per_s=VOTE_LIMIT[1],
                  message="Too many votes from this connection: try again in an hour.")  # fmt: skip
            data = form.cleaned_data
            return cast_ballot(cycle=cycle, member=member, issues=list(data["choices"]),
                               age_band=data.get("age_band", ""), ethnicity=data.get("ethnicity", ""),
                               request=request)  # fmt: skip

        if attempt(form, vote)[0]:
            return redirect(request.path)
    return render(request, "pact/vote.html", {**context, "form": form, "max_choices": 3})

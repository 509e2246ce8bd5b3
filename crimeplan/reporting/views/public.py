"""The public report: a start page, one question a page, check answers, and the tracking code.

Every page is ``never_cache`` (no-store), so after "Leave this site" clears the answers the back
button shows an empty form, not what was typed.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from crimeplan.core import ratelimit
from crimeplan.core.permissions import public
from crimeplan.reporting import journey
from crimeplan.reporting.constants import REPORTS_PER_HOUR, IncidentKind, Reporter
from crimeplan.reporting.selectors import active_strands
from crimeplan.reporting.services.codes import display
from crimeplan.reporting.services.reports import make_report

EXIT_TO = "https://www.bbc.co.uk/weather"
DONE = "hate_report_done"


@public
@never_cache
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "reporting/start.html", {"strands": active_strands()})


@public
@never_cache
def question(request: HttpRequest, slug: str) -> HttpResponse:
    step = journey.BY_SLUG.get(slug)
    if step is None:
        raise Http404("No such question")
    answers = request.session.get(journey.ANSWERS, {})
    if not journey.applies(step, answers):
        return redirect("reporting:question", slug=journey.next_step(slug, answers) or "who")
    form = step.form(request.POST if request.method == "POST" else None, initial=journey.initial(answers, step))
    if request.method == "POST" and form.is_valid():
        answers = journey.store(answers, slug, form.cleaned_data)
        request.session[journey.ANSWERS] = answers
        following = journey.next_step(slug, answers)
        if request.GET.get("change") or following is None:
            return redirect(_after_change(answers))
        return redirect("reporting:question", slug=following)
    names = [f"reporting/questions/{slug.replace('-', '_')}.html", "reporting/question.html"]
    return render(request, names, {"form": form, "step": step})


def _after_change(answers: dict[str, Any]) -> str:
    missing = journey.first_missing(answers)
    return reverse("reporting:question", args=[missing]) if missing else reverse("reporting:check")


def _rows(answers: dict[str, Any]) -> list[dict[str, str]]:
    strands = dict(active_strands().values_list("slug", "label"))
    place = answers.get("online_platform") if answers.get("place") == "online" else answers.get("postcode")
    safety = dict(journey.SafetyForm.base_fields["safety"].choices)  # type: ignore[attr-defined]
    rows = [
        ("Who is reporting", Reporter(answers["reporter"]).label, "who"),
        ("What happened", answers["description"], "what"),
        ("A crime?", IncidentKind(answers["incident_kind"]).label, "crime"),
        ("When", answers["occurred_on"], "when"),
        ("Where", f"Online: {place}" if answers.get("place") == "online" else place, "where"),
        ("Why", ", ".join(strands.get(s, s) for s in answers["strands"]), "why"),
        ("Who did it", answers.get("offender") or "Not known", "who-did-it"),
        ("Your safety", ", ".join(safety[s] for s in answers.get("safety", [])) or "Nothing added", "safety"),
        ("Pass to the police", answers["consent_police"].capitalize(), "police"),
        ("Support service can contact you", answers["consent_support"].capitalize(), "support"),
        (
            "Contact",
            ", ".join(filter(None, [answers.get(k) for k in ("contact_name", "email", "phone")])) or "Anonymous",
            "contact",
        ),
    ]
    return [{"label": label, "value": str(value), "slug": slug} for label, value, slug in rows]


@public
@never_cache
def check(request: HttpRequest) -> HttpResponse:
    """Check your answers, then send: honeypot and a per-client limit instead of a captcha."""
    answers = request.session.get(journey.ANSWERS, {})
    missing = journey.first_missing(answers)
    if missing:
        return redirect("reporting:question", slug=missing)
    problem = ""
    if request.method == "POST":
        if request.POST.get("website"):  # the honeypot: people never see or fill it
            return redirect("reporting:start")
        if not ratelimit.hit("hate-report", ratelimit.client_address(request), times=REPORTS_PER_HOUR, per_s=3600):
            problem = "Too many reports have been sent from here. Try again in an hour, or call 101."
        else:
            try:
                report = make_report(user=request.user, details=journey.details(answers))
            except ValidationError as exc:
                problem = " ".join(exc.messages)
            else:
                request.session.pop(journey.ANSWERS, None)
                request.session[DONE] = report.tracking_code
                return redirect("reporting:done")
    return render(request, "reporting/check.html", {"rows": _rows(answers), "problem": problem})


@public
@never_cache
def done(request: HttpRequest) -> HttpResponse:
    code = request.session.get(DONE)
    if not code:
        return redirect("reporting:start")
    return render(request, "reporting/done.html", {"code": display(code)})


@public
@never_cache
def leave(request: HttpRequest) -> HttpResponse:
    """ "Leave this site": forget the answers and go somewhere ordinary."""
    for key in (journey.ANSWERS, DONE):
        request.session.pop(key, None)
    return redirect(EXIT_TO)

"""The public application journey: start, the question pages, costs, outcomes, check answers, submit."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.forms import attempt
from crimeplan.core.permissions import public
from crimeplan.core.ratelimit import limit
from crimeplan.crimedata.selectors import lsoa_features
from crimeplan.geography.models import Lsoa
from crimeplan.grants import access, journey, selectors
from crimeplan.grants.constants import AreaLevel, Purpose
from crimeplan.grants.eligibility import Screening, screen
from crimeplan.grants.forms import BudgetLineForm, OutcomeForm, ScreeningForm, StartForm
from crimeplan.grants.models import Application, Round
from crimeplan.grants.services import applications as services

SCREENED = "grants_screened"


@public
def eligibility(request: HttpRequest, pk: int) -> HttpResponse:
    """The first questions: can the organisation apply? A kind answer at once if it cannot."""
    round_ = get_object_or_404(Round.objects.select_related("fund"), pk=pk)
    form = ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        answers = Screening(
            org_type=data["org_type"],
            has_constitution=data["has_constitution"],
            has_bank_account=data["has_bank_account"],
            amount=data["amount"],
            purposes=frozenset(data["purposes"]),
        )
        failures = screen(services.fund_terms(round_.fund), answers)
        if failures:
            context = {"round": round_, "failures": failures}
            return render(request, "grants/apply/cannot_apply.html", context)
        screened = request.session.get(SCREENED, {})
        screened[str(round_.pk)] = {"org_type": answers.org_type, "has_constitution": answers.has_constitution}
        request.session[SCREENED] = screened
        return redirect(reverse("grants:start", args=[round_.pk]) + "#email")
    return render(request, "grants/apply/eligibility.html", {"round": round_, "form": form})


def _screened_answers(request: HttpRequest, round_: Round) -> dict[str, object]:
    """What the screening questions already told us (the organisation type, a constitution)."""
    found = request.session.get(SCREENED, {}).get(str(round_.pk), {})
    keep = {"org_type": found.get("org_type", "")}
    if found.get("org_type") == "community_group":
        keep["has_constitution"] = found.get("has_constitution")
    return keep if keep["org_type"] else {}


@public
def start(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round.objects.select_related("fund"), pk=pk)
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            limit(
                "grant-email", form.cleaned_data["email"], times=settings.EMAILS_PER_ADDRESS_LIMIT, per_s=3600,
                message="We have sent several emails to this address in the last hour. Check your inbox (and spam "
                "folder) for the link, or try again later.",
            )  # fmt: skip
            application, _ = services.start_application(
                round_=round_, email=form.cleaned_data["email"], request=request
            )
        except ApplicationError as exc:
            form.add_error("email", exc.message)
        else:
            access.remember(request, application)
            screened = _screened_answers(request, round_)
            if screened:
                services.save_answers(application=application, answers=screened)
            return redirect("grants:tasks", pk=application.pk)
    context = {
        "round": round_,
        "form": form,
        "screened": bool(_screened_answers(request, round_)) or form.errors,
        "excluded": [Purpose(p).label for p in round_.fund.excluded_purposes],
    }
    return render(request, "grants/apply/start.html", context)


@public
def return_to(request: HttpRequest, token: str) -> HttpResponse:
    application = access.application_for_token(token)
    if application is None:
        return render(request, "grants/apply/link_expired.html", {"form": StartForm(), "expired": True}, status=404)
    access.remember(request, application)
    if application.is_draft:
        return redirect("grants:check", pk=application.pk)
    return redirect("grants:status", pk=application.pk)


@public
def new_link(request: HttpRequest) -> HttpResponse:
    """Email me a new link: to every application of the address; the same answer whether or not there are any."""
    form = StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            limit(
                "grant-email", form.cleaned_data["email"], times=settings.EMAILS_PER_ADDRESS_LIMIT, per_s=3600,
                message="We have sent several emails to this address in the last hour. Check your inbox (and spam "
                "folder) for the link, or try again later.",
            )  # fmt: skip
        except ApplicationError as exc:
            form.add_error("email", exc.message)
        else:
            services.send_new_links(email=form.cleaned_data["email"], request=request)
            return render(request, "grants/apply/new_link_sent.html", {"email": form.cleaned_data["email"]})
    return render(request, "grants/apply/link_expired.html", {"form": form})


@public
def mine(request: HttpRequest) -> HttpResponse:
    ids = access.own_application_ids(request)
    found = Application.objects.filter(pk__in=ids).select_related("round__fund")
    return render(request, "grants/apply/mine.html", {"applications": found})


def _draft(request: HttpRequest, pk: int) -> Application:
    application = access.own_application(request, pk)
    if not application.is_draft:
        raise ApplicationError(
            f"Application {application.reference} has been submitted, so its answers cannot be changed.", status=409
        )
    return application


def _after(request: HttpRequest, application: Application, slug: str) -> HttpResponse:
    following = journey.next_slug(slug)
    if request.GET.get("check") or following is None:
        return redirect("grants:check", pk=application.pk)
    return redirect("grants:step", pk=application.pk, slug=following)


@public
def step(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    application = _draft(request, pk)
    page = journey.BY_SLUG.get(slug)
    if page is None:
        raise Http404("No such question")
    if page.form is None:
        return _list_page(request, application, slug)
    if slug == "areas" and not application.area_level:
        return redirect("grants:step", pk=pk, slug="area-level")
    csp = request.GET.get("csp") or request.POST.get("csp")
    kwargs = journey.form_kwargs(page, application, csp)
    if slug == "areas" and request.method == "POST" and request.POST.get("action") == "show":
        return _show_other_csp(request, application, kwargs["choices"])
    form = page.form(request.POST or None, initial=journey.initial(page, application), **kwargs)
    if request.method == "POST" and form.is_valid():
        shown = [code for code, _ in kwargs.get("choices", [])] if slug == "areas" else []
        services.save_answers(
            application=application, answers=journey.answers(page, application, form.cleaned_data, shown)
        )
        return _after(request, application, slug)
    context = {"application": application, "page": page, "form": form, "check": request.GET.get("check")}
    if slug == "areas":
        context.update(_area_context(application, csp))
    return render(request, "grants/apply/step.html", context)


def _show_other_csp(request: HttpRequest, application: Application, choices: list[tuple[str, str]]) -> HttpResponse:
    """Keep the boxes ticked on this partnership's list, then show another partnership's areas."""
    shown = [code for code, _ in choices]
    ticked = [code for code in request.POST.getlist("area_codes") if code in shown]
    kept = [c for c in application.area_codes if c not in shown] + ticked
    services.save_answers(application=application, answers={"area_codes": kept})
    query = {"csp": request.POST.get("switch_to", "")[:12]}
    if request.GET.get("check"):
        query["check"] = "1"
    return redirect(reverse("grants:step", args=[application.pk, "areas"]) + "?" + urlencode(query))


def _area_context(application: Application, csp: str | None) -> dict[str, object]:
    choices, _, shown = journey.area_choices(application, csp)
    listed = {code for code, _ in choices}
    return {
        "csps": journey.csps_for(application),
        "shown_csp": shown,
        "chosen_elsewhere": len([code for code in application.area_codes if code not in listed]),
        "map_level": application.area_level if application.area_level != AreaLevel.CSP else "",
    }


def _list_page(request: HttpRequest, application: Application, slug: str) -> HttpResponse:
    form_class = BudgetLineForm if slug == "budget" else OutcomeForm
    form = form_class(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "add" and form.is_valid():
        add = services.add_budget_line if slug == "budget" else services.add_outcome
        added, _ = attempt(form, lambda: add(application=application, **form.cleaned_data))
        if added:
            return redirect(request.get_full_path())
    if request.method == "POST" and request.POST.get("action") == "continue":
        return _after(request, application, slug)
    items = application.budget_lines.all() if slug == "budget" else application.outcomes.all()
    context = {"application": application, "page": journey.BY_SLUG[slug], "form": form, "items": items}
    return render(request, f"grants/apply/{slug}.html", context)


@public
@require_POST
def remove(request: HttpRequest, pk: int, kind: str, item: int) -> HttpResponse:
    application = _draft(request, pk)
    if kind not in ("budget", "outcome"):
        raise Http404("Nothing of that kind to remove")
    services.remove_item(application=application, kind=kind, pk=item)
    url = reverse("grants:step", args=[pk, "budget" if kind == "budget" else "outcomes"])
    return redirect(url + ("?check=1" if request.POST.get("check") else ""))


@public
def check(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.own_application(request, pk)
    if not application.is_draft:
        return redirect("grants:status", pk=pk)
    failures = application.eligibility
    if request.method == "POST":
        found = services.submit_application(application=application, request=request)
        if not found:
            return redirect("grants:confirmation", pk=pk)
        failures = [f.as_dict() for f in found]
    context = {
        "application": application,
        "summary": selectors.answer_rows(application),
        "failures": [
            {**f, "href": reverse("grants:step", args=[pk, journey.FIELD_STEP.get(f["field"], "project")]) + "?check=1"}
            for f in failures
        ],
    }
    return render(request, "grants/apply/check.html", context, status=200)


@public
def tasks(request: HttpRequest, pk: int) -> HttpResponse:
    """The task list: the 12 steps, which are done, and the way to check and send."""
    application = access.own_application(request, pk)
    if not application.is_draft:
        return redirect("grants:status", pk=pk)
    found = journey.tasks(application)
    done = sum(1 for t in found if t.status == "done")
    required = sum(1 for t in found if t.status != "optional")
    context = {"application": application, "tasks": found, "done": done, "required": required}
    return render(request, "grants/apply/tasks.html", context)


@public
def confirmation(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.own_application(request, pk)
    if application.is_draft:
        return redirect("grants:check", pk=pk)
    return render(request, "grants/apply/confirmation.html", {"application": application})


@public
def status(request: HttpRequest, pk: int) -> HttpResponse:
    application = access.own_application(request, pk)
    if application.is_draft:
        return redirect("grants:check", pk=pk)
    context = {"application": application, "summary": selectors.answer_rows(application)}
    return render(request, "grants/apply/status.html", context)


@public
def area_geojson(request: HttpRequest, csp: str) -> JsonResponse:
    """The LSOAs of a CSP as GeoJSON (code, name, ward), for the map on the areas page."""
    rows = [
        {"code": code, "name": name, "ward": ward}
        for code, name, ward in Lsoa.objects.filter(local_authority__csp_id=csp).values_list("code", "name", "ward_id")
    ]
    if not rows:
        return JsonResponse({"detail": f"No LSOAs are loaded for {csp}."}, status=404)
    try:
        return JsonResponse(lsoa_features(rows, {"csp": csp}))
    except ApplicationError as exc:
        return JsonResponse({"detail": exc.message}, status=404)

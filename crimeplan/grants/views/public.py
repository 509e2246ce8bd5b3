"""Public pages: funds and open rounds, the transparency publication, 360Giving files, project pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from crimeplan.core.downloads import attachment
from crimeplan.core.permissions import public
from crimeplan.grants import publication, selectors
from crimeplan.grants.eligibility import RULES, rules_for
from crimeplan.grants.impact import impact_for
from crimeplan.grants.services.exports import export_grants


@public
def index(request: HttpRequest) -> HttpResponse:
    context = {"open_rounds": selectors.open_rounds(), "funds": selectors.public_funds()}
    return render(request, "grants/index.html", context)


@public
def fund_detail(request: HttpRequest, slug: str) -> HttpResponse:
    fund = get_object_or_404(selectors.public_funds(), slug=slug)
    rules = [(rule.code, type(rule).summary) for rule in rules_for(fund.rules)]
    return render(request, "grants/fund.html", {"fund": fund, "rules": rules, "all_rules": len(RULES)})


def _month(request: HttpRequest) -> str | None:
    return request.GET.get("month") or None


@public
def published(request: HttpRequest) -> HttpResponse:
    month = _month(request)
    rows = publication.transparency_rows(month)
    months = sorted({r["Date awarded"][:7] for r in publication.transparency_rows()}, reverse=True)
    return render(request, "grants/published.html", {"rows": rows, "month": month, "months": months})


@public
def published_csv(request: HttpRequest) -> HttpResponse:
    month = _month(request)
    export = export_grants(fmt="transparency-csv", month=month, request=request)
    return attachment(export.body, export.filename, export.content_type)


@public
def threesixty(request: HttpRequest, fmt: str) -> HttpResponse:
    export = export_grants(fmt="360giving-csv" if fmt == "csv" else "360giving", month=_month(request), request=request)
    return attachment(export.body, export.filename, export.content_type)


@public
def project(request: HttpRequest, reference: str) -> HttpResponse:
    award = selectors.award_by_reference(reference)
    areas = publication.area_names(award.application.area_level, list(award.application.area_codes))
    context = {"award": award, "application": award.application, "areas": areas, "impact": impact_for(award)}
    return render(request, "grants/project.html", context)

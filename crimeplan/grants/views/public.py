"""Public pages: funds and open rounds, the transparency publication, 360Giving files, project pages."""

from __future__ import annotations

import json

from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from crimeplan.audit.events import DataExported
from crimeplan.audit.services import record_event
from crimeplan.core.downloads import CSV, JSON, attachment
from crimeplan.core.exceptions import ApplicationError
from crimeplan.core.permissions import public
from crimeplan.grants import publication, selectors
from crimeplan.grants.eligibility import RULES, rules_for
from crimeplan.grants.impact import impact_for


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
    rows = publication.transparency_rows(month)
    response = attachment(publication.transparency_csv(rows), f"grants-{month or 'all'}.csv", CSV)
    record_event(DataExported(what="grants transparency publication", format="csv", rows=len(rows)), request=request)
    return response


@public
def threesixty(request: HttpRequest, fmt: str) -> HttpResponse:
    data = publication.package(publication.published_awards(_month(request)))
    if not data["grants"]:
        raise ApplicationError(
            "No grants have been awarded in that period, so there is nothing to publish.", status=404
        )
    errors = publication.validation_errors(data)
    if errors:
        raise ImproperlyConfigured(
            "The 360Giving data does not conform to its schema (check CRIMEPLAN_FUNDER_ID and "
            f"CRIMEPLAN_360_PREFIX): {errors[:3]}"
        )
    if fmt == "csv":
        body, content_type = publication.threesixty_csv(data), CSV
    else:
        body, content_type = json.dumps(data, indent=2, ensure_ascii=False), JSON
    response = attachment(body, f"360giving.{fmt}", content_type)
    record_event(DataExported(what="360Giving grants data", format=fmt, rows=len(data["grants"])), request=request)
    return response


@public
def project(request: HttpRequest, reference: str) -> HttpResponse:
    award = selectors.award_by_reference(reference)
    areas = publication.area_names(award.application.area_level, list(award.application.area_codes))
    context = {"award": award, "application": award.application, "areas": areas, "impact": impact_for(award)}
    return render(request, "grants/project.html", context)

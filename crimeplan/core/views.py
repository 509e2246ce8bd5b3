"""About the data, the accessibility statement, the privacy notices and the cookies page."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from crimeplan.analytics.forces import all_forces
from crimeplan.analytics.geography import ATTRIBUTION
from crimeplan.analytics.readers.rules import RULES
from crimeplan.analytics.vocabulary import Kind
from crimeplan.core import compliance
from crimeplan.core.permissions import public
from crimeplan.core.store import forces_loaded


@public
def about_data(request: HttpRequest) -> HttpResponse:
    forces = all_forces()
    loaded = [
        {
            "name": forces[slug].name if slug in forces else slug,
            "first": months[0],
            "last": months[-1],
            "months": len(months),
        }
        for slug, months in forces_loaded(Kind.STREET).items()
    ]
    rules = [(code, cls.summary) for code, cls in RULES.items()]
    return render(
        request, "core/about_data.html", {"loaded": loaded, "rules": rules, "attribution": ATTRIBUTION.items()}
    )


@public
def accessibility(request: HttpRequest) -> HttpResponse:
    context = {
        "idle_minutes": settings.SESSION_IDLE_SECONDS // 60,
        "prepared_on": compliance.STATEMENT_PREPARED,
        "reviewed_on": compliance.STATEMENT_REVIEWED,
        "tagged_since": compliance.TAGGED_PDFS_SINCE,
    }
    return render(request, "core/accessibility.html", context)


@public
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy/index.html", {"notices": compliance.NOTICES.values()})


@public
def privacy_notice(request: HttpRequest, purpose: str) -> HttpResponse:
    notice = compliance.NOTICES.get(purpose)
    if notice is None:
        raise Http404("There is no privacy notice for that purpose")
    context = {"notice": notice, "dpo_email": settings.DPO_EMAIL, "notices": compliance.NOTICES.values()}
    return render(request, f"core/privacy/{notice.slug}.html", context)


@public
def cookies(request: HttpRequest) -> HttpResponse:
    return render(request, "core/cookies.html", {"cookies": compliance.cookies()})

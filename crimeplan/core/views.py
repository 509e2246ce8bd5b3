"""About the data and Accessibility pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from crimeplan.analytics.forces import all_forces
from crimeplan.analytics.geography import ATTRIBUTION
from crimeplan.analytics.readers.rules import RULES
from crimeplan.analytics.vocabulary import Kind
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
    return render(request, "core/accessibility.html")

"""Home, About the data and Accessibility pages."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from crimeplan.analytics.forces import all_forces
from crimeplan.analytics.vocabulary import Kind
from crimeplan.crimedata import selectors

PLAN_COMMITMENTS = [
    (
        "Serious and organised crime",
        "Map organised crime groups and share data with partners to disrupt them; modern slavery; cybercrime.",
    ),
    ("Community engagement", "Email and text alerts; online PACT meetings."),
    ("Community Safety Partnership funding", "An allocation to every CSP, decided by a transparent formula."),
    ("Grants and commissioning", "Community Action Fund grants up to £2,500; commissioned services."),
    ("Substance misuse", "Treatment services commissioned with the councils."),
    ("Early Action", "Multi-agency support for vulnerable people with complex needs, with volunteers."),
    ("Hate crime", "Third-party reporting and victim referral: more reports is success."),
    ("Road safety", "Fewer people killed or seriously injured on the roads."),
    ("Anti-social behaviour and reoffending", "Community Action Fund, the Reducing Reoffending Fund and Boards."),
]


def home(request: HttpRequest) -> HttpResponse:
    loaded = selectors.forces_loaded(Kind.STREET)
    forces = all_forces()
    summary = [
        {
            "name": forces[slug].name if slug in forces else slug,
            "first": months[0],
            "last": months[-1],
            "months": len(months),
        }
        for slug, months in loaded.items()
    ]
    return render(
        request,
        "core/home.html",
        {"loaded": summary, "commitments": PLAN_COMMITMENTS, "default_force": settings.DEFAULT_FORCE},
    )


def about_data(request: HttpRequest) -> HttpResponse:
    from crimeplan.analytics.geography import ATTRIBUTION
    from crimeplan.analytics.readers.rules import RULES

    rules = [(code, cls.summary) for code, cls in RULES.items()]
    return render(request, "core/about_data.html", {"rules": rules, "attribution": ATTRIBUTION.items()})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")

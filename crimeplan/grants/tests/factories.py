"""Test helpers that build applications in the state a test needs, through the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from crimeplan.grants.models import Application, Round
from crimeplan.grants.services import applications as services
from crimeplan.performance.models import Priority

#: Talbot ward, Blackpool (real ONS code), where the example project works.
TALBOT = "E05001659"


def complete_answers(
    application: Application, *, amount: str = "2400", org_type: str = "community_group"
) -> Application:
    """Every answer filled in, as a community group asking for ``amount`` to work in Talbot ward."""
    services.save_answers(
        application=application,
        answers={
            "org_type": org_type,
            "org_name": "Talbot Youth Boxing Club",
            "has_constitution": True if org_type == "community_group" else None,
            "org_postcode": "FY1 1AA",
            "contact_name": "Sam Jones",
            "contact_phone": "01253 123456",
            "title": "Friday night boxing",
            "summary": "Free supervised boxing sessions for young people.",
            "purpose": "activities",
            "start_date": dt.date.today() + dt.timedelta(days=60),
            "end_date": dt.date.today() + dt.timedelta(days=240),
            "area_level": "ward",
            "area_codes": [TALBOT],
            "priorities": list(Priority.objects.filter(number=8).values_list("pk", flat=True)),
        },
    )
    services.add_budget_line(application=application, item="Coaches", amount=Decimal(amount))
    services.add_outcome(
        application=application, description="Young people take part", measure="Registers", target="40"
    )
    return application


def submitted(round_: Round, *, email: str = "club@example.org", amount: str = "2400") -> Application:
    application, _ = services.start_application(round_=round_, email=email)
    complete_answers(application, amount=amount)
    failures = services.submit_application(application=application)
    assert failures == [], failures
    application.refresh_from_db()
    return application


def scored(application: Application, assessors: list[Any], marks: tuple[int, int] = (4, 3)) -> Application:
    from crimeplan.grants.services import assessment

    criteria = list(application.round.fund.criteria.all())
    for assessor, mark in zip(assessors, marks, strict=True):
        found = assessment.declare_interest(application=application, assessor=assessor, conflict=False, details="")
        assessment.submit_scores(
            assessment=found, scores={c.pk: (mark, "") for c in criteria}, recommendation="fund", comments=""
        )
    application.refresh_from_db()
    return application


def date_fields(name: str, value: dt.date | str) -> dict[str, str]:
    """A date as the GOV.UK date input posts it: ``<name>_day``, ``<name>_month``, ``<name>_year``."""
    day, month, year = (value.day, value.month, value.year) if isinstance(value, dt.date) else value.split()
    return {f"{name}_day": str(day), f"{name}_month": str(month), f"{name}_year": str(year)}

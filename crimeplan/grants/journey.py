"""The pages of the application journey, in order, and what each needs to build its form."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms

from crimeplan.geography.models import CommunitySafetyPartnership, Lsoa, Ward
from crimeplan.grants import forms as journey_forms
from crimeplan.grants.constants import AreaLevel
from crimeplan.grants.models import Application


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    form: type[forms.Form] | None  # None: a page with its own view (budget lines, outcomes)


STEPS = (
    Step("organisation-type", "Type of organisation", journey_forms.OrganisationTypeForm),
    Step("organisation", "About your organisation", journey_forms.OrganisationForm),
    Step("contact", "Who should we contact?", journey_forms.ContactForm),
    Step("project", "About the project", journey_forms.ProjectForm),
    Step("dates", "When will the project run?", journey_forms.DatesForm),
    Step("purpose", "What the money is for", journey_forms.PurposeForm),
    Step("area-level", "Where the project will work", journey_forms.AreaLevelForm),
    Step("areas", "The areas the project will serve", journey_forms.AreasForm),
    Step("priorities", "The plan's priorities", journey_forms.PrioritiesForm),
    Step("budget", "Costs", None),
    Step("match-funding", "Match funding", journey_forms.MatchFundingForm),
    Step("outcomes", "Outcomes", None),
)
BY_SLUG = {step.slug: step for step in STEPS}

#: The page where each answer (or eligibility failure's field) can be changed.
FIELD_STEP = {
    "org_type": "organisation-type",
    "org_name": "organisation",
    "charity_number": "organisation",
    "company_number": "organisation",
    "has_constitution": "organisation",
    "org_postcode": "organisation",
    "contact_name": "contact",
    "contact_phone": "contact",
    "title": "project",
    "summary": "project",
    "start_date": "dates",
    "end_date": "dates",
    "purpose": "purpose",
    "area_level": "area-level",
    "area_codes": "areas",
    "priorities": "priorities",
    "budget": "budget",
    "match_funding": "match-funding",
    "outcomes": "outcomes",
}


#: When each step counts as done (match funding is optional: done once some is entered).
DONE: dict[str, Callable[[Application], bool]] = {
    "organisation-type": lambda a: bool(a.org_type),
    "organisation": lambda a: bool(a.org_name and a.org_postcode),
    "contact": lambda a: bool(a.contact_name and a.contact_phone),
    "project": lambda a: bool(a.title and a.summary),
    "dates": lambda a: bool(a.start_date and a.end_date),
    "purpose": lambda a: bool(a.purpose),
    "area-level": lambda a: bool(a.area_level),
    "areas": lambda a: bool(a.area_codes),
    "priorities": lambda a: a.priorities.exists(),
    "budget": lambda a: a.budget_lines.exists(),
    "match-funding": lambda a: a.match_funding > 0,
    "outcomes": lambda a: a.outcomes.exists(),
}


@dataclass(frozen=True)
class Task:
    step: Step
    status: str  # "done", "to do", "optional" or "cannot start yet"


def tasks(application: Application) -> list[Task]:
    """The task list: every step with whether it is done."""
    found = []
    for step in STEPS:
        if DONE[step.slug](application):
            status = "done"
        elif step.slug == "areas" and not application.area_level:
            status = "cannot start yet"
        else:
            status = "optional" if step.slug == "match-funding" else "to do"
        found.append(Task(step, status))
    return found


def next_slug(slug: str) -> str | None:
    slugs = [s.slug for s in STEPS]
    index = slugs.index(slug)
    return slugs[index + 1] if index + 1 < len(slugs) else None


def csps_for(application: Application) -> list[CommunitySafetyPartnership]:
    fund = application.round.fund
    found = CommunitySafetyPartnership.objects.filter(police_force_area__force_slug=fund.force)
    if fund.eligible_areas:
        found = found.filter(code__in=fund.eligible_areas)
    return list(found.order_by("name"))


def area_choices(application: Application, csp: str | None) -> tuple[list[tuple[str, str]], str, str]:
    """Choices for the areas page, its question, and the CSP whose wards or LSOAs are listed."""
    csps = csps_for(application)
    if application.area_level == AreaLevel.CSP or not csps:
        return [(c.code, c.name) for c in csps], "Which Community Safety Partnership areas will it serve?", ""
    shown = next((c for c in csps if c.code == csp), None) or csps[0]
    if application.area_level == AreaLevel.WARD:
        wards = Ward.objects.filter(local_authority__csp=shown).order_by("name")
        return [(w.code, w.name) for w in wards], f"Which wards in {shown.name} will it serve?", shown.code
    lsoas = Lsoa.objects.filter(local_authority__csp=shown).order_by("name")
    return [(a.code, a.name) for a in lsoas], f"Which neighbourhoods (LSOAs) in {shown.name} will it serve?", shown.code


def form_kwargs(step: Step, application: Application, csp: str | None) -> dict[str, Any]:
    if step.slug == "organisation":
        return {"org_type": application.org_type}
    if step.slug == "areas":
        choices, label, _ = area_choices(application, csp)
        return {"choices": choices, "label": label}
    if step.slug == "priorities":
        return {"choices": [(p.pk, str(p)) for p in application.round.fund.priorities.order_by("number")]}
    return {}


def initial(step: Step, application: Application) -> dict[str, Any]:
    if step.form is None:
        return {}
    values: dict[str, Any] = {}
    for name in step.form.base_fields:
        if name == "priorities":
            values[name] = list(application.priorities.values_list("pk", flat=True))
        elif name == "has_constitution" and application.has_constitution is not None:
            values[name] = "yes" if application.has_constitution else "no"
        else:
            values[name] = getattr(application, name)
    return values


def answers(step: Step, application: Application, cleaned: dict[str, Any], shown: list[str]) -> dict[str, Any]:
    """What to store from a page: keeps areas chosen under other CSPs; a new area level clears old areas."""
    data = dict(cleaned)
    if step.slug == "areas":
        data["area_codes"] = [c for c in application.area_codes if c not in shown] + list(cleaned["area_codes"])
    if step.slug == "area-level" and cleaned["area_level"] != application.area_level:
        data["area_codes"] = []
    if step.slug == "organisation":
        data.setdefault("charity_number", "")
        data.setdefault("company_number", "")
        data.setdefault("has_constitution", None)
    return data

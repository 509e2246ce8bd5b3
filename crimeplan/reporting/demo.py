"""EXAMPLE DATA for demonstrations: invented centres, staff and hate-crime reports, all labelled Example.

Nothing here is real. Every centre and report is marked ``is_example`` (pages show an "Example" tag and
the plan's figures leave them out); organisations' names start "Example". ``load_demo`` is safe to
run twice: it does nothing more when the example centres are there.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import secrets
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import transaction

from crimeplan.accounts.constants import OrganisationKind
from crimeplan.accounts.models import Organisation
from crimeplan.geography.selectors import lsoa_areas
from crimeplan.grants.selectors import commissioned_services
from crimeplan.reporting.constants import Reporter, Via
from crimeplan.reporting.models import Campaign, Centre, Report, Strand, TrainedStaff
from crimeplan.reporting.services.reports import ReportDetails, make_report
from crimeplan.reporting.services.triage import change_status, refer_to_support

CENTRES = (
    ("Example Preston Faith Centre", "1 Example Street, Preston", "PR1 1AA", "Urdu, Gujarati", ["religion", "race"]),
    (
        "Example Burnley Pride Group",
        "2 Example Road, Burnley",
        "BB11 1AA",
        "English",
        ["sexual_orientation", "transgender"],
    ),
)
STORIES = (
    "Example report: abuse shouted in the street about the victim's religion.",
    "Example report: a group made comments about the victim's wheelchair on the bus.",
    "Example report: graffiti targeting a family's nationality on their front door.",
    "Example report: messages in a game chat targeting the victim for being gay.",
    "Example report: a neighbour repeatedly insults the victim for being transgender.",
)


def _organisation(name: str, kind: str) -> Organisation:
    slug = name.lower().replace(" ", "-")[:80]
    found, _ = Organisation.objects.get_or_create(slug=slug, defaults={"name": name, "kind": kind})
    return found


def _user(username: str, organisation: Organisation, password: str, codenames: tuple[str, ...] = ()) -> Any:
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.first_name, user.last_name, user.organisation = "Example", username.split("-", 2)[-1].title(), organisation
    user.set_password(password)
    user.save()
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="reporting", codename__in=codenames))
    return get_user_model().objects.get(pk=user.pk)


def _centres(password: str) -> list[Centre]:
    centres = []
    for index, (name, address, postcode, languages, strands) in enumerate(CENTRES):
        organisation = _organisation(name, OrganisationKind.CHARITY)
        centre, _ = Centre.objects.get_or_create(
            organisation=organisation,
            defaults={
                "address": address,
                "postcode": postcode,
                "opening_times": "Monday to Friday, 10am to 4pm",
                "languages": languages,
                "is_example": True,
            },
        )
        centre.strands.set(Strand.objects.filter(slug__in=strands))
        TrainedStaff.objects.get_or_create(
            centre=centre,
            name=f"Example trainer {index + 1}",
            defaults={"trained_on": dt.date.today() - dt.timedelta(days=90)},
        )
        _user(f"demo-centre-{index + 1}", organisation, password)
        centres.append(centre)
    return centres


def _reports(lead: Any, centres: list[Centre]) -> int:
    rng = random.Random(12)  # noqa: S311  (example data, not security)
    places = [code for code, _, _ in lsoa_areas("lancashire")] or [""]
    slugs = ["disability", "race", "religion", "sexual_orientation", "transgender"]
    service = commissioned_services().filter(service__icontains="victim").first()
    if service is not None:
        _organisation(service.provider, OrganisationKind.CHARITY)
    for index in range(12):
        centre = centres[index % 2] if index % 3 == 0 else None
        details = ReportDetails(
            reporter=Reporter.THIRD_PARTY if centre else rng.choice([Reporter.VICTIM, Reporter.WITNESS]),
            victim_consented=bool(centre),
            description=STORIES[index % len(STORIES)],
            occurred_on=dt.date.today() - dt.timedelta(days=rng.randint(1, 60)),
            strands=rng.sample(slugs, rng.choice([1, 1, 2])),
            lsoa_code=rng.choice(places) if places[0] else "",
            postcode="" if places[0] else "PR1 2AB",
            consent_police=rng.random() < 0.5,
            consent_support=rng.random() < 0.7,
            repeat_victim=rng.random() < 0.3,
            ongoing_threat=rng.random() < 0.2,
        )
        report = make_report(
            user=lead, details=details, via=Via.CENTRE if centre else Via.PUBLIC, centre=centre, is_example=True
        )
        if index % 4 == 1:
            change_status(user=lead, report=report, status="being_looked_at", text="Example: we are looking at this.")
        if index % 4 == 2 and report.consent_support and service is not None:
            refer_to_support(user=lead, report=report, service_reference=service.reference)
    return 12


@transaction.atomic
def load_demo(password: str = "") -> str:
    """Load the example centres, users and reports once; (re)set the example users' password."""
    password = password or os.environ.get("CRIMEPLAN_DEMO_PASSWORD") or secrets.token_urlsafe(12)
    office = _organisation("Example Office of the PCC (hate crime)", OrganisationKind.OPCC)
    lead = _user("demo-hatelead", office, password, ("triage_reports", "manage_centres", "view_reporting_gap"))
    already = Centre.objects.filter(is_example=True).exists()
    centres = _centres(password)
    made = 0 if already else _reports(lead, centres)
    if not already:
        today = dt.date.today()
        Campaign.objects.create(
            name="Example: #saynotohate week",
            starts_on=today - dt.timedelta(days=20),
            ends_on=today - dt.timedelta(days=14),
            is_example=True,
        )
    count = Report.objects.filter(is_example=True).count()
    return (
        f"Hate crime reporting: {len(centres)} example centres, {count} example reports ({made} new). "
        f"Users demo-hatelead, demo-centre-1, demo-centre-2, password {password!r}. Example referrals are made to "
        "the first running commissioned service whose service names victims (grants register), if there is one.\n"
    )

"""Every URL pattern declares its rule, and every page and API operation answers each demo role as the
table ``access_table.txt`` says. Run with ``CRIMEPLAN_WRITE_ACCESS_TABLE=1`` to print the observed table."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from crimeplan.accounts.roles import demo_roles
from crimeplan.accounts.tests.walk import Route, outcome, read_table, routes, walked, write_table
from crimeplan.analytics.store import Store
from crimeplan.core.permissions import PUBLIC
from crimeplan.core.store import get_store

PASSWORD = "a-long-demo-password-for-tests"
#: Public pages (the dashboard, areas, the report) are slow to draw and the same for every role.
PUBLIC_ASKERS = ("anonymous", "demo-charity")


def test_every_url_pattern_declares_a_rule_and_has_a_row_in_the_table():
    _, table = read_table()
    everything = [r for r in routes()]
    undeclared = [r.name for r in everything if walked(r) and r.rule is None]
    assert undeclared == [], f"these URLs declare no access rule (public, signed_in or requires): {undeclared}"
    names = {r.name for r in everything if walked(r)}
    assert sorted(names - table.keys()) == [], "add these URL names to access_table.txt"
    assert sorted(table.keys() - names) == [], "these rows of access_table.txt name no URL"


@pytest.fixture
def walk_store(tmp_path: Path, settings: Any, loaded_template: Path) -> Store:
    """A copy of the session's loaded store: the road safety demo imports STATS19 into it."""
    root = tmp_path / "store"
    shutil.copytree(loaded_template, root)
    settings.STORE_DIR = root
    return get_store()


def _demo_data(django_db_blocker: Any) -> None:
    from django.core.management import call_command

    from crimeplan.accounts.constants import OrganisationKind
    from crimeplan.accounts.models import Organisation
    from crimeplan.cases.demo import load_demo
    from crimeplan.crimedata.models import ImportRun
    from crimeplan.grants.demo import load_examples

    call_command("loaddata", "lancashire_plan", verbosity=0)
    office, _ = Organisation.objects.get_or_create(
        slug="opcc", defaults={"name": "Office of the Police and Crime Commissioner", "kind": OrganisationKind.OPCC}
    )
    get_user_model().objects.create_superuser("demo", password=PASSWORD, organisation=office, is_staff=True)
    load_examples()
    load_demo(PASSWORD)
    demo_roles(PASSWORD)
    _new_apps_demo_data()
    ImportRun.objects.create(
        source="2022-05-lancashire-street.csv", file_name="2022-05-lancashire-street.csv", kind="street",
        force="lancashire", month="2022-05", status="stored", is_current=True, rows_read=3, rows_stored=2,
        rows_rejected=1, rejected_by_rule={"month": 1},
    )  # fmt: skip


def _new_apps_demo_data() -> None:
    """Organised crime's example register, hate crime reporting's example centres and reports, and road safety's
    shipped STATS19 year with example actions."""
    from django.core.management import call_command

    from crimeplan.performance.models import Measure, Priority

    call_command("ocg", "demo", verbosity=0)
    call_command("reporting", "demo", "--password", PASSWORD, verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("roads", "demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("alerts", "demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    from crimeplan.engagement.pact.demo import load_demo as load_pact_demo

    load_pact_demo()
    from crimeplan.ocg.models import Entity, OrganisedCrimeGroup

    group = _first(OrganisedCrimeGroup, is_example=True)
    if not group.entities.exists():  # the example register (a research network) holds people and links only
        Entity.objects.create(
            group=group, kind="vehicle", label="Example vehicle (added for the walk)", is_example=True,
            handling_code=group.handling_code, need_to_know=group.need_to_know,
        )  # fmt: skip
    if not Measure.objects.filter(source="entered").exists():  # the plan's measures may all be counted by modules
        Measure.objects.create(
            priority=_first(Priority), title="Volunteers trained (entered for the walk)", source="entered",
            direction="increase", unit="people",
        )  # fmt: skip


def _first(model: Any, **filters: Any) -> Any:
    found = model.objects.filter(**filters).order_by("pk").first()
    assert found is not None, f"the demo data has no {model.__name__} {filters}"
    return found


def _params() -> dict[str, dict[str, Any]]:
    from crimeplan.cases import models as cases
    from crimeplan.crimedata.models import ImportRun
    from crimeplan.grants import models as grants
    from crimeplan.ocg.models import ImportedNetwork, OrganisedCrimeGroup
    from crimeplan.performance.models import Measure
    from crimeplan.performance.views import _quarters
    from crimeplan.reporting.journey import STEPS
    from crimeplan.reporting.models import Centre, Report
    from crimeplan.roads.models import RoadSafetyAction

    action = _first(cases.PlanAction, case__owner__slug="example-council")
    case = action.case
    award = _first(grants.Award, application__reference__isnull=False)
    draft = _first(grants.Application)
    run = _first(ImportRun).pk
    return {
        "performance:priority": {"number": 1},
        "core:privacy_notice": {"purpose": "grants"},
        "performance:figures": {"pk": _first(Measure, source="entered").pk},
        "performance:report": {"period": _quarters(settings.DEFAULT_FORCE)[0][0], "fmt": "html"},
        "performance:area": {"code": "E22000150"},
        "performance:area_geojson": {"code": "E22000150"},
        "performance:area_outlines": {"code": "E22000150"},
        "performance:crime_type": {"slug": "burglary"},
        "crimedata:run": {"pk": run},
        "crimedata:run_csv": {"pk": run},
        "grants:fund": {"slug": _first(grants.Fund).slug},
        "grants:fund_report": {"slug": _first(grants.Fund).slug},
        "grants:threesixty": {"fmt": "json"},
        "grants:project": {"reference": award.application.reference},
        "grants:start": {"pk": _first(grants.Round).pk},
        "grants:eligibility": {"pk": _first(grants.Round).pk},
        "grants:tasks": {"pk": draft.pk},
        "grants:return": {"token": "not-a-real-token"},
        "grants:area_geojson": {"csp": "E22000150"},
        "grants:check": {"pk": draft.pk},
        "grants:confirmation": {"pk": draft.pk},
        "grants:status": {"pk": draft.pk},
        "grants:remove": {"pk": draft.pk, "kind": "budget", "item": 1},
        "grants:step": {"pk": draft.pk, "slug": "project"},
        "grants:round": {"pk": _first(grants.Round).pk},
        **{f"grants:{n}": {"pk": draft.pk} for n in ("application", "declare", "score", "moderate", "decide")},
        "grants:award": {"pk": award.pk},
        "grants:offer_letter": {"pk": award.pk},
        "grants:pay": {"pk": _first(grants.Payment).pk},
        "grants:return_form": {"pk": _first(grants.MonitoringReturn).pk},
        "grants:allocation_decision": {"pk": _first(grants.AllocationDecision).pk},
        "grants:contract": {"pk": _first(grants.Contract).pk},
        "cases:person": {"pk": case.person_id},
        "cases:person_export": {"pk": case.person_id},
        "cases:rectify": {"pk": case.person_id},
        "cases:agreement": {"pk": _first(cases.InformationSharingAgreement).pk},
        "cases:volunteer_hours": {"pk": _first(cases.Volunteer).pk},
        **{f"cases:{n}": {"pk": _first(cases.Cohort).pk} for n in ("cohort", "add_member", "add_offence")},
        "cases:import_offences": {"pk": _first(cases.Cohort).pk},
        "cases:offence_import": {"pk": 999999},
        "cases:finish_action": {"reference": case.reference, "pk": action.pk},
        "cases:update_intervention": {"reference": case.reference, "pk": 999999},
        "api-1.0.0:area_trend": {"code": "E22000150"},
        "api-1.0.0:area_harm": {"code": "E22000150"},
        "api-1.0.0:rounds": {"slug": _first(grants.Fund).slug},
        "api-1.0.0:case_status": {"reference": case.reference},
        "accounts:reset_confirm": {"uidb64": "MQ", "token": "not-a-real-token"},
        **_engagement_params(),
        **_new_apps_params(OrganisedCrimeGroup, ImportedNetwork, Report, Centre, RoadSafetyAction, STEPS[0].slug),
        **_pact_params(),
    }


def _pact_params() -> dict[str, dict[str, Any]]:
    from crimeplan.engagement.pact import models as pact
    from crimeplan.engagement.pact.demo import SLUG

    slug = {"slug": SLUG}
    return {
        **{f"pact:{n}": slug for n in ("neighbourhood", "priorities_json", "propose", "request_link", "manage")},
        **{f"pact:{n}": slug for n in ("links", "representativeness", "representativeness_csv")},
        "pact:representativeness_geojson": slug,
        "pact:take_part": {**slug, "token": "not-a-real-token"},
        "pact:cycle": {**slug, "pk": _first(pact.Cycle, neighbourhood__slug=SLUG).pk},
        "pact:priority": {**slug, "pk": _first(pact.Priority, cycle__neighbourhood__slug=SLUG).pk},
        "pact:meeting": {**slug, "pk": _first(pact.Meeting, neighbourhood__slug=SLUG).pk},
        "pact:cancel_meeting": {**slug, "pk": _first(pact.Meeting, neighbourhood__slug=SLUG).pk},
    }


def _new_apps_params(*models: Any) -> dict[str, dict[str, Any]]:
    group_model, network_model, report_model, centre_model, action_model, first_step = models
    group = _first(group_model, is_example=True).reference
    network = _first(network_model, is_example=True).name
    report = _first(report_model, is_example=True, consent_police=True)
    return {
        "ocg:group": {"reference": group},
        "ocg:shared_export": {"reference": group},
        "ocg:network": {"name": network},
        "ocg:network_csv": {"name": network},
        **{f"ocg:{n}": {"reference": group} for n in ("score", "action_add", "disruption_add", "crime_add")},
        **{f"ocg:{n}": {"reference": group} for n in ("nominal_add", "entity_add", "link_add")},
        **{n: {"reference": group, "nominal": _ocg_nominal_reference(group)} for n in OCG_NOMINAL_PAGES},
        **{f"ocg:entity_{n}": {"reference": group, "pk": _ocg_item_pk("Entity", group)} for n in ("change", "remove")},
        "ocg:link_remove": {"reference": group, "pk": _ocg_item_pk("Link", group)},
        "ocg:slavery_record": {"reference": _ocg_slavery_reference()},
        "ocg:slavery_decisions": {"reference": _ocg_slavery_reference()},
        "ocg:profile": {"slug": "example-community-safety-partnership"},
        "ocg:profile_pdf": {"slug": "example-community-safety-partnership"},
        "api-1.0.0:network_measures": {"name": network},
        "reporting:question": {"slug": first_step},
        "reporting:report": {"pk": report.pk},
        "reporting:package": {"pk": report.pk, "fmt": "csv"},
        "reporting:centre": {"pk": _first(centre_model, is_example=True).pk},
        "api-1.0.0:track": {"code": report.tracking_code},
        "roads:action": {"pk": _first(action_model, is_example=True).pk},
    }


def _ocg_nominal_reference(group: str) -> str:
    from crimeplan.ocg.models import Nominal

    return str(_first(Nominal, group__reference=group, is_example=True).reference)


OCG_NOMINAL_PAGES = ("ocg:nominal", "ocg:nominal_change", "ocg:nominal_remove")


def _ocg_item_pk(model: str, group: str) -> int:
    from crimeplan.ocg import models

    return int(_first(getattr(models, model), group__reference=group, is_example=True).pk)


def _ocg_slavery_reference() -> str:
    from crimeplan.ocg.models import ModernSlaveryRecord

    return str(_first(ModernSlaveryRecord, is_example=True).reference)


def _engagement_params() -> dict[str, dict[str, Any]]:
    from crimeplan.engagement.models import Alert, Member, Reply, Subscription

    member = _first(Member, is_example=True)
    alert = _first(Alert, is_example=True).pk
    token = {"token": member.manage_token}
    return {
        "engagement:confirm_email": {"token": _first(Subscription, member=member, channel="email").confirm_token},
        "engagement:manage": token,
        "engagement:erase": token,
        "engagement:details": token,
        "engagement:unsubscribe": {**token, "channel": "email"},
        "engagement:reply": {"alert_id": alert, **token},
        **{
            f"engagement:{n}": {"pk": alert}
            for n in ("alert", "alert_progress", "alert_log_csv", "alert_send", "alert_cancel", "alert_approve")
        },
        "engagement:reply_detail": {"pk": _first(Reply).pk},
    }


CASE_PAGES = {
    "detail", "status", "entry", "needs", "action", "intervention", "outcomes", "team", "lead_worker", "consent",
    "exception", "volunteer", "asb_review",
}  # fmt: skip


def _url(route: Route, params: dict[str, dict[str, Any]], case_reference: str) -> str:
    if route.name.startswith("cases:") and route.name.split(":")[1] in CASE_PAGES:
        return reverse(route.name, kwargs={"reference": case_reference})
    return reverse(route.name, kwargs=params.get(route.name, {}))


def _clients(roles: list[str]) -> dict[str, Client]:
    clients = {}
    for role in roles:
        client = Client()
        if role != "anonymous":
            client.force_login(get_user_model().objects.get(username=role))
        clients[role] = client
    return clients


@pytest.mark.django_db
@pytest.mark.slow  # draws every page as every role: about a minute
def test_every_page_answers_every_role_as_the_table_says(walk_store, django_db_blocker):
    roles, table = read_table()
    _demo_data(django_db_blocker)
    params = _params()
    case_reference = params["cases:finish_action"]["reference"]
    clients = _clients(roles)
    observed: dict[str, dict[str, str]] = {}
    for route in routes():
        if not walked(route):
            continue
        url = _url(route, params, case_reference)
        if route.rule == PUBLIC:  # the same for everyone by its rule: asked as a visitor and as a partner
            seen = {role: outcome(clients[role].get(url)) for role in PUBLIC_ASKERS}
            observed[route.name] = {role: seen[role if role in seen else PUBLIC_ASKERS[-1]] for role in roles}
        else:
            observed[route.name] = {role: outcome(clients[role].get(url)) for role in roles}
    if os.environ.get("CRIMEPLAN_WRITE_ACCESS_TABLE"):
        print(write_table(roles, observed))  # noqa: T201
    differences = [
        f"{name} as {role}: expected {table.get(name, {}).get(role)}, got {got}"
        for name, row in observed.items()
        for role, got in row.items()
        if table.get(name, {}).get(role) != got
    ]
    assert differences == []

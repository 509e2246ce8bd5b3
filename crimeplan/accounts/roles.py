"""Roles as data: each role is a Django group holding named permissions, declared here and nowhere else.

``sync_roles()`` makes the groups match this table (it runs after every ``migrate`` and from
``crimeplan roles sync``): a group gets exactly the permissions listed, so a permission removed here is
taken away on the next sync. Accounts are put in groups by an administrator (the admin site) or, for
the demonstration accounts, by ``crimeplan demo load`` (``DEMO_ACCOUNTS``).

What a role may *see* of a record (which cases, which rounds) is decided by the apps' selectors from
the account's organisation and assignments; the permissions below open pages and actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction


@dataclass(frozen=True)
class Role:
    name: str
    does: str
    permissions: tuple[str, ...] = ()


OPCC_ANALYST = Role(
    "OPCC analyst",
    "Office staff: the Data pages, the crime map and hotspot forecasts.",
    ("crimedata.view_data_pages", "crimedata.view_crime_map", "hotspots.view_hotspots"),
)
PERFORMANCE_LEAD = Role(
    "Performance lead",
    "Enters the official plan figures that police.uk cannot give (published on the dashboard and API).",
    ("performance.enter_figures",),
)
DATA_MANAGER = Role(
    "Data manager",
    "Runs and checks imports: the Data pages, each run's rejected rows and their CSV.",
    ("crimedata.view_data_pages",),
)
GRANTS_OFFICER = Role(
    "Grants officer",
    "Manages funds, rounds, payments, monitoring, allocations and contracts; records panel decisions.",
    ("grants.manage_grants", "grants.decide_grants"),
)
GRANTS_PANEL = Role("Grants panel member", "Records panel decisions on grant applications.", ("grants.decide_grants",))
ASSESSOR = Role(
    "Grant assessor", "Scores the applications of the rounds they are assigned to (the assignment is per round)."
)
CASE_WORKER = Role(
    "Case worker",
    "Works cases for their partner organisation: sees what the organisation owns, is on the team of, "
    "or receives by an information sharing agreement.",
)
EARLY_ACTION_LEAD = Role(
    "Early Action lead",
    "Leads a programme for its partnership: records information sharing agreements.",
    ("cases.add_informationsharingagreement",),
)
BOARD_MEMBER = Role(
    "Reducing Reoffending Board member",
    "Reads the Board's reoffending report (aggregates only).",
    ("cases.view_board_report",),
)
DATA_PROTECTION_OFFICER = Role(
    "Data protection officer",
    "Answers subject access requests: exports and rectifies everything held about a person.",
    ("cases.handle_subject_access",),
)
SOC_ANALYST = Role(
    "Serious and organised crime analyst",
    "Reads the organised-crime register (OFFICIAL-SENSITIVE too, within need to know), enters groups, scores, "
    "4P actions, disruptions, linked crimes and modern slavery records, and analyses networks.",
    ("ocg.view_register", "ocg.view_sensitive", "ocg.manage_register", "ocg.analyse_networks"),
)
AUDITOR = Role(
    "Auditor", "Reads the audit trail in the admin site (needs staff status too).", ("audit.view_auditevent",)
)
NEIGHBOURHOOD_TEAM = Role(
    "Neighbourhood team",
    'Runs PACT for its neighbourhoods: meetings, cycles, moderation, adopted priorities, "you said, we did"; '
    "issues members' take-part links; sees who is heard against the census.",
    ("pact.run_pact", "pact.issue_pact_links", "pact.view_representativeness"),
)

ENGAGEMENT_OFFICER = Role(
    "Engagement officer",
    "Neighbourhood team: composes and sends community alerts, sees members and the replies inbox.",
    ("engagement.compose_alerts", "engagement.manage_members"),
)
ALERT_APPROVER = Role(
    "Alert approver", "Approves high-priority community alerts written by someone else.", ("engagement.approve_alerts",)
)

ROLES: tuple[Role, ...] = (
    OPCC_ANALYST,
    PERFORMANCE_LEAD,
    DATA_MANAGER,
    GRANTS_OFFICER,
    GRANTS_PANEL,
    ASSESSOR,
    CASE_WORKER,
    EARLY_ACTION_LEAD,
    BOARD_MEMBER,
    DATA_PROTECTION_OFFICER,
    SOC_ANALYST,
    AUDITOR,
    ENGAGEMENT_OFFICER,
    ALERT_APPROVER,
    NEIGHBOURHOOD_TEAM,
)

#: The demonstration accounts and their roles (``crimeplan demo load`` applies this).
DEMO_ACCOUNTS: dict[str, tuple[Role, ...]] = {
    "demo": (OPCC_ANALYST, PERFORMANCE_LEAD, DATA_MANAGER),
    "demo-analyst": (OPCC_ANALYST, PERFORMANCE_LEAD),
    "demo-council": (CASE_WORKER, EARLY_ACTION_LEAD, BOARD_MEMBER),
    "demo-probation": (CASE_WORKER,),
    "demo-police": (CASE_WORKER, NEIGHBOURHOOD_TEAM),
    "demo-health": (CASE_WORKER,),
    "demo-housing": (CASE_WORKER,),
    "demo-charity": (CASE_WORKER,),
    "example.manager": (GRANTS_OFFICER,),
    "example.assessor1": (ASSESSOR,),
    "example.assessor2": (ASSESSOR,),
}


def role_named(name: str) -> Role:
    for role in ROLES:
        if role.name == name:
            return role
    raise KeyError(f"No role is called {name!r}")


def _permission(name: str) -> Permission | None:
    app_label, codename = name.split(".", 1)
    return Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()


@transaction.atomic
def sync_roles() -> list[str]:
    """Create each role's group and give it exactly its permissions; return the permissions not (yet) found."""
    missing = []
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role.name)
        found = []
        for name in role.permissions:
            permission = _permission(name)
            if permission is None:
                missing.append(name)
            else:
                found.append(permission)
        group.permissions.set(found)
    return missing


def assign_roles(user: Any, roles: tuple[Role, ...]) -> None:
    """Put the account in these roles' groups (and no other role's group)."""
    names = {role.name for role in ROLES}
    keep = [g for g in user.groups.all() if g.name not in names]
    user.groups.set([*keep, *Group.objects.filter(name__in=[r.name for r in roles])])


def has_any_role(user: Any) -> bool:
    """Whether the account works for the office or a partner (and so must use a second factor in production)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(
        user.is_staff or user.is_superuser or user.organisation_id or user.groups.filter(name__in=_names()).exists()
    )


def _names() -> list[str]:
    return [role.name for role in ROLES]


def sync_after_migrate(sender: Any, **kwargs: Any) -> None:
    """``post_migrate`` receiver: once the last app's permissions exist, bring the groups in step with ``ROLES``."""
    from django.apps import apps

    if sender is list(apps.get_app_configs())[-1]:
        sync_roles()


def demo_roles(password: str) -> str:
    """Give each demonstration account its roles (creating ``demo-analyst``); say who can do what."""
    from django.conf import settings
    from django.contrib.auth import get_user_model

    sync_roles()
    users = get_user_model().objects
    analyst, created = users.get_or_create(
        username="demo-analyst", defaults={"first_name": "Demo", "last_name": "Analyst"}
    )
    if created or not analyst.has_usable_password():
        analyst.organisation = users.get(username="demo").organisation
        analyst.set_password(password)
        analyst.save()
    lines = ["Demo accounts and their roles (same password):"]
    for username, roles in DEMO_ACCOUNTS.items():
        user = users.filter(username=username).first()
        if user is None:
            continue
        if not user.has_usable_password():
            user.set_password(password)
            user.save()
        assign_roles(user, roles)
        lines.append(f"  {username}: {', '.join(r.name for r in roles)}")
    second = "off (debug is on)" if settings.DEBUG else "required for these accounts (enrol at first sign-in)"
    lines.append(f"Two-factor sign-in: {second}. Five wrong passwords lock a username for 15 minutes.")
    return "\n".join(lines)

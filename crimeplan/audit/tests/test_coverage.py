"""Every page that shows personal data writes an audit event: found by walking the URL patterns.

Pages declare that they show personal data with ``reads_personal_data`` where their URLs are listed.
This test requests each declared page as a user who may see it; a declared page without a scenario
here fails, so does one that answers without an audit event. Admin pages of the models in
``PERSONAL_DATA_MODELS`` must use ``AuditedAdminMixin``.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib import admin
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from crimeplan.audit.admin import AuditedAdminMixin
from crimeplan.audit.coverage import PERSONAL_DATA_MODELS, UnauditedRead, is_marked, reads_personal_data
from crimeplan.audit.events import SignedIn
from crimeplan.audit.models import AuditEvent
from crimeplan.audit.services import record_event

pytestmark = pytest.mark.django_db


def marked_pages() -> set[str]:
    """``namespace:name`` of every URL pattern whose view is declared as showing personal data."""
    found: set[str] = set()

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(p for p in (namespace, pattern.namespace or "") if p)
                walk(pattern.url_patterns, inner)
            elif is_marked(pattern.callback):
                found.add(f"{namespace}:{pattern.name}" if namespace else str(pattern.name))

    walk(get_resolver().url_patterns, "")
    return found


CASE_PAGES = [
    "detail",
    "status",
    "entry",
    "needs",
    "action",
    "intervention",
    "outcomes",
    "team",
    "lead_worker",
    "consent",
    "exception",
    "volunteer",
]
#: page -> (who asks, which record); every marked page must be here.
SCENARIOS = {
    "cases:list": ("owner", "none"),
    "cases:queue": ("owner", "none"),
    **{f"cases:{page}": ("owner", "case") for page in CASE_PAGES},
    "cases:update_intervention": ("owner", "intervention"),
    "cases:asb_review": ("owner", "asb_case"),
    "cases:people": ("dpo", "none"),
    "cases:person": ("dpo", "person"),
    "cases:person_export": ("dpo", "person"),
    "cases:rectify": ("dpo", "person"),
    "cases:volunteers": ("owner", "none"),
    "cases:asb": ("owner", "none"),
    "cases:cohort": ("owner", "cohort"),
    "ocg:group": ("ocg_analyst", "group"),
    "ocg:nominal": ("ocg_analyst", "nominal"),
    "ocg:nominal_change": ("ocg_analyst", "nominal"),
    "ocg:nominal_remove": ("ocg_analyst", "nominal"),
    "ocg:entity_change": ("ocg_analyst", "entity"),
    "ocg:entity_remove": ("ocg_analyst", "entity"),
    "ocg:link_remove": ("ocg_analyst", "link"),
    "ocg:link_add": ("ocg_analyst", "group"),
    "ocg:network": ("ocg_analyst", "network"),
    "ocg:network_csv": ("ocg_analyst", "network"),
    "ocg:slavery_list": ("ocg_analyst", "none"),
    "ocg:slavery_record": ("ocg_analyst", "slavery"),
    "reporting:queue": ("hate_lead", "none"),
    "reporting:report": ("hate_lead", "report"),
    "reporting:package": ("hate_lead", "report_csv"),
    "engagement:manage": ("engagement_officer", "member_token"),
    "engagement:details": ("engagement_officer", "member_token"),
    "engagement:members": ("engagement_officer", "none"),
    "engagement:members_csv": ("engagement_officer", "none"),
    "engagement:inbox": ("engagement_officer", "none"),
    "engagement:reply_detail": ("engagement_officer", "member_reply"),
    "pact:links": ("pact_team", "neighbourhood"),
}


@pytest.fixture
def world(other_world, engagement_world):
    from crimeplan.cases.models import AsbReview, Cohort, Programme, Service
    from crimeplan.cases.services import casework
    from crimeplan.cases.tests.conftest import with_permission
    from crimeplan.cases.tests.factories import CaseFactory, OrganisationFactory, UserFactory

    other_users, other_args = other_world
    engagement_users, engagement_args = engagement_world
    other_users, other_args = {**other_users, **engagement_users}, {**other_args, **engagement_args}

    owner = UserFactory(username="owner", organisation=OrganisationFactory(name="Owning council", slug="owning"))
    dpo = with_permission(UserFactory(username="dpo"), "handle_subject_access")
    case = CaseFactory(owner=owner.organisation)
    service = Service.objects.create(name="Debt advice", kind="voluntary", provider="Advice charity")
    intervention = casework.record_intervention(
        case=case, by=owner, service=service, status="referred", referred_on=timezone.localdate()
    )
    asb_case = CaseFactory(owner=owner.organisation, programme=Programme.objects.get(kind="asb_review"))
    today = timezone.localdate()
    AsbReview.objects.create(
        case=asb_case,
        triggered_on=today - timedelta(days=1),
        threshold_incidents=3,
        window_months=6,
        decision_days=10,
        meeting_days=25,
        outcome_days=5,
    )
    cohort = Cohort.objects.create(
        name="Test cohort", programme=Programme.objects.get(slug="iom"), organisation=owner.organisation
    )
    args = {
        "none": [],
        "case": [case.reference],
        "intervention": [case.reference, intervention.pk],
        "asb_case": [asb_case.reference],
        "person": [case.person.pk],
        "cohort": [cohort.pk],
    }
    pact_users, pact_args = _pact_world()
    return {"owner": owner, "dpo": dpo, **other_users, **pact_users}, {**args, **other_args, **pact_args}


def _pact_world():
    """A neighbourhood team member and a neighbourhood with a verified member (its members page lists emails)."""
    from django.contrib.auth.models import Permission

    from crimeplan.engagement.pact.models import Neighbourhood
    from crimeplan.engagement.pact.tests.conftest import make_member
    from crimeplan.reporting.tests.factories import UserFactory

    team = UserFactory(username="pact-team")
    team.user_permissions.add(Permission.objects.get(content_type__app_label="pact", codename="issue_pact_links"))
    Neighbourhood.objects.create(name="Audley", slug="audley", lsoa_codes=["E01012571"])
    make_member("resident@example.org", "E01012571")
    return {"pact_team": team}, {"neighbourhood": ["audley"]}


@pytest.fixture
def other_world():
    """An organised-crime analyst with a group and a network; a hate-crime lead with a report to pass on."""
    from django.contrib.auth.models import Permission

    from crimeplan.ocg.constants import HandlingCode, Role
    from crimeplan.ocg.models import Entity, ImportedNetwork, Link, Nominal, OrganisedCrimeGroup
    from crimeplan.ocg.services.slavery import record_slavery
    from crimeplan.reporting.tests.factories import ReportFactory, UserFactory

    analyst = UserFactory(username="ocg-analyst")
    codenames = ["view_register", "analyse_networks", "manage_register"]  # manage: the link form lists nominals
    analyst.user_permissions.add(*Permission.objects.filter(content_type__app_label="ocg", codename__in=codenames))
    group = OrganisedCrimeGroup.objects.create(reference="G1", name="Group G1", handling_code=HandlingCode.OFFICIAL)
    Nominal.objects.create(group=group, reference="N1", role=Role.PRINCIPAL, handling_code=HandlingCode.OFFICIAL)
    entity = Entity.objects.create(group=group, kind="vehicle", label="AB12 CDE", handling_code=HandlingCode.OFFICIAL)
    link = Link.objects.create(
        group=group, source="N1", target=f"E{entity.pk}", kind="meeting", source_evaluation="2", assessment="B",
        sharing="P", handling_code=HandlingCode.OFFICIAL,
    )  # fmt: skip
    ImportedNetwork.objects.create(
        name="tiny", file_format="edges", file_name="t.csv", nodes=["a", "b", "c"], edges=[[0, 1, 2.0], [1, 2, 1.0]]
    )
    slavery = record_slavery(
        user=None, is_child=True, consent=False, exploitation=["criminal"], referred_on=timezone.localdate(),
        handling_code=HandlingCode.OFFICIAL,
    )  # fmt: skip
    lead = UserFactory(username="hate-lead")
    lead.user_permissions.add(Permission.objects.get(content_type__app_label="reporting", codename="triage_reports"))
    report = ReportFactory(consent_police=True)
    args = {
        "group": [group.reference],
        "nominal": [group.reference, "N1"],
        "entity": [group.reference, entity.pk],
        "link": [group.reference, link.pk],
        "network": ["tiny"],
        "slavery": [slavery.reference],
        "report": [report.pk],
        "report_csv": [report.pk, "csv"],
    }
    return {"ocg_analyst": analyst, "hate_lead": lead}, args


@pytest.fixture
def engagement_world():
    """An engagement officer, an example member and their reply to an example alert."""
    from django.contrib.auth.models import Permission

    from crimeplan.engagement.demo import load_examples
    from crimeplan.engagement.models import Member, Reply
    from crimeplan.reporting.tests.factories import UserFactory

    officer = UserFactory(username="engagement-officer")
    officer.user_permissions.add(*Permission.objects.filter(content_type__app_label="engagement"))
    load_examples()
    member = Member.objects.filter(is_example=True).order_by("pk").first()
    assert member is not None
    reply = Reply.objects.get(member=member)
    return {"engagement_officer": officer}, {"member_token": [member.manage_token], "member_reply": [reply.pk]}


def test_every_page_declared_as_showing_personal_data_has_a_scenario():
    assert marked_pages() == set(SCENARIOS)


@pytest.mark.parametrize("page", sorted(SCENARIOS))
def test_each_page_showing_personal_data_writes_an_audit_event(client, world, page):
    users, args = world
    role, record = SCENARIOS[page]
    client.force_login(users[role])
    before = AuditEvent.objects.count()
    response = client.get(reverse(page, args=args[record]))
    assert response.status_code == 200
    written = AuditEvent.objects.filter(actor_name=users[role].username).count()
    assert AuditEvent.objects.count() > before and written >= 1


def test_a_declared_page_that_writes_no_event_refuses_to_answer(staff_user):
    request = RequestFactory().get("/")
    request.user = staff_user
    silent = reads_personal_data(lambda request: HttpResponse("a name and an address"))
    with pytest.raises(UnauditedRead, match="without an audit event"):
        silent(request)

    def audited(request):
        record_event(SignedIn(), request=request)
        return HttpResponse("a name and an address")

    assert reads_personal_data(audited)(request).status_code == 200
    assert reads_personal_data(lambda request: HttpResponse(status=302))(request).status_code == 302


def test_the_admin_of_every_model_holding_personal_data_is_audited():
    registered = {model._meta.label: model_admin for model, model_admin in admin.site._registry.items()}
    personal = {label: registered[label] for label in PERSONAL_DATA_MODELS if label in registered}
    assert {"accounts.User", "grants.Application", "audit.AuditEvent"} <= set(personal)
    assert [label for label, model_admin in personal.items() if not isinstance(model_admin, AuditedAdminMixin)] == []


def test_admin_pages_of_personal_data_write_audit_events(admin_client, django_user_model):
    someone = django_user_model.objects.create_user(username="someone", email="someone@example.org")
    assert admin_client.get(f"/admin/accounts/user/{someone.pk}/change/").status_code == 200
    viewed = AuditEvent.objects.get(event="admin_record_viewed")
    assert (viewed.object_type, viewed.object_id, viewed.data) == (
        "accounts.User",
        str(someone.pk),
        {"model": "accounts.User", "page": "change page"},
    )
    assert admin_client.get("/admin/audit/auditevent/").status_code == 200
    assert AuditEvent.objects.filter(event="admin_list_viewed", data__model="audit.AuditEvent").exists()
    assert admin_client.get(f"/admin/accounts/user/{someone.pk}/history/").status_code == 200
    assert AuditEvent.objects.filter(event="admin_record_viewed", data__page="history").count() == 1

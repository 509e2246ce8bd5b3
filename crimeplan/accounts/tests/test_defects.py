"""The access defects found in testing: each failed before the rules were declared and checked."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from crimeplan.accounts.roles import ASSESSOR, CASE_WORKER, PERFORMANCE_LEAD, assign_roles, sync_roles
from crimeplan.cases.tests.factories import OrganisationFactory, UserFactory
from crimeplan.crimedata.models import ImportRun
from crimeplan.performance.models import MeasureFigure
from crimeplan.performance.services import enter_figure

pytestmark = pytest.mark.django_db
FIGURE = {"first_month": "2022-04", "last_month": "2022-06", "value": "999999", "source": "made up"}


@pytest.fixture
def plan(db):
    from django.core.management import call_command

    from crimeplan.performance.models import Plan

    call_command("loaddata", "lancashire_plan", verbosity=0)
    return Plan.objects.get(force="lancashire")


@pytest.fixture
def measure(plan):
    """An entered measure of the plan (one is made when the plan's measures are all counted by modules)."""
    from crimeplan.performance.models import Measure

    found = Measure.objects.filter(priority__plan=plan, source="entered").order_by("pk").first()
    if found is not None:
        return found
    return Measure.objects.create(
        priority=plan.priorities.order_by("number").first(), title="Volunteers trained", source="entered",
        direction="increase", unit="people",
    )  # fmt: skip


@pytest.fixture
def charity(db):
    sync_roles()
    user = UserFactory(username="charity-worker", organisation=OrganisationFactory(name="A charity", slug="charity"))
    assign_roles(user, (CASE_WORKER,))
    return user


@pytest.fixture
def assessor(db):
    sync_roles()
    user = UserFactory(username="assessor")
    assign_roles(user, (ASSESSOR,))
    return user


def test_a_charity_cannot_publish_plan_figures(client, charity, loaded_store, measure):
    client.force_login(charity)
    published = client.get("/api/performance/priorities", {"period": "2022Q2"}).json()
    assert client.post(reverse("performance:figures", args=[measure.pk]), FIGURE).status_code == 403
    assert client.get(reverse("performance:figures", args=[measure.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        enter_figure(user=charity, measure=measure, **{**FIGURE, "value": Decimal(999999)})
    assert not MeasureFigure.objects.exists()  # what the dashboard and the API publish
    assert client.get("/api/performance/priorities", {"period": "2022Q2"}).json() == published


def test_a_performance_lead_can(client, django_user_model, loaded_store, measure):
    sync_roles()
    lead = django_user_model.objects.create_user(username="lead", password="a-long-test-password")
    assign_roles(lead, (PERFORMANCE_LEAD,))
    client.force_login(lead)
    assert client.post(reverse("performance:figures", args=[measure.pk]), {**FIGURE, "value": "61"}).status_code == 302
    assert MeasureFigure.objects.get(measure=measure).value == 61


@pytest.mark.parametrize("who", ["charity", "assessor"])
def test_partners_and_assessors_are_refused_the_staff_pages(client, who, request):
    run = ImportRun.objects.create(
        source="x.csv", file_name="x.csv", kind="street", force="lancashire", month="2022-05", status="stored"
    )
    client.force_login(request.getfixturevalue(who))
    for url in (
        reverse("crimedata:imports"),
        reverse("crimedata:run", args=[run.pk]),
        reverse("crimedata:run_csv", args=[run.pk]),
        reverse("crimedata:map"),
        reverse("crimedata:map_geojson"),
        reverse("hotspots:map"),
    ):
        assert client.get(url).status_code == 403, url
    assert client.get("/api/imports").status_code == 403
    assert client.get("/api/hotspots", {"force": "lancashire"}).status_code == 403

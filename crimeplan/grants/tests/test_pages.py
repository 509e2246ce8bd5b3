"""Every grants page renders with the examples on the real Lancashire data; the simulator and the register work."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.grants.models import AllocationDecision, Application, Award, Contract, MonitoringReturn

pytestmark = pytest.mark.django_db


@pytest.fixture
def examples(loaded_store, funds, manager):
    call_command("grants", "demo", stdout=io.StringIO())
    return manager


def test_the_examples_are_labelled_and_every_page_shows_them(client, examples):
    assert Application.objects.filter(is_example=False).count() == 0
    assert all(a.org_name.startswith("Example") for a in Application.objects.all())
    client.force_login(examples)
    award = Award.objects.get(application__org_name="Example Talbot Youth Boxing Club")
    urls = [
        "/grants/",
        "/grants/published/",
        f"/grants/projects/{award.application.reference}/",
        reverse("grants:dashboard"),
        reverse("grants:award", args=[award.pk]),
        reverse("grants:application", args=[award.application.pk]),
        reverse("grants:round", args=[award.application.round.pk]),
        reverse("grants:fund_report", args=[award.fund.slug]),
        reverse("grants:allocation"),
        reverse("grants:allocation_decision", args=[AllocationDecision.objects.get().pk]),
        reverse("grants:contracts"),
        reverse("grants:contract", args=[Contract.objects.get().pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'data-testid="example-tag"' in response.content.decode() or "Example" in response.content.decode(), url


def test_did_it_work_refuses_when_the_project_area_has_no_comparable_neighbourhoods(client, examples):
    award = Award.objects.get(application__org_name="Example Talbot Youth Boxing Club")
    assert award.status == "completed"
    page = client.get(f"/grants/projects/{award.application.reference}/").content.decode()
    assert "2020-10 to 2021-08" in page and "2021-09 to 2022-02" in page
    assert 'data-testid="impact-refusal"' in page and "No comparable areas" in page
    assert 'data-testid="impact-balance"' in page and "not alike" in page
    assert 'data-testid="impact-table"' not in page
    assert "What this can and cannot show" in page


def test_an_overdue_final_return_is_flagged(client, examples):
    overdue = MonitoringReturn.objects.get(received_on__isnull=True, award__application__org_name__contains="Lancaster")
    client.force_login(examples)
    page = client.get(reverse("grants:dashboard")).content.decode()
    assert 'data-testid="overdue"' in page and overdue.award.application.reference in page


def test_the_simulator_shows_both_weightings_and_saves_a_decision(client, examples):
    client.force_login(examples)
    query = {
        "total": "325000",
        "first_month": "2021-08",
        "last_month": "2022-07",
        "deprived_deciles": "2",
        "w_base": "0",
        "w_population": "1",
        "w_crime": "0",
        "w_harm": "0",
        "w_deprivation": "0",
    }
    page = client.get(reverse("grants:allocation"), query).content.decode()
    assert 'data-testid="allocation"' in page and "Blackpool" in page
    response = client.post(
        reverse("grants:allocation") + "?" + "&".join(f"{k}={v}" for k, v in query.items()),
        {**query, "title": "Population only", "financial_year": "2026-27", "rationale": "Testing a population split"},
    )
    assert response.status_code == 302
    decision = AllocationDecision.objects.get(title="Population only")
    assert sum(r["proposed_amount"] for r in decision.results) == 325_000
    blackpool = next(r for r in decision.results if r["code"] == "E22000151")
    assert blackpool["proposed_amount"] == round(
        325_000 * blackpool["population"] / sum(r["population"] for r in decision.results)
    )
    assert AuditEvent.objects.filter(event="allocation_decided").count() == 2  # the example and this one
    bad = client.get(reverse("grants:allocation"), {**query, "w_population": "0"}).content.decode()
    assert "Give at least one factor a weight above zero" in bad


def test_quarterly_figures_are_checked_and_replace_the_quarter(client, examples):
    contract = Contract.objects.get()
    client.force_login(examples)
    url = reverse("grants:contract", args=[contract.pk])
    page = client.post(
        url, {"quarter": "2026Q5", "in_treatment": "10", "successful_completions": "20", "cjs_referrals": "1"}
    ).content.decode()
    assert "Enter the quarter like 2026Q2" in page
    page = client.post(
        url, {"quarter": "2026Q3", "in_treatment": "10", "successful_completions": "20", "cjs_referrals": "1"}
    ).content.decode()
    assert "cannot be more than the number in treatment" in page
    client.post(
        url, {"quarter": "2026Q3", "in_treatment": "1300", "successful_completions": "190", "cjs_referrals": "101"}
    )
    client.post(
        url, {"quarter": "2026Q3", "in_treatment": "1301", "successful_completions": "190", "cjs_referrals": "101"}
    )
    assert contract.performance.get(quarter="2026Q3").in_treatment == 1301
    assert contract.flags()  # the example's review and end dates are near

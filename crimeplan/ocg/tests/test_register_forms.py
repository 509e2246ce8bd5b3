"""The register's forms (groups, threat scores, 4P actions, disruptions, linked crimes) by role × handling code,
the CCHI harm score beside the threat score, Report Fraud references, overdue actions and counted Protect actions."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.ocg.constants import HandlingCode, ProtectKind, Strand
from crimeplan.ocg.models import Disruption, FourPPlan, GroupScore, LinkedCrime, OrganisedCrimeGroup, PlanAction
from crimeplan.ocg.tests.people import account, page
from crimeplan.performance.providers import get_provider

pytestmark = pytest.mark.django_db
FORMS = ["score", "action_add", "disruption_add", "crime_add"]


def _lancashire_days(category: str) -> float:
    with open(settings.BASE_DIR / "data/harm_weights/cchi_weights_by_policeuk_category_lancs_leics.csv") as handle:
        return next(
            float(r["cchi_days"])
            for r in csv.DictReader(handle)
            if r["force"] == "Lancashire" and r["crime_type"] == category
        )


CASES = [
    ("reader", HandlingCode.OFFICIAL, 403),
    ("manager", HandlingCode.OFFICIAL, 200),
    ("manager", HandlingCode.OFFICIAL_SENSITIVE, 404),
    ("sensitive-manager", HandlingCode.OFFICIAL_SENSITIVE, 200),
]


@pytest.mark.parametrize("name", FORMS)
@pytest.mark.parametrize(("role", "code", "status"), CASES)
def test_group_forms_by_role_and_handling_code(client, django_user_model, name, role, code, status):
    OrganisedCrimeGroup.objects.create(reference="G1", name="Group one", handling_code=code)
    client.force_login(account(django_user_model, role))
    response = client.get(reverse(f"ocg:{name}", args=["G1"]))
    missing = client.get(reverse(f"ocg:{name}", args=["NOPE"]))
    assert response.status_code == status
    if status == 404:
        assert page(response) == page(missing)
    posted = client.post(reverse(f"ocg:{name}", args=["G1"]), {})
    assert posted.status_code == status  # a refused POST is refused the same way


def test_group_form_adds_a_group_and_audits_it(client, django_user_model):
    client.force_login(account(django_user_model, "reader"))
    assert client.get(reverse("ocg:group_add")).status_code == 403
    client.force_login(account(django_user_model, "manager"))
    form = {
        "reference": "OCG-7",
        "name": "Mill lane",
        "markets": ["drugs"],
        "csp": "Preston",
        "handling_code": "official",
    }
    assert client.post(reverse("ocg:group_add"), form).status_code == 302
    assert OrganisedCrimeGroup.objects.get(reference="OCG-7").markets == ["drugs"]
    again = client.post(reverse("ocg:group_add"), form)
    assert again.status_code == 200 and "That reference is taken" in again.content.decode()
    assert AuditEvent.objects.filter(event="ocg_register_changed", data__item="group").count() == 1


def test_score_form_keeps_unknown_apart_from_none(client, django_user_model):
    OrganisedCrimeGroup.objects.create(reference="G2", name="Group two")
    client.force_login(account(django_user_model, "manager"))
    form = {f: "4" for f in ("physical", "psychological", "community", "environmental", "vulnerability")}
    form |= {"financial": "unknown", "scope": "4", "likelihood": "4", "position": "4", "confidence": "low"}
    form["on"] = "2024-06-01"
    assert client.post(reverse("ocg:score", args=["G2"]), form).status_code == 302
    score = GroupScore.objects.get()
    # 20 harm points × 4 × 4 × 4 = 1280 of 1536; financial unknown would add 4 × 64 = 256
    assert (score.score, score.high, score.unknown, score.band) == (1280.0, 1536.0, ["financial"], "A")


def test_action_form_opens_a_plan_flags_overdue_and_counts_protect_outreach(client, django_user_model):
    OrganisedCrimeGroup.objects.create(reference="G3", name="Group three")
    client.force_login(account(django_user_model, "manager"))
    url = reverse("ocg:action_add", args=["G3"])
    action = {"strand": Strand.PURSUE, "description": "Warrant", "owner": "DS Example", "due_on": "2024-01-10"}
    response = client.post(url, action)
    assert response.status_code == 200 and "name its lead officer" in response.content.decode()
    assert client.post(url, action | {"lead_officer": "DI Lead"}).status_code == 302
    outreach = {"strand": Strand.PREVENT, "description": "Talk", "owner": "Trading standards", "due_on": "2024-03-01"}
    outreach |= {"protect_kind": ProtectKind.OUTREACH, "businesses_reached": "12", "done_on": "2024-02-20"}
    refused = client.post(url, outreach)
    assert refused.status_code == 200 and "are Protect actions" in refused.content.decode()
    assert client.post(url, outreach | {"strand": Strand.PROTECT, "charities_reached": "3"}).status_code == 302
    assert FourPPlan.objects.get().lead_officer == "DI Lead" and PlanAction.objects.count() == 2
    group_page = client.get(reverse("ocg:group", args=["G3"])).content.decode()
    assert group_page.count("Overdue") == 1  # the warrant (due 2024, not done); the outreach is done
    period = (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert get_provider("ocg.protect-outreach").count(*period).value == 15.0


def test_cyber_choices_referrals_are_counted_from_done_protect_actions():
    group = OrganisedCrimeGroup.objects.create(reference="G4", name="Group four")
    plan = FourPPlan.objects.create(
        group=group, lead_officer="DI", starts_on=dt.date(2024, 1, 1), review_on=dt.date(2025, 1, 1)
    )
    kinds = dict(strand=Strand.PROTECT, protect_kind=ProtectKind.CYBER_CHOICES, owner="Cyber unit", description="CC")
    PlanAction.objects.create(
        plan=plan, due_on=dt.date(2024, 2, 1), done_on=dt.date(2024, 2, 1), people_referred=3, **kinds
    )
    PlanAction.objects.create(
        plan=plan, due_on=dt.date(2024, 3, 1), done_on=None, people_referred=5, **kinds
    )  # not done
    PlanAction.objects.create(
        plan=plan, due_on=dt.date(2023, 3, 1), done_on=dt.date(2023, 3, 1), people_referred=7, **kinds
    )
    assert get_provider("ocg.cyber-choices").count(dt.date(2024, 1, 1), dt.date(2024, 12, 31)).value == 3.0


def test_disruption_form_records_a_graded_disruption(client, django_user_model):
    OrganisedCrimeGroup.objects.create(reference="G5", name="Group five", handling_code=HandlingCode.OFFICIAL_SENSITIVE)
    client.force_login(account(django_user_model, "sensitive-manager"))
    form = {"occurred_on": "2024-04-01", "kind": "seizure", "grade": "major", "value": "2400", "summary": "Cash"}
    assert client.post(reverse("ocg:disruption_add", args=["G5"]), form).status_code == 302
    disruption = Disruption.objects.get()
    assert disruption.handling_code == HandlingCode.OFFICIAL_SENSITIVE and str(disruption.value) == "2400.00"


def test_linked_crimes_give_the_cchi_harm_beside_the_threat_score(client, django_user_model):
    OrganisedCrimeGroup.objects.create(reference="G6", name="Group six")
    client.force_login(account(django_user_model, "manager"))
    url = reverse("ocg:crime_add", args=["G6"])
    for month in ("2024-01", "2024-02"):
        crime = {"source": "policeuk", "crime_type": "Robbery", "month": month, "lsoa": "E01025309"}
        assert client.post(url, crime).status_code == 302
    fraud = {"source": "recorded", "offence": "Fraud by false representation", "cchi_days": "20"}
    bad = client.post(url, fraud | {"report_fraud_reference": "NFRC2403123"})
    assert bad.status_code == 200 and "A Report Fraud reference is NFRC" in bad.content.decode()
    assert client.post(url, fraud | {"report_fraud_reference": "NFRC240312345678"}).status_code == 302
    incomplete = client.post(url, {"source": "policeuk", "crime_type": "Robbery"})
    wrong_area = client.post(url, {"source": "policeuk", "crime_type": "Robbery", "month": "2024-03", "lsoa": "E02001"})
    assert incomplete.status_code == wrong_area.status_code == 200 and LinkedCrime.objects.count() == 3
    assert "An LSOA code is E01 or W01" in wrong_area.content.decode()
    text = client.get(reverse("ocg:group", args=["G6"])).content.decode()
    expected = 2 * _lancashire_days("Robbery") + 20  # 750 days: band C
    assert f"{expected:,.0f} over 3 crimes" in text and "NFRC240312345678" in text
    assert 'data-testid="harm-comparison"' in text and "has not been given a threat score" in text


def test_sensitive_linked_crimes_are_left_out_of_a_readers_harm(client, django_user_model):
    group = OrganisedCrimeGroup.objects.create(reference="G7", name="Group seven")
    LinkedCrime.objects.create(
        group=group, crime_type="Drugs", month="2024-01", lsoa="E01025309", linked_on=dt.date(2024, 2, 1)
    )
    LinkedCrime.objects.create(
        group=group, source="recorded", offence="Secret", cchi_days=5000, linked_on=dt.date(2024, 2, 1),
        handling_code=HandlingCode.OFFICIAL_SENSITIVE,
    )  # fmt: skip
    client.force_login(account(django_user_model, "reader"))
    text = client.get(reverse("ocg:group", args=["G7"])).content.decode()
    assert "Secret" not in text and f"{_lancashire_days('Drugs'):,.0f} over 1 crime" in text

"""Modern slavery first-responder records: children always referred, consent or notification, decision dates in
order, linked to groups as victims; pages by role × handling code × need to know, denials as "not found"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.ocg.constants import HandlingCode, NrmRoute, Role
from crimeplan.ocg.models import ModernSlaveryRecord, OrganisedCrimeGroup
from crimeplan.ocg.services.slavery import record_slavery
from crimeplan.ocg.tests.people import account, page

pytestmark = pytest.mark.django_db
DAY = dt.date(2024, 5, 1)


def _record(**kwargs):
    fields = {"user": None, "is_child": False, "consent": True, "exploitation": ["labour"], "referred_on": DAY}
    return record_slavery(**(fields | kwargs))


def test_a_child_is_always_referred_even_without_consent():
    record = _record(is_child=True, consent=False)
    assert record.route == NrmRoute.NRM and record.consent is False


def test_a_notification_for_a_child_is_refused_by_the_model_and_the_database():
    with pytest.raises(ValidationError) as refused:
        _record(is_child=True, consent=False, route=NrmRoute.DUTY_TO_NOTIFY)
    assert refused.value.error_dict["route"][0].code == "child_referred"
    with pytest.raises(IntegrityError), transaction.atomic():
        ModernSlaveryRecord.objects.create(reference="X1", route="dtn", is_child=True, referred_on=DAY)


def test_an_adult_without_consent_is_notified_anonymously_and_cannot_be_referred():
    assert _record(consent=False).route == NrmRoute.DUTY_TO_NOTIFY
    with pytest.raises(ValidationError) as refused:
        _record(consent=False, route=NrmRoute.NRM)
    assert refused.value.error_dict["consent"][0].code == "consent"


@pytest.mark.parametrize(
    ("reasonable", "conclusive", "field"),
    [
        (DAY - dt.timedelta(days=1), None, "reasonable_grounds_on"),  # before the referral
        (None, DAY + dt.timedelta(days=60), "conclusive_grounds_on"),  # conclusive without reasonable
        (DAY + dt.timedelta(days=5), DAY + dt.timedelta(days=4), "conclusive_grounds_on"),  # out of order
    ],
)
def test_decision_dates_follow_the_referral_in_order(reasonable, conclusive, field):
    with pytest.raises(ValidationError) as refused:
        _record(reasonable_grounds_on=reasonable, conclusive_grounds_on=conclusive)
    assert field in refused.value.error_dict
    assert not ModernSlaveryRecord.objects.exists()


def test_dates_in_order_are_kept_and_a_linked_group_gains_a_victim():
    group = OrganisedCrimeGroup.objects.create(reference="G1", name="Group")
    record = _record(
        reasonable_grounds_on=DAY + dt.timedelta(days=5), conclusive_grounds_on=DAY + dt.timedelta(days=90), group=group
    )
    assert record.victim is not None and record.victim.role == Role.VICTIM and record.victim.group == group
    assert AuditEvent.objects.filter(event="ocg_slavery_recorded", data__reference=record.reference).count() == 1


# (role, teams, handling code, need-to-know) -> may read
CASES = [
    ("no-permission", (), HandlingCode.OFFICIAL, "", None),
    ("reader", (), HandlingCode.OFFICIAL, "", True),
    ("reader", (), HandlingCode.OFFICIAL_SENSITIVE, "", False),
    ("sensitive-reader", (), HandlingCode.OFFICIAL_SENSITIVE, "", True),
    ("sensitive-reader", (), HandlingCode.OFFICIAL_SENSITIVE, "slavery-unit", False),
    ("sensitive-reader", ("slavery-unit",), HandlingCode.OFFICIAL_SENSITIVE, "slavery-unit", True),
]


@pytest.mark.parametrize(("role", "teams", "code", "team", "allowed"), CASES)
def test_record_pages_by_role_handling_code_and_need_to_know(
    client, django_user_model, role, teams, code, team, allowed
):
    record = _record(handling_code=code, need_to_know=team)
    client.force_login(account(django_user_model, role, teams))
    shown = client.get(reverse("ocg:slavery_record", args=[record.reference]))
    missing = client.get(reverse("ocg:slavery_record", args=["MS-1900-0001"]))
    listed = client.get(reverse("ocg:slavery_list"))
    if allowed is None:
        assert shown.status_code == missing.status_code == listed.status_code == 403
        assert not AuditEvent.objects.filter(event="ocg_slavery_viewed").exists()
        return
    assert listed.status_code == 200 and (record.reference in listed.content.decode()) is allowed
    assert AuditEvent.objects.filter(event="ocg_slavery_viewed", data__via="list").exclude(purpose="").count() == 1
    if allowed:
        assert shown.status_code == 200 and "Adult (18 or over), consented" in shown.content.decode()
        assert AuditEvent.objects.filter(event="ocg_slavery_viewed", data__reference=record.reference).count() == 1
    else:
        assert shown.status_code == missing.status_code == 404
        assert page(shown) == page(missing)


def test_the_form_records_a_child_referral_and_needs_the_manage_permission(client, django_user_model):
    OrganisedCrimeGroup.objects.create(reference="G2", name="Group two")
    client.force_login(account(django_user_model, "reader"))
    assert client.get(reverse("ocg:slavery_add")).status_code == 403
    client.force_login(account(django_user_model, "sensitive-manager"))
    form = {
        "is_child": "True",
        "exploitation": ["criminal"],
        "referred_on": "2024-05-01",
        "group": "G2",
        "handling_code": HandlingCode.OFFICIAL_SENSITIVE,
    }
    response = client.post(reverse("ocg:slavery_add"), form)
    record = ModernSlaveryRecord.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{record.reference}/")
    assert record.route == NrmRoute.NRM and record.is_child and record.victim.group.reference == "G2"


def test_the_form_shows_an_adult_referral_without_consent_as_an_error(client, django_user_model):
    client.force_login(account(django_user_model, "manager"))
    form = {"is_child": "False", "exploitation": ["labour"], "referred_on": "2024-05-01", "group": "NOPE"}
    form["handling_code"] = HandlingCode.OFFICIAL
    response = client.post(reverse("ocg:slavery_add"), form)
    assert response.status_code == 200 and "No group with that reference" in response.content.decode()
    assert not ModernSlaveryRecord.objects.exists()


def test_overview_shows_nrm_context_by_age_and_type_with_a_csv(client, django_user_model):
    client.force_login(account(django_user_model, "reader"))
    text = client.get(reverse("ocg:index")).content.decode()
    assert 'data-testid="nrm-exploitation"' in text and "<svg" in text
    body = client.get(reverse("ocg:nrm_csv")).content.decode().splitlines()
    # 2022 Q2 in the release: 12 referred, 6 adults (criminal 3, labour & criminal 2, sexual 1), 6 children
    assert body[1] == "2022 Q2,Lancashire Constabulary,12,6,6,0,Criminal (7),950"
    assert "Criminal,53" in body  # criminal exploitation over the seven quarters: 7+6+5+8+10+9+8
    assert AuditEvent.objects.filter(event="ocg_nrm_statistics_read").count() == 1


def test_the_serious_and_organised_crime_analyst_role_records_and_reads(client, django_user_model):
    from crimeplan.accounts.roles import SOC_ANALYST, assign_roles, sync_roles

    user = django_user_model.objects.create_user(username="soc", password="x")
    assert sync_roles() == []
    assign_roles(user, (SOC_ANALYST,))
    client.force_login(user)
    form = {"is_child": "False", "consent": "on", "exploitation": ["labour"], "referred_on": "2024-05-01"}
    response = client.post(reverse("ocg:slavery_add"), form | {"handling_code": HandlingCode.OFFICIAL_SENSITIVE})
    assert response.status_code == 302
    record = ModernSlaveryRecord.objects.get()
    assert record.route == NrmRoute.NRM and record.consent and record.recorded_by == "soc"
    assert client.get(reverse("ocg:slavery_record", args=[record.reference])).status_code == 200


def test_decision_dates_are_recorded_later_in_order_and_audited(client, django_user_model):
    record = _record(handling_code=HandlingCode.OFFICIAL_SENSITIVE)
    url = reverse("ocg:slavery_decisions", args=[record.reference])
    client.force_login(account(django_user_model, "manager"))  # may not read OFFICIAL-SENSITIVE
    hidden = client.get(url)
    missing = client.get(reverse("ocg:slavery_decisions", args=["MS-1900-0001"]))
    assert hidden.status_code == missing.status_code == 404 and page(hidden) == page(missing)
    client.force_login(account(django_user_model, "sensitive-manager"))
    wrong = client.post(url, {"reasonable_grounds_on": "2024-06-01", "conclusive_grounds_on": "2024-05-20"})
    assert wrong.status_code == 200 and "Conclusive grounds follow reasonable grounds" in wrong.content.decode()
    right = client.post(url, {"reasonable_grounds_on": "2024-05-06", "conclusive_grounds_on": "2024-09-30"})
    assert right.status_code == 302
    record.refresh_from_db()
    assert (record.reasonable_grounds_on, record.conclusive_grounds_on) == (dt.date(2024, 5, 6), dt.date(2024, 9, 30))
    assert (
        AuditEvent.objects.filter(event="ocg_slavery_decisions_recorded", data__reference=record.reference).count() == 1
    )

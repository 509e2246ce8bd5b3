"""The partner API: API keys, referrals in, status out, scoped like the pages."""

from __future__ import annotations

import pytest

from crimeplan.audit.models import AuditEvent
from crimeplan.cases.models import ApiKey, Case
from crimeplan.cases.services.apikeys import create_api_key, revoke_api_key

pytestmark = pytest.mark.django_db

REFERRAL = {
    "programme": "early-action",
    "person": {"given_name": "Rae", "family_name": "Apitest", "date_of_birth": "1985-06-07", "sex": "female"},
    "reason": "Sofa-surfing after eviction",
    "needs": ["accommodation", "drugs-alcohol"],
    "risk_level": "medium",
}


def bearer(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


@pytest.fixture
def owner_key(owner):
    _, key = create_api_key(organisation=owner.organisation, name="Council case system", created_by="test")
    return key


def test_only_a_hash_of_the_key_is_stored(owner_key):
    stored = ApiKey.objects.get()
    assert owner_key.startswith("cpk_") and len(owner_key) > 40
    assert owner_key not in (stored.key_hash, stored.prefix) and stored.prefix == owner_key[:12]
    assert not stored.user.has_usable_password()


def test_a_partner_system_refers_and_reads_the_status(client, owner, owner_key):
    response = client.post("/api/cases/referrals", REFERRAL, content_type="application/json", **bearer(owner_key))
    assert response.status_code == 201
    body = response.json()
    case = Case.objects.get(reference=body["reference"])
    assert (case.owner, case.source, body["status"]) == (owner.organisation, "api", "referred")
    assert sorted(case.needs.values_list("slug", flat=True)) == ["accommodation", "drugs-alcohol"]
    status = client.get(f"/api/cases/{case.reference}", **bearer(owner_key)).json()
    assert status["history"][0]["to_status"] == "referred" and status["owner"] == owner.organisation.name
    listed = client.get("/api/cases", **bearer(owner_key)).json()
    assert [row["reference"] for row in listed] == [case.reference]
    events = set(AuditEvent.objects.values_list("event", flat=True))
    assert {"case_referred", "case_viewed", "cases_listed"} <= events
    assert AuditEvent.objects.get(event="case_viewed").data["via"] == "api"


def test_another_agencys_key_gets_404_for_a_case_it_may_not_see(client, case, outsider):
    _, key = create_api_key(organisation=outsider.organisation, name="Other system", created_by="test")
    assert client.get(f"/api/cases/{case.reference}", **bearer(key)).status_code == 404
    assert client.get("/api/cases", **bearer(key)).json() == []
    assert AuditEvent.objects.filter(event="case_access_refused", data__via="api").exists()


def test_a_key_sees_what_its_agency_may_see_under_an_agreement(client, case, sharer):
    _, key = create_api_key(organisation=sharer.organisation, name="Sharer system", created_by="test")
    assert client.get(f"/api/cases/{case.reference}", **bearer(key)).status_code == 200


def test_bad_keys_and_no_keys_are_refused(client, case, owner_key):
    assert client.get("/api/cases").status_code == 401
    assert client.get("/api/cases", **bearer("cpk_not-a-real-key-at-all-000000000000000000")).status_code == 401
    assert client.get("/api/cases", **bearer(owner_key[:-1] + "x")).status_code == 401
    revoke_api_key(prefix=owner_key[:12], revoked_by="test")
    assert client.get("/api/cases", **bearer(owner_key)).status_code == 401


def test_a_referral_with_mistakes_says_what_to_change(client, owner_key):
    bad = REFERRAL | {"programme": "nowhere"}
    response = client.post("/api/cases/referrals", bad, content_type="application/json", **bearer(owner_key))
    assert response.status_code == 400 and "Unknown programme 'nowhere': use one of" in response.json()["detail"]
    bad = REFERRAL | {"needs": ["flying"]}
    response = client.post("/api/cases/referrals", bad, content_type="application/json", **bearer(owner_key))
    assert response.status_code == 400 and response.json()["field"] == "needs"
    bad = REFERRAL | {"risk_level": "extreme", "person": {"given_name": ""}}
    response = client.post("/api/cases/referrals", bad, content_type="application/json", **bearer(owner_key))
    assert response.status_code == 422
    assert Case.objects.count() == 0


def test_a_signed_in_session_works_too(client, owner, case):
    client.force_login(owner)
    assert client.get(f"/api/cases/{case.reference}").json()["reference"] == case.reference

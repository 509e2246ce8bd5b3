"""The public pages (sign-up, confirmation, the member's page, unsubscribe, STOP, replies) and the staff pages."""

from __future__ import annotations

import json
import re

import pytest
from django.core import mail
from django.urls import reverse

from crimeplan.audit.models import AuditEvent
from crimeplan.engagement.models import Alert, Delivery, Member, ProviderConsent, Reply, Subscription
from crimeplan.engagement.services import alerts, sending
from crimeplan.engagement.tests.conftest import WARD, WARD_LSOA

pytestmark = pytest.mark.django_db

SIGN_UP = {
    "kind": "resident", "email": "new.member@example.org", "phone": "07700 900456", "postcode": "bb1 1aa",
    "lsoa_code": WARD_LSOA, "topics": ["burglary", "scams"], "providers": ["police", "council"],
    "channels": ["email", "sms"], "priority_threshold": "1", "radius_m": "1000",
}  # fmt: skip


def _sms_code(settings) -> str:
    folder = settings.ALERTS_SMS_DIR
    lines = [json.loads(line) for path in sorted(folder.glob("*.jsonl")) for line in path.read_text().splitlines()]
    return re.search(r"code is (\d{6})", lines[-1]["body"]).group(1)  # type: ignore[union-attr]


def test_sign_up_then_confirm_email_by_link_and_sms_by_code(client, geography_db, settings, tmp_path):
    settings.ALERTS_SMS_DIR = tmp_path / "sms"
    response = client.post(reverse("engagement:signup"), SIGN_UP)
    assert response.status_code == 302
    member = Member.objects.get(email="new.member@example.org")
    assert (member.phone, member.postcode, member.ward_code) == ("+447700900456", "BB1 1AA", WARD)
    assert member.areas.filter(reason="radius").count() > 1  # neighbours within a kilometre
    assert set(ProviderConsent.objects.filter(member=member).values_list("wording_version", flat=True)) == {"2026-1"}
    assert not Member.objects.verified().filter(pk=member.pk).exists()  # nothing confirmed yet

    link = re.search(r"http\S+/alerts/confirm/\S+/", mail.outbox[-1].body).group(0)
    path = link.split("127.0.0.1:8000", 1)[1]
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    assert Subscription.objects.get(member=member, channel="email").confirmed_at is not None

    wrong = client.post(
        reverse("engagement:signup_done"), {"code": "000000" if _sms_code(settings) != "000000" else "111111"}
    )
    assert "The code is not right" in wrong.content.decode()
    texts = sum(len(p.read_text().splitlines()) for p in settings.ALERTS_SMS_DIR.glob("*.jsonl"))
    assert "We have sent a new code" in client.post(reverse("engagement:signup_done"), {"resend": "1"}).content.decode()
    assert sum(len(p.read_text().splitlines()) for p in settings.ALERTS_SMS_DIR.glob("*.jsonl")) == texts + 1
    right = client.post(reverse("engagement:signup_done"), {"code": _sms_code(settings)})
    assert "Alerts confirmed" in right.content.decode()
    assert Subscription.objects.get(member=member, channel="sms").confirmed_at is not None


def test_sign_up_with_and_without_the_equality_questions(client, geography_db):
    page = client.get(reverse("engagement:signup")).content.decode()
    assert "equality questions (optional)" in page and "Prefer not to say" in page and "fewer than 5" in page
    response = client.post(reverse("engagement:signup"), {**SIGN_UP, "phone": "", "channels": ["email"]})
    assert response.status_code == 302  # not answering is fine
    assert (Member.objects.get(email=SIGN_UP["email"]).age_band, Member.objects.get().ethnicity) == ("", "")
    answered = {**SIGN_UP, "email": "said@example.org", "phone": "", "channels": ["email"],
                "age_band": "35-44", "ethnicity": "prefer_not"}  # fmt: skip
    assert client.post(reverse("engagement:signup"), answered).status_code == 302
    member = Member.objects.get(email="said@example.org")
    assert (member.age_band, member.ethnicity) == ("35-44", "prefer_not")
    wrong = client.post(reverse("engagement:signup"), {**answered, "email": "x@example.org", "age_band": "12-15"})
    assert wrong.status_code == 200 and not Member.objects.filter(email="x@example.org").exists()
    assert "Select a valid choice" in wrong.content.decode()


def test_staff_never_see_one_members_equality_answers(client, geography_db, staff_with):
    member = _member()
    Member.objects.filter(pk=member.pk).update(age_band="16-24", ethnicity="mixed")
    client.force_login(staff_with("officer", "manage_members"))
    listing = client.get(reverse("engagement:members")).content.decode()
    export = client.get(reverse("engagement:members_csv")).content.decode()
    assert member.email in listing and member.email in export  # the right members, without their answers
    for shown in (listing, export):
        for answer in ("16-24", "16 to 24", "mixed", "Mixed or Multiple", "age_band", "ethnicity", "Age", "Ethnic"):
            assert answer not in shown


def test_sign_up_form_errors_are_actionable(client, geography_db):
    response = client.post(reverse("engagement:signup"), {**SIGN_UP, "phone": "12345", "lsoa_code": ""})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter a UK mobile number" in body or "Choose your neighbourhood" in body
    assert not Member.objects.exists()


def test_sign_up_is_rate_limited(client, geography_db):
    for n in range(10):
        client.post(reverse("engagement:signup"), {**SIGN_UP, "email": f"m{n}@example.org", "phone": ""})
    response = client.post(reverse("engagement:signup"), {**SIGN_UP, "email": "late@example.org", "phone": ""})
    assert "Too many sign-ups" in response.content.decode()
    assert not Member.objects.filter(email="late@example.org").exists()


def _member(geography_db_unused=None) -> Member:
    from crimeplan.engagement.demo import load_examples

    load_examples()
    return Member.objects.filter(is_example=True, phone__isnull=False).order_by("pk").first()  # type: ignore[return-value]


def test_the_members_page_changes_preferences_and_deletes_everything(client, geography_db):
    member = _member()
    page = reverse("engagement:manage", args=[member.manage_token])
    assert member.email in client.get(page).content.decode()
    assert AuditEvent.objects.filter(event="member_data_read").exists()
    response = client.post(page, {"topics": ["scams"], "providers": ["police"], "channels": ["email"],
                                  "priority_threshold": "3"})  # fmt: skip
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.priority_threshold == 3
    assert Subscription.objects.get(member=member, channel="sms").unsubscribed_at is not None
    assert list(member.consents.filter(withdrawn_at__isnull=True).values_list("provider", flat=True)) == ["police"]
    assert (member.age_band, member.ethnicity) == ("", "")
    assert "equality questions (optional)" in client.get(page).content.decode()
    client.post(page, {"topics": ["scams"], "providers": ["police"], "channels": ["email"], "priority_threshold": "3",
                       "age_band": "75+", "ethnicity": "black"})  # fmt: skip
    member.refresh_from_db()
    assert (member.age_band, member.ethnicity) == ("75+", "black")

    client.post(reverse("engagement:erase", args=[member.manage_token]))
    member.refresh_from_db()
    assert (member.email, member.phone, member.erased_at is not None) == (None, None, True)
    assert (member.age_band, member.ethnicity) == ("", "")  # the equality answers go with the rest
    assert not member.consents.filter(withdrawn_at__isnull=True).exists()
    assert client.get(page).status_code == 404


def test_one_click_unsubscribe_and_stop_texts(client, geography_db, settings):
    member = _member()
    url = reverse("engagement:unsubscribe", args=[member.manage_token, "email"])
    assert client.post(url, {"List-Unsubscribe": "One-Click"}).status_code == 200  # no CSRF token: RFC 8058
    assert Subscription.objects.get(member=member, channel="email").unsubscribed_at is not None

    inbound = reverse("engagement:notify_inbound_sms")
    payload = json.dumps({"source_number": member.phone.replace("+44", "0"), "content": "Stop"})
    settings.NOTIFY_CALLBACK_TOKEN = "callback-secret"
    assert client.post(inbound, payload, content_type="application/json").status_code == 401
    response = client.post(inbound, payload, content_type="application/json",
                           headers={"Authorization": "Bearer callback-secret"})  # fmt: skip
    assert response.json() == {"result": "unsubscribed"}
    assert Subscription.objects.get(member=member, channel="sms").unsubscribed_at is not None


def test_notify_delivery_receipts_mark_deliveries(client, geography_db, settings):
    member = _member()
    delivery = Delivery.objects.filter(member=member, channel="email").get()
    receipts = reverse("engagement:notify_receipts")
    settings.NOTIFY_CALLBACK_TOKEN = "callback-secret"
    auth = {"Authorization": "Bearer callback-secret"}
    body = {"id": "n1", "reference": f"crimeplan-delivery-{delivery.pk}", "status": "delivered"}
    assert (
        client.post(receipts, body, content_type="application/json", headers={"Authorization": "Bearer no"}).status_code
        == 401
    )
    assert client.post(receipts, body, content_type="application/json", headers=auth).json() == {"matched": True}
    delivery.refresh_from_db()
    assert delivery.state == "delivered" and delivery.delivered_at is not None


def test_a_reply_reaches_the_inbox_and_is_passed_on_only_with_consent(client, geography_db, staff_with):
    member = _member()
    alert = Alert.objects.get(is_example=True)
    url = reverse("engagement:reply", args=[alert.pk, member.manage_token])
    client.post(url, {"text": "I saw the van again tonight."})
    reply = Reply.objects.get(text="I saw the van again tonight.")
    assert not reply.consent_to_share
    officer = staff_with("officer", "manage_members", "compose_alerts")
    client.force_login(officer)
    assert "I saw the van again" in client.get(reverse("engagement:inbox")).content.decode()
    refused = client.post(reverse("engagement:reply_detail", args=[reply.pk]), {"kind": "information", "pass_on": "on"})
    assert "did not agree" in refused.content.decode()
    reply.refresh_from_db()
    assert reply.passed_on_at is None
    shared = Reply.objects.get(consent_to_share=True)
    client.post(reverse("engagement:reply_detail", args=[shared.pk]), {"kind": "information", "pass_on": "on"})
    shared.refresh_from_db()
    assert shared.passed_on_at is not None and shared.kind == "information"


def test_staff_compose_preview_approve_and_send(client, geography_db, staff_with):
    _member()
    author = staff_with("author", "compose_alerts")
    approver = staff_with("approver", "compose_alerts", "approve_alerts")
    client.force_login(author)
    form = client.get(reverse("engagement:alert_new") + "?template=burglary").content.decode()
    assert "((area))" in form
    response = client.post(reverse("engagement:alert_new"), {
        "provider": "police", "subject": "Burglaries in Audley", "body": "Lock your doors.", "topics": ["burglary"],
        "priority": "3", "target_kind": "ward", "ward": WARD,
    })  # fmt: skip
    alert = Alert.objects.get(subject="Burglaries in Audley")
    assert response.status_code == 302 and alert.status == "awaiting_approval"
    detail = client.get(reverse("engagement:alert", args=[alert.pk])).content.decode()
    assert "Text message preview" in detail and "Reply STOP to opt out." in detail
    client.post(reverse("engagement:alert_send", args=[alert.pk]))
    assert not Delivery.objects.filter(alert=alert).exists()  # refused: not approved

    client.force_login(approver)
    client.post(reverse("engagement:alert_approve", args=[alert.pk]))
    client.post(reverse("engagement:alert_send", args=[alert.pk]))
    alert.refresh_from_db()
    assert (
        alert.status == "sending"
        and alert.targeted == Delivery.objects.filter(alert=alert).values("member").distinct().count()
    )
    progress = client.get(reverse("engagement:alert_progress", args=[alert.pk])).content.decode()
    assert "hx-get" in progress and "<progress" in progress
    csv_text = client.get(reverse("engagement:alert_log_csv", args=[alert.pk])).content.decode()
    assert csv_text.startswith("delivery,member,channel,state")


def test_a_polygon_target_covers_the_lsoas_inside_it(geography_db):
    square = {
        "type": "Polygon",
        "coordinates": [[[-2.6, 53.7], [-2.4, 53.7], [-2.4, 53.8], [-2.6, 53.8], [-2.6, 53.7]]],
    }
    alert = alerts.create_alert(user=None, provider="police", subject="s", body="b", topics=[],
                                target_kind="polygon", target_geojson=square)  # fmt: skip
    assert WARD_LSOA in alert.target_lsoas
    assert sending.sms_parts("x" * 160) == 1 and sending.sms_parts("x" * 161) == 2


def test_the_admin_pages_of_members_and_replies_are_audited(admin_client, geography_db):
    member = _member()
    assert admin_client.get("/admin/engagement/member/").status_code == 200
    assert admin_client.get(f"/admin/engagement/member/{member.pk}/change/").status_code == 200
    assert admin_client.get("/admin/engagement/reply/").status_code == 200
    assert admin_client.get("/admin/engagement/alert/").status_code == 200
    assert AuditEvent.objects.filter(event="admin_record_viewed", object_id=str(member.pk)).exists()


def test_a_member_changes_their_details_and_a_new_email_is_confirmed_again(client, geography_db):
    member = _member()
    url = reverse("engagement:details", args=[member.manage_token])
    assert member.email in client.get(url).content.decode()
    mail.outbox.clear()
    response = client.post(url, {"email": "moved@example.org", "phone": "", "postcode": "pr1 2ab",
                                 "lsoa_code": "E01025232"})  # fmt: skip
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.email, member.phone, member.postcode, member.ward_code) == (
        "moved@example.org", None, "PR1 2AB", "E05012193",
    )  # fmt: skip
    email = Subscription.objects.get(member=member, channel="email")
    assert email.confirmed_at is None and mail.outbox[-1].to == ["moved@example.org"]
    assert Subscription.objects.get(member=member, channel="sms").unsubscribed_at is not None
    assert member.areas.get(reason="home").lsoa_code == "E01025232"

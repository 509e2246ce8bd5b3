"""Sign-in throttling, the second factor, session lifetimes, password reset and public form limits."""

from __future__ import annotations

import base64
import re
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from crimeplan.accounts.middleware import LAST_SEEN, SIGNED_IN_AT
from crimeplan.accounts.roles import OPCC_ANALYST, assign_roles, sync_roles

PASSWORD = "a-long-test-password"
SIGN_IN = "/accounts/sign-in/"


@pytest.fixture
def analyst(django_user_model):
    user = django_user_model.objects.create_user(username="analyst", password=PASSWORD, email="analyst@example.org")
    sync_roles()
    assign_roles(user, (OPCC_ANALYST,))
    return user


def _sign_in(client, password, username="analyst"):
    return client.post(SIGN_IN, {"username": username, "password": password, "next": "/data/"})


@pytest.mark.django_db
def test_a_hundred_wrong_passwords_lock_the_account_out_and_then_the_right_one_is_refused(client, analyst):
    answers = [_sign_in(client, f"wrong-{n}").status_code for n in range(100)]
    assert answers[:4] == [200] * 4  # the form again, with "Enter a correct username and password"
    assert set(answers[5:]) == {429}
    refused = _sign_in(client, PASSWORD)
    assert refused.status_code == 429
    assert "too many times" in refused.content.decode()
    assert "govuk-error-summary" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/data/").status_code == 302


@pytest.mark.django_db
def test_a_right_password_before_the_limit_signs_in_and_clears_the_failures(client, analyst):
    for n in range(4):
        _sign_in(client, f"wrong-{n}")
    assert _sign_in(client, PASSWORD).status_code == 302
    assert client.get("/data/").status_code == 200


@pytest.mark.django_db
def test_with_debug_off_a_password_alone_does_not_reach_a_staff_page(client, analyst, settings):
    settings.DEBUG = False
    settings.TWO_FACTOR_REQUIRED = True
    assert _sign_in(client, PASSWORD).status_code == 302
    page = client.get("/data/")
    assert page.status_code == 302 and page["Location"].startswith(reverse("accounts:two_factor"))
    assert client.get("/api/imports").status_code == 401
    enrol = client.get(page["Location"])
    text = enrol.content.decode()
    assert "data:image/svg+xml" in text
    secret = re.search(r"Secret key: <code[^>]*>([A-Z2-7]+)</code>", text).group(1)
    device = TOTPDevice.objects.get(user=analyst)
    assert device.confirmed is False
    wrong = client.post(reverse("accounts:two_factor"), {"token": "000000", "next": "/data/"})
    assert wrong.status_code == 200 and "Codes change every 30 seconds" in wrong.content.decode()
    # django-otp makes the next try wait after a wrong code; let that wait pass
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    code = f"{totp(base64.b32decode(secret)):06d}"
    done = client.post(reverse("accounts:two_factor"), {"token": code, "next": "/data/"})
    assert done.status_code == 302 and done["Location"] == "/data/"
    assert client.get("/data/").status_code == 200
    device.refresh_from_db()
    assert device.confirmed is True


@pytest.mark.django_db
def test_with_debug_on_the_demo_signs_in_with_a_password_alone(client, analyst, settings):
    settings.TWO_FACTOR_REQUIRED = False
    _sign_in(client, PASSWORD)
    assert client.get("/data/").status_code == 200


@pytest.mark.django_db
def test_an_account_with_no_role_needs_no_second_factor(client, django_user_model, settings):
    settings.TWO_FACTOR_REQUIRED = True
    django_user_model.objects.create_user(username="someone", password=PASSWORD)
    _sign_in(client, PASSWORD, username="someone")
    assert client.get("/grants/manage/").status_code == 200


def _age(client, **seconds_ago):
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


@pytest.mark.django_db
def test_a_session_ends_after_thirty_idle_minutes(client, analyst, settings):
    client.force_login(analyst)
    assert client.get("/data/").status_code == 200
    _age(client, **{LAST_SEEN: 29 * 60})
    assert client.get("/data/").status_code == 200
    _age(client, **{LAST_SEEN: 31 * 60})
    expired = client.get("/data/")
    assert expired.status_code == 302 and expired["Location"].startswith(SIGN_IN)
    page = client.get(expired["Location"]).content.decode()
    assert "had not used the service for 30 minutes" in page


@pytest.mark.django_db
def test_a_busy_session_still_ends_twelve_hours_after_signing_in(client, analyst):
    client.force_login(analyst)
    client.get("/data/")
    _age(client, **{SIGNED_IN_AT: 12 * 3600 + 60, LAST_SEEN: 10})
    expired = client.get("/data/")
    assert expired.status_code == 302 and expired["Location"].startswith(SIGN_IN)
    assert "more than 12 hours ago" in client.get(expired["Location"]).content.decode()


@pytest.mark.django_db
def test_a_password_is_reset_by_the_emailed_link(client, analyst, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    sent = client.post(reverse("accounts:reset"), {"email": "analyst@example.org"})
    assert sent.status_code == 302
    assert client.post(reverse("accounts:reset"), {"email": "nobody@example.org"}).status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/accounts/password-reset/\S+)", mail.outbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert "Choose a new password" in form.content.decode()
    new = "a-different-long-password"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    analyst.refresh_from_db()
    assert analyst.check_password(new)


@pytest.fixture
def clear_cache():
    cache.clear()
    yield
    cache.clear()

import pytest

pytestmark = pytest.mark.django_db


def test_sign_in_shows_the_gov_uk_form(client):
    page = client.get("/accounts/sign-in/").content.decode()
    assert 'class="govuk-input' in page and 'autocomplete="current-password"' in page


def test_a_wrong_password_is_explained_in_the_error_summary(client, staff_user):
    page = client.post("/accounts/sign-in/", {"username": "analyst", "password": "nope"}).content.decode()
    assert "There is a problem" in page
    assert "Enter a correct username and password" in page
    assert "<title>Error: Sign in" in page


def test_signing_in_then_out(client, staff_user):
    response = client.post(
        "/accounts/sign-in/", {"username": "analyst", "password": "a-long-test-password", "next": "/data/"}
    )
    assert response.status_code == 302 and response["Location"] == "/data/"
    assert client.get("/").context["user"].is_authenticated
    client.post("/accounts/sign-out/")
    assert not client.get("/").context["user"].is_authenticated

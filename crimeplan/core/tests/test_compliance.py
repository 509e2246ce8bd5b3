"""The accessibility statement, privacy notices, cookies page, footer links and no asset from another site."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from crimeplan.core import compliance

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/about-the-data/", "/accessibility/", "/privacy/", "/cookies/", "/grants/", "/api/docs"]


def test_the_accessibility_statement_has_every_part_of_the_model_statement(client, settings):
    settings.CONTACT_EMAIL, settings.CONTACT_PHONE, settings.SESSION_IDLE_SECONDS = (
        "opcc@example.org",
        "01772 000000",
        1200,
    )
    page = " ".join(client.get(reverse("core:accessibility")).content.decode().split())
    for part in (
        "How accessible this website is",
        "Feedback and contact information",
        "Reporting accessibility problems with this website",
        "Enforcement procedure",
        "Equality and Human Rights Commission (EHRC)",
        "Equality Commission for Northern Ireland (ECNI)",
        "Compliance status",
        "partially compliant",
        "Non-accessible content",
        "Disproportionate burden",
        "Preparation of this accessibility statement",
        "This statement was prepared on 2 December 2026",
        "last reviewed on 2 December 2026",
        "opcc@example.org",
        "call 01772 000000",
        "signed out after 20 minutes",  # a known problem, read from the setting that causes it
    ):
        assert part in page, part


def test_a_privacy_notice_per_purpose_with_its_lawful_basis_and_contact(client, settings):
    settings.DPO_EMAIL = "dpo@example.org"
    index = client.get(reverse("core:privacy")).content.decode()
    assert set(compliance.NOTICES) == {"grants", "case-work", "hate-crime-reporting", "alerts"}
    for slug in compliance.NOTICES:
        url = reverse("core:privacy_notice", args=[slug])
        assert f'href="{url}"' in index
        page = client.get(url).content.decode()
        for part in (
            "lawful basis",
            "How long we keep it",
            "Who sees it",
            "dpo@example.org",
            "Information Commissioner",
        ):
            assert part in page, (slug, part)
    assert client.get(reverse("core:privacy_notice", args=["marketing"])).status_code == 404


def test_the_cookies_page_lists_every_cookie_the_service_sets(client, django_user_model):
    client.get(reverse("accounts:login"))  # a form: the CSRF cookie
    django_user_model.objects.create_user("cookie-reader", password="a long pass phrase 42")
    client.post(reverse("accounts:login"), {"username": "cookie-reader", "password": "a long pass phrase 42"})
    set_cookies = set(client.cookies)
    assert {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME} <= set_cookies
    page = client.get(reverse("core:cookies")).content.decode()
    for name in set_cookies | {"messages"}:
        assert f"<code>{name}</code>" in page, name
    assert "12 hours" in page and "1 year" in page


def test_every_page_links_the_statement_privacy_and_cookies_from_its_footer(client):
    for url in PUBLIC_PAGES[:-1]:
        footer = client.get(url).content.decode().split('<footer class="app-footer"', 1)[1]
        for name in ("core:accessibility", "core:privacy", "core:cookies"):
            assert f'href="{reverse(name)}"' in footer, (url, name)
        assert f"mailto:{settings.CONTACT_EMAIL}" in footer


OFF_SITE = re.compile(
    r"""<(?:script[^>]*\bsrc|link[^>]*\bhref|img[^>]*\bsrc)\s*=\s*["'](?:https?:)?//""", re.IGNORECASE
)
CSS_IMPORT = re.compile(r"""@import\s+(?:url\()?["']?(?:https?:)?//|url\(["']?(?:https?:)?//""", re.IGNORECASE)


def test_no_template_loads_a_script_style_or_image_from_another_site():
    root = Path(settings.BASE_DIR) / "crimeplan"
    found = [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.rglob("templates/**/*.html")
        for match in OFF_SITE.finditer(path.read_text())
    ]
    found += [
        f"{path.relative_to(root)}: {match.group(0)}"
        for path in root.rglob("static/**/*.css")
        for match in CSS_IMPORT.finditer(path.read_text())
    ]
    assert found == []


def test_no_rendered_page_loads_a_script_or_style_from_another_site(client):
    for url in PUBLIC_PAGES:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert OFF_SITE.findall(page) == [], url
        assert "<script" in page  # the pattern has something to look at
    docs = client.get("/api/docs").content.decode()
    assert '<script src="/static/build/swagger/swagger-ui-bundle' in docs

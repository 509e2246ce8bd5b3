"""Production settings: hashed static files, the PDF with debug off, headers, check --deploy, secrets."""

from __future__ import annotations

import re
import secrets
import subprocess
from io import StringIO
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.template import Context, Template

from crimeplan.core.pdf import html_to_pdf
from crimeplan.core.testing import crimeplan_command

TEMPLATES = sorted(Path(django_settings.BASE_DIR, "crimeplan").rglob("templates/**/*.html"))
PRODUCTION_STORAGE = {"BACKEND": "crimeplan.core.storage.StaticStorage"}


@pytest.fixture
def collected(settings, tmp_path):
    """``collectstatic`` with the production storage (hashed, compressed names) into a fresh folder."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION_STORAGE}
    call_command("collectstatic", interactive=False, verbosity=0, stdout=StringIO())
    return settings.STATIC_ROOT


@pytest.mark.slow
@pytest.mark.django_db
def test_collectstatic_with_hashed_names_works_and_pages_and_the_pdf_find_their_files(client, collected):
    names = {p.name for p in collected.rglob("*")}
    assert any(re.fullmatch(r"govuk-crest\.[0-9a-f]{12}\.svg", n) for n in names)
    assert any(re.fullmatch(r"pdf\.[0-9a-f]{12}\.css", n) for n in names)
    assert any(re.fullmatch(r"swagger-ui-bundle\.[0-9a-f]{12}\.js\.br", n) for n in names)
    html = Template('{% extends "core/pdf_base.html" %}{% block content %}<h1>Report</h1>{% endblock %}').render(
        Context()
    )
    assert re.search(r"/static/core/pdf\.[0-9a-f]{12}\.css", html)
    text = pdfium.PdfDocument(html_to_pdf(html))[0].get_textpage().get_text_range()
    assert "Page 1 of 1" in text  # drawn by pdf.css's @page margin boxes
    page = client.get("/accessibility/").content.decode()
    assert re.search(r"/static/build/css/app\.[0-9a-f]{12}\.css", page)
    docs = client.get("/api/docs").content.decode()
    assert re.search(r"/static/build/swagger/swagger-ui-bundle\.[0-9a-f]{12}\.js", docs)
    assert "cdn" not in docs.lower()


@pytest.mark.django_db
def test_every_response_has_a_content_security_policy_without_unsafe_inline(client):
    policy = client.get("/accessibility/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(django_settings.BASE_DIR)))
def test_templates_have_no_inline_script_or_style(template):
    text = template.read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", text), "inline <script>"
    assert not re.search(r"\sstyle=", text), "style= attribute"
    assert "<style" not in text and not re.search(r"\son[a-z]+=", text)


def _production_env(tmp_path, **changes):
    _, env = crimeplan_command(tmp_path)
    env.pop("CRIMEPLAN_DEBUG")
    env.update(
        {
            "CRIMEPLAN_SECRET_KEY": secrets.token_urlsafe(50),
            "CRIMEPLAN_ALLOWED_HOSTS": "crimeplan.example.org",
            "CRIMEPLAN_BEHIND_HTTPS_PROXY": "1",
            "CRIMEPLAN_CSRF_TRUSTED_ORIGINS": "https://crimeplan.example.org",
        }
    )
    env.update(changes)
    return {k: v for k, v in env.items() if v is not None}


@pytest.mark.slow
def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    command, _ = crimeplan_command(tmp_path)
    run = subprocess.run(
        [command, "check", "--deploy", "--fail-level", "WARNING"],
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "no issues" in run.stdout


@pytest.mark.slow
def test_without_a_secret_key_and_debug_off_it_refuses_to_start(tmp_path):
    command, _ = crimeplan_command(tmp_path)
    env = _production_env(tmp_path, CRIMEPLAN_SECRET_KEY=None)
    run = subprocess.run([command, "check"], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode != 0
    assert "Set CRIMEPLAN_SECRET_KEY" in run.stderr

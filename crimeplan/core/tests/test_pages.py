import os
import subprocess
import sys

import pytest
from django import forms
from django.template import Context, Template

pytestmark = pytest.mark.django_db


def test_about_the_data_is_public_and_lists_the_months_held(client, loaded_store):
    page = client.get("/about-the-data/").content.decode()
    assert "Lancashire Constabulary" in page and "2020-10" in page and "2022-07" in page
    assert "Crime map" not in page  # staff sections are hidden until sign-in


def test_staff_see_their_sections_in_the_navigation(staff_client, loaded_store):
    page = staff_client.get("/data/").content.decode()
    assert 'aria-current="page"' in page and "Crime map" in page


def test_about_the_data_lists_every_rule(client):
    page = client.get("/about-the-data/").content.decode()
    for code in ("column_count", "month_matches_file", "coordinates", "lsoa_code", "crime_type"):
        assert f"<code>{code}</code>" in page
    assert "Open Government Licence v3.0" in page


def test_a_missing_page_is_a_gov_uk_404(client):
    response = client.get("/nowhere/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


class _Example(forms.Form):
    name = forms.CharField(label="Name", help_text="As on the charity register")
    kind = forms.ChoiceField(label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)


def test_forms_render_as_gov_uk_form_groups_with_errors_linked():
    form = _Example(data={})
    html = str(form)
    assert 'class="govuk-form-group govuk-form-group--error"' in html
    assert 'class="govuk-input govuk-input--error"' in html
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert 'class="govuk-radios__input" id="id_kind_0"' in html
    summary = Template('{% include "core/error_summary.html" %}').render(Context({"form": form}))
    assert 'href="#id_name"' in summary and 'href="#id_kind_0"' in summary


def test_production_settings_need_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRIMEPLAN_")}
    env.update({"DJANGO_SETTINGS_MODULE": "crimeplan.settings", "CRIMEPLAN_DATA_DIR": str(tmp_path)})
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "Set CRIMEPLAN_SECRET_KEY" in result.stderr

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from crimeplan.analytics.tests.data import STREET_FILES, csv_rows
from crimeplan.crimedata.models import ImportRun

pytestmark = pytest.mark.django_db


def test_demo_load_twice_loads_the_shipped_data_once(store, monkeypatch):
    monkeypatch.setenv("CRIMEPLAN_DEMO_PASSWORD", "demo-password-for-tests")
    out = StringIO()
    call_command("demo", "load", stdout=out)
    call_command("demo", "load", stdout=out)
    total = sum(len(csv_rows(p)) for p in STREET_FILES)
    assert store.query("SELECT count(*) FROM street").rows == [(total,)]
    assert ImportRun.objects.filter(is_current=True).count() == len(STREET_FILES) + 1
    assert "password 'demo-password-for-tests'" in out.getvalue()
    assert get_user_model().objects.get(username="demo").check_password("demo-password-for-tests")
    from crimeplan.hotspots.models import EvaluationRun

    assert sorted(EvaluationRun.objects.values_list("crime_type", flat=True)) == ["all", "burglary"]

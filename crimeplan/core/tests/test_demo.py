import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from crimeplan.analytics.tests.data import STREET_FILES, csv_rows
from crimeplan.crimedata.models import ImportRun

pytestmark = [pytest.mark.django_db, pytest.mark.slow]  # loads every shipped month and evaluates hotspots


def test_demo_load_twice_loads_the_shipped_data_once(store, monkeypatch):
    monkeypatch.setenv("CRIMEPLAN_DEMO_PASSWORD", "demo-password-for-tests")
    out = StringIO()
    call_command("demo", "load", stdout=out)
    assert "password 'demo-password-for-tests'" in out.getvalue()
    monkeypatch.delenv("CRIMEPLAN_DEMO_PASSWORD")
    again = StringIO()
    call_command("demo", "load", stdout=again)
    total = sum(len(csv_rows(p)) for p in STREET_FILES)
    assert store.query("SELECT count(*) FROM street").rows == [(total,)]
    assert ImportRun.objects.filter(is_current=True).count() == len(STREET_FILES) + 1
    # Without CRIMEPLAN_DEMO_PASSWORD a new random password is printed, and every demo account takes it.
    printed = re.findall(r"password '([^']+)'", again.getvalue())
    assert len(set(printed)) == 1 and printed[0] != "demo-password-for-tests"
    for username in ("demo", "demo-council", "demo-charity"):
        assert get_user_model().objects.get(username=username).check_password(printed[0])
    from crimeplan.hotspots.models import EvaluationRun

    assert sorted(EvaluationRun.objects.values_list("crime_type", flat=True)) == ["all", "burglary"]

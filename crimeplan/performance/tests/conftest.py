import pytest
from django.core.management import call_command


@pytest.fixture
def plan(db):
    call_command("loaddata", "lancashire_plan", verbosity=0)
    from crimeplan.performance.models import Plan

    return Plan.objects.get(force="lancashire")

"""The dashboard comes from a cache, and the cache is never older than the store or the plan's figures."""

import shutil
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crimeplan.analytics.tests.data import STREET_DIR
from crimeplan.analytics.vocabulary import Kind
from crimeplan.core.store import get_store, store_version
from crimeplan.crimedata.services import import_police
from crimeplan.performance import versions
from crimeplan.performance.services import enter_figure

pytestmark = pytest.mark.django_db


@pytest.fixture
def own_store(tmp_path, settings, loaded_template):
    """A writable copy of the store with every shipped month."""
    root = tmp_path / "store"
    shutil.copytree(loaded_template, root)
    settings.STORE_DIR = root
    return get_store()


def test_the_dashboard_changes_right_after_an_import(client, own_store, plan):
    own_store.delete_partition(Kind.STREET, "lancashire", "2022-06")
    before = client.get("/").content.decode()
    assert "January to March 2022" in before and "April to June 2022" not in before
    assert client.get("/").content.decode().count("January to March 2022") == before.count("January to March 2022")

    version = store_version()
    (run,) = import_police([STREET_DIR / "2022-06-lancashire-street.csv.gz"]).runs
    assert run.status == "stored" and store_version() != version
    after = client.get("/").content.decode()
    assert "April to June 2022" in after


def test_the_dashboard_changes_right_after_a_figure_is_entered(client, loaded_store, plan, staff_user):
    plan.priorities.get(number=2).measures.update(source="entered", provider="")
    measure = plan.priorities.get(number=2).measures.get(order=1)
    assert "4,321" not in client.get("/", {"period": "2022Q2"}).content.decode()
    version = versions.current()
    enter_figure(
        measure=measure,
        first_month="2022-04",
        last_month="2022-06",
        value=Decimal(4321),
        source="alerts",
        user=staff_user,
    )
    assert versions.current() > version
    assert "4,321" in client.get("/", {"period": "2022Q2"}).content.decode()


def test_a_warm_dashboard_reads_no_crime_data_and_few_rows(client, loaded_store, plan):
    client.get("/", {"period": "2022Q2"})
    with CaptureQueriesContext(connection) as queries:
        again = client.get("/", {"period": "2022Q2"})
    assert again.status_code == 200
    assert not any("performance_measure" in q["sql"] for q in queries.captured_queries)

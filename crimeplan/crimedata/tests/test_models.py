import pytest
from django.db import IntegrityError, transaction

from crimeplan.crimedata.models import ImportRun

pytestmark = pytest.mark.django_db

RUN = {"source": "x", "file_name": "x", "kind": "street", "force": "lancashire", "month": "2022-07", "status": "stored"}


def test_the_database_refuses_a_run_that_does_not_reconcile():
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportRun.objects.create(**RUN, rows_read=10, rows_stored=8, rows_rejected=1)


def test_only_one_run_per_force_month_is_current():
    ImportRun.objects.create(**RUN, is_current=True)
    ImportRun.objects.create(**RUN, is_current=False)
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportRun.objects.create(**RUN, is_current=True)

"""Fuzz the whole API (every operation of /api/openapi.json) with schemathesis: no answer is ever a 5xx.

The WSGI application is called in-process, on the test database (SQLite or PostgreSQL, as
``DATABASE_URL`` says) with the shipped months in the store, once anonymously and once as a signed-in
staff user. Examples are bounded and derandomised so that the run is short and repeatable.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from crimeplan.wsgi import application

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

EXAMPLES = 6


@pytest.fixture
def wsgi_in_test_transaction() -> Iterator[None]:
    """Keep the test's database connection open across WSGI calls, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _fuzz(operation: Any, cookies: dict[str, str]) -> list[str]:
    failures: list[str] = []

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        response = case.call(cookies=cookies)
        if response.status_code >= 500:
            failures.append(
                f"{case.method} {case.formatted_path} query={case.query} body={case.body!r} -> {response.status_code}"
            )

    run()
    return failures


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "staff"])
@pytest.mark.usefixtures("wsgi_in_test_transaction")
def test_no_operation_answers_with_a_server_error(client, staff_user, loaded_store, signed_in):
    cookies: dict[str, str] = {}
    if signed_in:
        staff_user.is_staff = staff_user.is_superuser = True
        staff_user.save()
        client.force_login(staff_user)
        cookies = {"sessionid": client.cookies["sessionid"].value}
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 10
    failures = [failure for operation in operations for failure in _fuzz(operation, cookies)]
    assert failures == []

"""Django's ``flush``, which empties every table, lifting the audit triggers only while it runs.

The triggers refuse DELETE and TRUNCATE of the audit table, which ``flush`` (and so the test
runner, between tests that commit) needs. Dropping them needs a role that owns the table, which
the application's role in production does not have (``docs/deploy.md``).
"""

from __future__ import annotations

from typing import Any

from django.core.management.commands import flush
from django.db import connections

from crimeplan.audit import triggers


class Command(flush.Command):
    def handle(self, **options: Any) -> None:
        connection = connections[options["database"]]
        triggers.drop(connection)
        try:
            super().handle(**options)
        finally:
            triggers.create(connection)

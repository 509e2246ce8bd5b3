"""Database triggers that keep the audit table append-only, on PostgreSQL and SQLite.

PostgreSQL refuses UPDATE, DELETE and TRUNCATE of ``audit_auditevent``; SQLite refuses UPDATE and
DELETE (it has no TRUNCATE). The migrations create them. Only ``crimeplan flush`` (which empties
the whole database, for development and tests) lifts them while it runs, and that needs a role
that owns the table: in production the application's role only has INSERT and SELECT on it
(``docs/deploy.md``, "Audit log and PostgreSQL roles").
"""

from __future__ import annotations

from typing import Any

TABLE = "audit_auditevent"
MESSAGE = "audit events are append-only"

POSTGRESQL = [
    "CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$ "
    f"BEGIN RAISE EXCEPTION '{MESSAGE} (% refused)', TG_OP; END; $$ LANGUAGE plpgsql",
    f"CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only()",
    f"CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only()",
    f"CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_append_only()",
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS audit_auditevent_no_update ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_auditevent_no_delete ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON {TABLE}",
    "DROP FUNCTION IF EXISTS audit_auditevent_append_only()",
]
SQLITE = [
    f"CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON {TABLE} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_auditevent_no_update", "DROP TRIGGER IF EXISTS audit_auditevent_no_delete"]


def _run(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def create(connection: Any) -> None:
    """Make the triggers (nothing on other databases)."""
    _run(connection, {"postgresql": POSTGRESQL, "sqlite": SQLITE}.get(connection.vendor, []))


def drop(connection: Any) -> None:
    _run(connection, {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP}.get(connection.vendor, []))

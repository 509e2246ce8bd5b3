"""Database triggers that keep the audit trail append-only.

Updates of any recorded column are refused on both databases (setting
``actor_id`` to NULL when a user is deleted is still allowed). Deletes are
refused on PostgreSQL; on SQLite they are left to the model, because Django's
test database flush empties tables with DELETE there.
"""

from django.db import migrations

COLUMNS = "occurred_at, event, actor_name, organisation_name, object_type, object_id, purpose, ip_address, data"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            "CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION 'audit events are append-only'; END; $$ LANGUAGE plpgsql"
        )
        schema_editor.execute(
            f"CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE OF {COLUMNS} ON audit_auditevent "
            "FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only()"
        )
        schema_editor.execute(
            "CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent "
            "FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only()"
        )
    elif vendor == "sqlite":
        schema_editor.execute(
            f"CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE OF {COLUMNS} ON audit_auditevent "
            "BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_update ON audit_auditevent")
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_delete ON audit_auditevent")
        schema_editor.execute("DROP FUNCTION IF EXISTS audit_auditevent_append_only()")
    elif vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS audit_auditevent_no_update")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]

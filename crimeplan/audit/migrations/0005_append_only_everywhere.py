"""Every event has its number; triggers refuse UPDATE and DELETE (both databases) and TRUNCATE (PostgreSQL)."""

from django.db import migrations, models


def create_triggers(apps, schema_editor):
    from crimeplan.audit import triggers

    triggers.create(schema_editor.connection)


def drop_triggers(apps, schema_editor):
    from crimeplan.audit import triggers

    triggers.drop(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_chain_existing_events")]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="sequence",
            field=models.PositiveBigIntegerField(help_text="1, 2, 3 … in the order written", unique=True),
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]

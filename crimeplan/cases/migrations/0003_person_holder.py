"""Each person record gets a holder: the agency responsible for it (see ``Person.holder``).

Existing records are given the owner of their first case, else the agency that recorded their first
ASB complaint, else the agency of their first reoffending cohort.
"""

import django.db.models.deletion
from django.db import migrations, models


def fill_holders(apps, schema_editor):
    Person = apps.get_model("cases", "Person")
    for person in Person.objects.filter(holder__isnull=True).iterator():
        case = person.cases.order_by("created_at", "pk").first()
        incident = person.asb_incidents.order_by("pk").first()
        member = person.cohorts.order_by("pk").first()
        holder = (
            case.owner_id
            if case
            else incident.recorded_by_organisation_id
            if incident
            else member.cohort.organisation_id
            if member
            else None
        )
        if holder is not None:
            Person.objects.filter(pk=person.pk).update(holder_id=holder)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("cases", "0002_defaults"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="person",
            options={
                "ordering": ["family_name", "given_name", "pk"],
                "permissions": [("rectify_person", "Can correct the records of people their agency holds")],
                "verbose_name_plural": "people",
            },
        ),
        migrations.AddField(
            model_name="person",
            name="holder",
            field=models.ForeignKey(
                blank=True,
                help_text="the agency responsible for this record; others see it only as their agreements allow",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="accounts.organisation",
            ),
        ),
        migrations.RunPython(fill_holders, migrations.RunPython.noop),
    ]

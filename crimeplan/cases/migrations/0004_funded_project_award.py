"""A funded project links to the grant award that pays for it instead of retyping the fund's name.

The typed name is kept as ``fund_name``; a project whose name and fund match an award in the grants
register (the application's title and the award's fund) is linked to it.
"""

import django.db.models.deletion
from django.db import migrations, models


def link_awards(apps, schema_editor):
    FundedProject = apps.get_model("cases", "FundedProject")
    Award = apps.get_model("grants", "Award")
    for project in FundedProject.objects.filter(award__isnull=True):
        found = list(
            Award.objects.filter(fund__name__iexact=project.fund_name, application__title__iexact=project.name)[:2]
        )
        if len(found) == 1:
            project.award = found[0]
            project.save(update_fields=["award"])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_person_holder"),
        ("grants", "0001_initial"),
    ]

    operations = [
        migrations.RenameField(model_name="fundedproject", old_name="fund", new_name="fund_name"),
        migrations.AlterField(
            model_name="fundedproject",
            name="fund_name",
            field=models.CharField(blank=True, help_text="only when no award in the register pays it", max_length=200),
        ),
        migrations.AddField(
            model_name="fundedproject",
            name="award",
            field=models.ForeignKey(
                blank=True,
                help_text="the grant award that pays for the project",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="funded_projects",
                to="grants.award",
            ),
        ),
        migrations.RunPython(link_awards, migrations.RunPython.noop),
    ]

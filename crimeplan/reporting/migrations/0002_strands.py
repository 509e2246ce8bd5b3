"""The five monitored strands and two locally recorded ones, in perception-based wording."""

from django.db import migrations

LOCAL = (
    ("sex_or_gender", "Sex or gender", "because of their sex or gender"),
    ("alternative_subculture", "Alternative subculture", "because of how they dress or the subculture they belong to"),
)


def add(apps, schema_editor):
    from crimeplan.reporting.constants import MONITORED_STRANDS

    Strand = apps.get_model("reporting", "Strand")
    for order, (slug, label, wording) in enumerate(MONITORED_STRANDS):
        Strand.objects.update_or_create(
            slug=slug, defaults={"label": label, "wording": wording, "is_monitored": True, "order": order}
        )
    for order, (slug, label, wording) in enumerate(LOCAL, start=10):
        Strand.objects.update_or_create(slug=slug, defaults={"label": label, "wording": wording, "order": order})


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]

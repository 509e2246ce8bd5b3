"""Targets written in words become trajectory points where the words are a number (e.g. "£325,000 a year").

The point applies from the first April of the plan's period; words that are not a number stay as
they are (the measure keeps its ``target`` text either way).
"""

import re

from django.db import migrations


def convert(apps, schema_editor):
    from crimeplan.performance.targets import parse_target

    Measure = apps.get_model("performance", "Measure")
    TargetPoint = apps.get_model("performance", "TargetPoint")
    for measure in Measure.objects.exclude(target="").select_related("priority__plan"):
        parsed = parse_target(measure.target)
        year = re.search(r"\d{4}", measure.priority.plan.period)
        if parsed is None or year is None or TargetPoint.objects.filter(measure=measure).exists():
            continue
        value, per_months = parsed
        TargetPoint.objects.create(measure=measure, month=f"{year[0]}-04", value=value, per_months=per_months)


class Migration(migrations.Migration):
    dependencies = [("performance", "0004_target_trajectory")]

    operations = [migrations.RunPython(convert, migrations.RunPython.noop)]

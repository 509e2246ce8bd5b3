from django.contrib import admin

from crimeplan.hotspots.models import EvaluationRun


@admin.register(EvaluationRun)
class EvaluationRunAdmin(admin.ModelAdmin[EvaluationRun]):
    list_display = ["force", "crime_type", "train_months", "chosen_method", "beats_baseline", "created_at"]
    list_filter = ["force", "crime_type"]
    readonly_fields = [f.name for f in EvaluationRun._meta.fields]

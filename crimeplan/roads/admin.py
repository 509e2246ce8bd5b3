from django.contrib import admin

from crimeplan.roads.models import RoadSafetyAction, Stats19Import


@admin.register(Stats19Import)
class Stats19ImportAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("file_name", "table", "status", "rows_read", "rows_stored", "rows_rejected", "created_at")


@admin.register(RoadSafetyAction)
class RoadSafetyActionAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("title", "kind", "partner", "started_on", "is_example")

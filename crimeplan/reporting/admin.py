from django.contrib import admin

from crimeplan.reporting.models import Campaign, Centre, Strand, TrainedStaff


@admin.register(Strand)
class StrandAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["label", "slug", "is_monitored", "is_active", "order"]


class TrainedStaffInline(admin.TabularInline):  # type: ignore[type-arg]
    model = TrainedStaff


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["organisation", "opening_times", "languages", "is_active", "is_example"]
    inlines = [TrainedStaffInline]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "starts_on", "ends_on", "is_example"]

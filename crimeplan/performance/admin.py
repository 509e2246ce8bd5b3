from django.contrib import admin
from django.http import HttpRequest

from crimeplan.performance.models import Measure, MeasureFigure, Plan, Priority


class PriorityInline(admin.TabularInline[Priority, Plan]):
    model = Priority
    extra = 0


class MeasureInline(admin.StackedInline[Measure, Priority]):
    model = Measure
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin[Plan]):
    list_display = ["title", "force", "period"]
    inlines = [PriorityInline]


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin[Priority]):
    list_display = ["number", "title", "plan"]
    list_filter = ["plan"]
    inlines = [MeasureInline]


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin[Measure]):
    list_display = ["title", "priority", "source", "statistic", "direction"]
    list_filter = ["source", "direction", "priority__plan"]


@admin.register(MeasureFigure)
class MeasureFigureAdmin(admin.ModelAdmin[MeasureFigure]):
    """Figures are entered through the measure's page, which audits each entry; here they can only be read."""

    list_display = ["measure", "first_month", "last_month", "value", "source", "entered_by", "entered_at"]
    list_filter = ["measure__priority__plan"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: MeasureFigure | None = None) -> bool:
        return False

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from crimeplan.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin[AuditEvent]):
    """Read-only: the trail can be searched, never edited."""

    list_display = ["occurred_at", "event", "actor_name", "organisation_name", "object_type", "object_id"]
    list_filter = ["event"]
    search_fields = ["actor_name", "object_id", "purpose"]
    date_hierarchy = "occurred_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

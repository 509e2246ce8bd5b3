from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from crimeplan.audit.events import AdminListViewed, AdminRecordViewed
from crimeplan.audit.models import AuditEvent, ChainHead
from crimeplan.audit.services import record_event


class AuditedAdminMixin:
    """For the admin of a model holding personal data: each list, change and history page read is audited.

    ``class ApplicationAdmin(AuditedAdminMixin, admin.ModelAdmin[Application])``. A page that answers
    (200) writes ``admin_list_viewed`` or ``admin_record_viewed`` with the record; a test checks that
    every registered model listed in ``crimeplan.audit.coverage.PERSONAL_DATA_MODELS`` uses it.
    """

    reads_personal_data = True

    def _record(self, request: HttpRequest, response: HttpResponse, page: str, object_id: str | None) -> None:
        if response.status_code != 200 or not isinstance(response, TemplateResponse):
            return
        label = self.model._meta.label  # type: ignore[attr-defined]
        if object_id is None:
            record_event(AdminListViewed(model=label), request=request, purpose=f"Admin: {page}")
            return
        context = response.context_data or {}
        obj = context.get("original") or context.get("object")
        event = AdminRecordViewed(model=label, page=page)
        record_event(event, request=request, obj=obj, purpose=f"Admin: {page} of {label} {object_id}")

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        response = super().changelist_view(request, extra_context)  # type: ignore[misc]
        self._record(request, response, "list", None)
        return response  # type: ignore[no-any-return]

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        response = super().changeform_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        if object_id is not None:
            self._record(request, response, "change page", object_id)
        return response  # type: ignore[no-any-return]

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> HttpResponse:
        response = super().history_view(request, object_id, extra_context)  # type: ignore[misc]
        self._record(request, response, "history", object_id)
        return response  # type: ignore[no-any-return]


@admin.register(AuditEvent)
class AuditEventAdmin(AuditedAdminMixin, admin.ModelAdmin[AuditEvent]):
    """Read-only: the trail can be searched, never edited; reading it (names, addresses) is audited too."""

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


@admin.register(ChainHead)
class ChainHeadAdmin(admin.ModelAdmin[ChainHead]):
    """The last event's number and hash (compare with ``crimeplan audit verify``); read-only."""

    list_display = ["sequence", "hash"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

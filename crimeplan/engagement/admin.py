"""Admin for engagement records: members and replies hold personal data, so their pages are audited."""

from django.contrib import admin

from crimeplan.audit.admin import AuditedAdminMixin
from crimeplan.engagement.models import Alert, Member, MemberImport, Reply


@admin.register(Member)
class MemberAdmin(AuditedAdminMixin, admin.ModelAdmin[Member]):
    list_display = ("pk", "lsoa_code", "ward_code", "kind", "source", "is_example", "created_at", "erased_at")
    list_filter = ("source", "kind", "is_example")
    readonly_fields = ("manage_token",)
    exclude = ("age_band", "ethnicity")  # equality answers: aggregates only, never one member's


@admin.register(Reply)
class ReplyAdmin(AuditedAdminMixin, admin.ModelAdmin[Reply]):
    list_display = ("pk", "alert", "kind", "consent_to_share", "passed_on_at", "received_at")


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin[Alert]):
    list_display = ("subject", "provider", "status", "priority", "targeted", "is_example", "created_at")


@admin.register(MemberImport)
class MemberImportAdmin(admin.ModelAdmin[MemberImport]):
    list_display = ("file_name", "rows_read", "rows_imported", "rows_rejected", "created_at")

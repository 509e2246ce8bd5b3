from django.contrib import admin

from crimeplan.audit.admin import AuditedAdminMixin
from crimeplan.ocg.models import (
    Disruption,
    Entity,
    FourPPlan,
    ImportedNetwork,
    Link,
    LinkedCrime,
    ModernSlaveryRecord,
    Nominal,
    OrganisedCrimeGroup,
)

for model in (OrganisedCrimeGroup, Nominal, Entity, Link, FourPPlan, Disruption, LinkedCrime):
    admin.site.register(model)


@admin.register(ImportedNetwork)
class ImportedNetworkAdmin(admin.ModelAdmin[ImportedNetwork]):
    list_display = ["name", "file_format", "file_name", "imported_at", "is_example"]
    exclude = ["nodes", "edges"]


@admin.register(ModernSlaveryRecord)
class ModernSlaveryRecordAdmin(AuditedAdminMixin, admin.ModelAdmin[ModernSlaveryRecord]):
    """Potential victims of modern slavery: every list and record read in the admin is audited."""

    list_display = ["reference", "route", "is_child", "referred_on", "reasonable_grounds_on", "conclusive_grounds_on"]
    readonly_fields = ["reference", "route", "is_child", "consent", "victim"]

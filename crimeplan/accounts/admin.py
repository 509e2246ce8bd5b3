from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from crimeplan.accounts.models import Organisation, User
from crimeplan.audit.admin import AuditedAdminMixin


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(User)
class CrimeplanUserAdmin(AuditedAdminMixin, UserAdmin[User]):
    list_display = ["username", "email", "first_name", "last_name", "organisation", "is_staff"]
    list_filter = [*UserAdmin.list_filter, "organisation"]
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Organisation", {"fields": ["organisation"]}))

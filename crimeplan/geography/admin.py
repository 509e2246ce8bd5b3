from django.contrib import admin

from crimeplan.geography.models import CommunitySafetyPartnership, LocalAuthority, Lsoa, PoliceForceArea, Ward


@admin.register(PoliceForceArea)
class PoliceForceAreaAdmin(admin.ModelAdmin[PoliceForceArea]):
    list_display = ["code", "name", "force_slug"]
    search_fields = ["code", "name"]


@admin.register(CommunitySafetyPartnership)
class CspAdmin(admin.ModelAdmin[CommunitySafetyPartnership]):
    list_display = ["code", "name", "police_force_area"]
    list_filter = ["police_force_area"]
    search_fields = ["code", "name"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin[LocalAuthority]):
    list_display = ["code", "name", "csp"]
    search_fields = ["code", "name"]


@admin.register(Ward)
class WardAdmin(admin.ModelAdmin[Ward]):
    list_display = ["code", "name", "local_authority"]
    search_fields = ["code", "name"]
    list_select_related = ["local_authority"]


@admin.register(Lsoa)
class LsoaAdmin(admin.ModelAdmin[Lsoa]):
    list_display = ["code", "name", "ward", "local_authority", "population", "imd_decile"]
    list_filter = ["imd_decile", "local_authority"]
    search_fields = ["code", "name"]
    list_select_related = ["ward", "local_authority"]

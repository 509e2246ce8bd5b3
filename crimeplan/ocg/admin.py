from django.contrib import admin

from crimeplan.ocg.models import Disruption, Entity, FourPPlan, ImportedNetwork, Link, Nominal, OrganisedCrimeGroup

for model in (OrganisedCrimeGroup, Nominal, Entity, Link, FourPPlan, Disruption):
    admin.site.register(model)


@admin.register(ImportedNetwork)
class ImportedNetworkAdmin(admin.ModelAdmin[ImportedNetwork]):
    list_display = ["name", "file_format", "file_name", "imported_at", "is_example"]
    exclude = ["nodes", "edges"]

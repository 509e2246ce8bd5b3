from django.contrib import admin
from django.urls import include, path

from crimeplan.api import api

admin.site.site_header = "crimeplan administration"
admin.site.site_title = "crimeplan"

urlpatterns = [
    path("", include("crimeplan.performance.urls")),
    path("", include("crimeplan.core.urls")),
    path("", include("crimeplan.geography.urls")),
    path("", include("crimeplan.crimedata.urls")),
    path("", include("crimeplan.hotspots.urls")),
    path("roads/", include("crimeplan.roads.urls")),
    path("", include("crimeplan.grants.urls")),
    path("", include("crimeplan.cases.urls")),
    path("organised-crime/", include("crimeplan.ocg.urls")),
    path("", include("crimeplan.engagement.urls")),
    path("", include("crimeplan.engagement.pact.urls")),
    path("", include("crimeplan.reporting.urls")),
    path("accounts/", include("crimeplan.accounts.urls")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
]

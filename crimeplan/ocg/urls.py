from django.urls import path

from crimeplan.audit.coverage import reads_personal_data as personal
from crimeplan.ocg import views

app_name = "ocg"

# ``personal(...)`` marks the pages that show nominals or the people in a network; each writes an audit event
# (``crimeplan/audit/tests/test_coverage.py`` requests each one). The index and the groups list show groups,
# not people; a partner's shared package page shows only which fields it holds and how many rows (its
# export, a POST, is audited as ``PackageExported``).

urlpatterns = [
    path("", views.index, name="index"),
    path("groups/", views.group_list, name="groups"),
    path("groups/<str:reference>/", personal(views.group_detail), name="group"),
    path("shared/<str:reference>/", views.shared_export, name="shared_export"),
    path("networks/<slug:name>/", personal(views.network_detail), name="network"),
    path("networks/<slug:name>/measures.csv", personal(views.network_csv), name="network_csv"),
]

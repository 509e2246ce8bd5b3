from django.urls import path

from crimeplan.ocg import views

app_name = "ocg"

urlpatterns = [
    path("", views.index, name="index"),
    path("groups/", views.group_list, name="groups"),
    path("groups/<str:reference>/", views.group_detail, name="group"),
    path("shared/<str:reference>/", views.shared_export, name="shared_export"),
    path("networks/<slug:name>/", views.network_detail, name="network"),
    path("networks/<slug:name>/measures.csv", views.network_csv, name="network_csv"),
]

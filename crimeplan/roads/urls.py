from django.urls import path

from crimeplan.roads import views

app_name = "roads"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("casualties.csv", views.breakdown_csv, name="breakdown_csv"),
    path("sites.csv", views.sites_csv, name="sites_csv"),
    path("map.json", views.map_data, name="map_data"),
    path("actions/", views.action_list, name="actions"),
    path("actions/new/", views.action_add, name="action_add"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
]

from django.urls import path

from crimeplan.crimedata import views

app_name = "crimedata"
urlpatterns = [
    path("data/", views.imports, name="imports"),
    path("data/runs/<int:pk>/", views.run_detail, name="run"),
    path("data/runs/<int:pk>/rejected.csv", views.run_rejections_csv, name="run_csv"),
    path("map/", views.crime_map, name="map"),
    path("map/lsoas.geojson", views.crime_map_geojson, name="map_geojson"),
]

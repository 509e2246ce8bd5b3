from django.urls import path

from crimeplan.hotspots import views

app_name = "hotspots"
urlpatterns = [
    path("hotspots/", views.hotspot_map, name="map"),
]

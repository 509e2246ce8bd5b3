from django.urls import path, re_path

from crimeplan.performance import views

app_name = "performance"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("performance/priorities/<int:number>/", views.priority_detail, name="priority"),
    path("performance/measures/<int:pk>/figures/", views.measure_figures, name="figures"),
    re_path(r"^performance/report/(?P<period>[0-9Q_-]+)\.(?P<fmt>pdf|html)$", views.report_view, name="report"),
    path("areas/", views.area_index, name="areas"),
    path("areas/<str:code>/", views.area_detail, name="area"),
    path("areas/<str:code>/lsoas.geojson", views.area_geojson, name="area_geojson"),
    path("areas/<str:code>/outlines.geojson", views.area_outlines, name="area_outlines"),
    path("crime-types/", views.crime_type_index, name="crime_types"),
    path("crime-types/<slug:slug>/", views.crime_type_detail, name="crime_type"),
]

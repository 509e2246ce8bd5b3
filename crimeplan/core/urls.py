from django.urls import path

from crimeplan.core import views

app_name = "core"
urlpatterns = [
    path("about-the-data/", views.about_data, name="about_data"),
    path("accessibility/", views.accessibility, name="accessibility"),
]

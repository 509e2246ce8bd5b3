from django.urls import path

from crimeplan.core import views

app_name = "core"
urlpatterns = [
    path("about-the-data/", views.about_data, name="about_data"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("privacy/", views.privacy, name="privacy"),
    path("privacy/<slug:purpose>/", views.privacy_notice, name="privacy_notice"),
    path("cookies/", views.cookies, name="cookies"),
]

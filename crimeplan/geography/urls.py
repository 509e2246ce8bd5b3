from django.urls import path

from crimeplan.geography import views

app_name = "geography"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("search/my-location/", views.locate, name="locate"),
]

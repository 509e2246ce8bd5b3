from django.urls import path

from crimeplan.accounts import views
from crimeplan.core.permissions import public

app_name = "accounts"
urlpatterns = [
    path("sign-in/", public(views.SignInView.as_view()), name="login"),
    path("sign-out/", public(views.SignOutView.as_view()), name="logout"),
]

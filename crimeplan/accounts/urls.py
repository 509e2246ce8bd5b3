from django.urls import path

from crimeplan.accounts import views
from crimeplan.core.permissions import public

app_name = "accounts"
urlpatterns = [
    path("sign-in/", public(views.SignInView.as_view()), name="login"),
    path("sign-out/", public(views.SignOutView.as_view()), name="logout"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("password-reset/", public(views.ResetView.as_view()), name="reset"),
    path("password-reset/sent/", public(views.ResetSentView.as_view()), name="reset_sent"),
    path("password-reset/<uidb64>/<token>/", public(views.ResetConfirmView.as_view()), name="reset_confirm"),
    path("password-reset/done/", public(views.ResetDoneView.as_view()), name="reset_done"),
]

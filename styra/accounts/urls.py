from django.contrib.auth import views as auth_views
from django.urls import path

from . import oidc
from .views import password, people, signin

app_name = "accounts"
urlpatterns = [
    path("logga-in/", signin.LoginView.as_view(), name="login"),
    # Django's LogoutView answers POST only and flushes the session (its row is deleted).
    path("logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("min-behorighet/", people.my_access, name="my_access"),
    path("glomt-losenord/", password.PasswordResetView.as_view(), name="password_reset"),
    path(
        "glomt-losenord/skickat/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "nytt-losenord/<uidb64>/<token>/",
        password.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "nytt-losenord/klart/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("tvafaktor/", signin.otp_verify, name="otp"),
    path("tvafaktor/ny/", signin.otp_setup, name="otp_setup"),
    # OpenID Connect: 404 unless STYRA_OIDC_ISSUER is set.
    path("kommunkonto/", oidc.LoginView.as_view(), name="oidc_login"),
    path("kommunkonto/svar/", oidc.CallbackView.as_view(), name="oidc_callback"),
]

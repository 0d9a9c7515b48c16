"""Page URLs of the accounts app: login in two steps, logout, password, two-factor."""

from django.urls import URLPattern, URLResolver, path

from homecoming.apps.accounts import views

app_name = "accounts"
urlpatterns: list[URLPattern | URLResolver] = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.otp_verify, name="otp_verify"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("security/", views.security, name="security"),
    path("security/authenticator/", views.otp_enrol, name="otp_enrol"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

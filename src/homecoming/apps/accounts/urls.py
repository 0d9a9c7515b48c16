"""Page URLs of the accounts app: sign-in in two steps, sign-out, password, and the
account page with second factors and API tokens."""

from django.urls import URLPattern, URLResolver, path

from homecoming.apps.accounts import views, views_security

app_name = "accounts"
urlpatterns: list[URLPattern | URLResolver] = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("login/code/", views.otp_verify, name="otp_verify"),
    path("login/key/", views.security_key_sign_in, name="security_key_sign_in"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("security/", views_security.security, name="security"),
    path("security/authenticator/", views_security.otp_enrol, name="otp_enrol"),
    path("security/key/", views_security.security_key_add, name="security_key_add"),
    path(
        "security/recovery-codes/",
        views_security.recovery_codes,
        name="recovery_codes",
    ),
    path(
        "security/remove/",
        views_security.second_factor_remove,
        name="second_factor_remove",
    ),
    path("security/tokens/", views_security.api_token_create, name="api_token_create"),
    path(
        "security/tokens/<id:token_id>/revoke/",
        views_security.api_token_revoke,
        name="api_token_revoke",
    ),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]

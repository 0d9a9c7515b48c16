from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "homecoming.apps.accounts"
    label = "accounts"
    verbose_name = "Organisations and users"

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "homecoming.apps.accounts"
    label = "accounts"
    verbose_name = "Organisations and users"

    def ready(self) -> None:
        # Declaring the app's ledger actions registers their sentences; the checks
        # and the OpenAPI description of token authentication register themselves.
        from homecoming.apps.accounts import actions, api_tokens, checks  # noqa: F401

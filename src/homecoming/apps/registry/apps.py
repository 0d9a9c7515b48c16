from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "homecoming.apps.registry"
    label = "registry"
    verbose_name = "Registry of persons and lists"

    def ready(self) -> None:
        # Declaring the app's ledger actions registers their sentences.
        from homecoming.apps.registry import actions, jobs  # noqa: F401

from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "homecoming.apps.jobs"
    label = "jobs"
    verbose_name = "Background jobs"

    def ready(self) -> None:
        # Declaring the app's ledger actions registers their sentences.
        from homecoming.apps.jobs import actions  # noqa: F401

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "homecoming.apps.audit"
    label = "audit"
    verbose_name = "Ledger and signatures"

    def ready(self) -> None:
        # Declaring the app's ledger actions registers their sentences.
        from homecoming.apps.audit import actions  # noqa: F401

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "homecoming.apps.audit"
    label = "audit"
    verbose_name = "Ledger and signatures"

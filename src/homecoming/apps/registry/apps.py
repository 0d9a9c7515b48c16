from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "homecoming.apps.registry"
    label = "registry"
    verbose_name = "Registry of persons and lists"

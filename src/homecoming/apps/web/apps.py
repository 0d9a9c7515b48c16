from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "homecoming.apps.web"
    label = "web"
    verbose_name = "Pages"

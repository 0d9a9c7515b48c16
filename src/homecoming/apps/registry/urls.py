"""Page URLs of the registry app (owned by the pages engineer)."""

from django.urls import URLPattern, URLResolver

app_name = "registry"
urlpatterns: list[URLPattern | URLResolver] = []

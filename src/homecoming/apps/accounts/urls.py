"""Page URLs of the accounts app (owned by the pages engineer)."""

from django.urls import URLPattern, URLResolver

app_name = "accounts"
urlpatterns: list[URLPattern | URLResolver] = []

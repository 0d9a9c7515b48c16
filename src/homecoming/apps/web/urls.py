"""The home page and the language switch (Django's ``set_language``), not namespaced:
``LOGIN_REDIRECT_URL = "home"`` and ``{% url 'set_language' %}`` name them directly."""

from django.urls import URLPattern, URLResolver, include, path

from homecoming.apps.web import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.home, name="home"),
    path("i18n/", include("django.conf.urls.i18n")),
]

"""URL configuration: the pages, the admin and the REST API under /api/v1/.

Each app's page URLs live in its own ``urls.py`` under its namespace; the API in
``site/api_urls.py`` under the ``api`` namespace.
"""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, register_converter
from django.views.generic import RedirectView

from homecoming.site.converters import IdConverter

# Before the apps' URLs are read: they name their object ids ``<id:...>``.
register_converter(IdConverter, "id")

# Under /api/ a missing URL and a crash answer in the API's error shape (JSON).
handler404 = "homecoming.site.api.not_found"
handler500 = "homecoming.site.api.server_error"

urlpatterns: list[URLPattern | URLResolver] = [
    # The admin logs in through the pages' login, which asks for the second factor.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
    ),
    path("admin/", admin.site.urls),
    path("api/v1/", include("homecoming.site.api_urls")),
    path("accounts/", include("homecoming.apps.accounts.urls")),
    path("registry/", include("homecoming.apps.registry.urls")),
    path("ledger/", include("homecoming.apps.audit.urls")),
    path("jobs/", include("homecoming.apps.jobs.urls")),
    path("", include("homecoming.apps.web.urls")),
]

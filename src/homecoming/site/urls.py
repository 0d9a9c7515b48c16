"""URL configuration: the pages, the admin and the REST API under /api/v1/.

Each app's page URLs live in its own ``urls.py`` under its namespace; the API in
``site/api_urls.py`` under the ``api`` namespace.
"""

from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("homecoming.site.api_urls")),
    path("accounts/", include("homecoming.apps.accounts.urls")),
    path("registry/", include("homecoming.apps.registry.urls")),
    path("", include("homecoming.apps.web.urls")),
]

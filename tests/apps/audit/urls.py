"""The site's URLs plus the ledger's, for tests run before the lead wires them in."""

from django.urls import include, path

from homecoming.apps.audit.api_urls import urlpatterns as audit_api_urlpatterns
from homecoming.site.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("ledger/", include("homecoming.apps.audit.urls")),
    path("api/v1/", include((audit_api_urlpatterns, "audit_api"))),
    *site_urlpatterns,
]

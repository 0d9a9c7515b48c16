"""The REST API under /api/v1/ (DESIGN.md section 5), with its OpenAPI document.

Object ids in paths are named after what they identify (``person_id``, ``list_id``,
``version_id``, ``job_id``): tests/apps/test_scoping.py fills them in by name when it walks every URL.
"""

from django.urls import URLPattern, URLResolver, path
from drf_spectacular.views import SpectacularAPIView

from homecoming.apps.accounts import api as accounts_api
from homecoming.apps.audit.api_urls import urlpatterns as audit_api_urlpatterns
from homecoming.apps.jobs.api_urls import urlpatterns as jobs_api_urlpatterns
from homecoming.apps.registry import api as registry_api

app_name = "api"

urlpatterns: list[URLPattern | URLResolver] = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("me/", accounts_api.MeApi.as_view(), name="me"),
    path("me/tokens/", accounts_api.ApiTokensApi.as_view(), name="api-tokens"),
    path(
        "me/tokens/<id:token_id>/revoke/",
        accounts_api.ApiTokenRevokeApi.as_view(),
        name="api-token-revoke",
    ),
    path(
        "organisations/", accounts_api.OrganisationsApi.as_view(), name="organisations"
    ),
    path("counts/", registry_api.RegistryCountsApi.as_view(), name="registry-counts"),
    path("persons/", registry_api.PersonsApi.as_view(), name="persons"),
    path(
        "persons/<id:person_id>/",
        registry_api.PersonDetailApi.as_view(),
        name="person-detail",
    ),
    path("lists/", registry_api.PersonListsApi.as_view(), name="lists"),
    path(
        "lists/<id:list_id>/",
        registry_api.PersonListDetailApi.as_view(),
        name="list-detail",
    ),
    path(
        "lists/<id:list_id>/versions/",
        registry_api.ListVersionsApi.as_view(),
        name="list-versions",
    ),
    path(
        "lists/<id:list_id>/import-jobs/",
        registry_api.ImportJobsApi.as_view(),
        name="import-jobs",
    ),
    path(
        "versions/<id:version_id>/",
        registry_api.ListVersionDetailApi.as_view(),
        name="version-detail",
    ),
    path(
        "versions/<id:version_id>/diff/",
        registry_api.ListVersionDiffApi.as_view(),
        name="version-diff",
    ),
    path(
        "versions/<id:version_id>/export/",
        registry_api.ListVersionExportApi.as_view(),
        name="version-export",
    ),
    *audit_api_urlpatterns,
    *jobs_api_urlpatterns,
]

"""API routes of the ledger, to be included in ``site/api_urls.py`` (namespace ``api``)::

from homecoming.apps.audit.api_urls import urlpatterns as audit_api_urlpatterns
urlpatterns = [..., *audit_api_urlpatterns]
"""

from django.urls import URLPattern, URLResolver, path

from homecoming.apps.audit import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("ledger/entries/", api.LedgerEntriesApi.as_view(), name="ledger-entries"),
    path(
        "ledger/entries/<id:seq>/proof/",
        api.LedgerEntryProofApi.as_view(),
        name="ledger-entry-proof",
    ),
    path(
        "ledger/checkpoints/", api.CheckpointsApi.as_view(), name="ledger-checkpoints"
    ),
    path(
        "ledger/checkpoints/latest/",
        api.CheckpointLatestApi.as_view(),
        name="ledger-checkpoint-latest",
    ),
    path(
        "ledger/checkpoints/<id:checkpoint_id>/",
        api.CheckpointDetailApi.as_view(),
        name="ledger-checkpoint",
    ),
    path(
        "ledger/consistency/", api.ConsistencyApi.as_view(), name="ledger-consistency"
    ),
    path("keys/", api.KeysApi.as_view(), name="keys"),
    path("keys/<id:key_pk>/revoke/", api.KeyRevokeApi.as_view(), name="key-revoke"),
    path("signatures/", api.SignaturesApi.as_view(), name="signatures"),
]

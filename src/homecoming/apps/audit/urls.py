"""Page URLs of the ledger; the lead includes them as ``path("ledger/", include(...))``."""

from django.urls import URLPattern, URLResolver, path

from homecoming.apps.audit import views

app_name = "audit"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.ledger, name="ledger"),
    path("checkpoints/", views.checkpoints, name="checkpoints"),
    path("checkpoints/<id:checkpoint_id>/", views.checkpoint, name="checkpoint"),
    path("consistency/", views.consistency, name="consistency"),
    path("verify/", views.verification, name="verify"),
    path("keys/", views.keys, name="keys"),
    path("keys/<id:key_pk>/revoke/", views.key_revoke, name="key-revoke"),
    path("signatures/upload/", views.signature_upload, name="signature-upload"),
]

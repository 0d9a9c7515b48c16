"""Admin for support staff: read the ledger, checkpoints, keys and signatures; never change.

Entries are append-only in the database anyway; keys change through the services (with
their ledger entries), not here.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from homecoming.apps.audit.models import (
    Checkpoint,
    DocumentSignature,
    LedgerEntry,
    PartyKey,
)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = (
        "seq",
        "time",
        "organisation",
        "actor",
        "action",
        "subject_type",
        "subject_id",
    )
    list_filter = ("organisation", "action")
    search_fields = ("action", "subject_type", "subject_id", "actor")


@admin.register(Checkpoint)
class CheckpointAdmin(ReadOnlyAdmin):
    list_display = ("size", "root_hash", "time", "reason", "key_id")


@admin.register(PartyKey)
class PartyKeyAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "key_id", "label", "status", "registered_at")
    list_filter = ("organisation", "status")


@admin.register(DocumentSignature)
class DocumentSignatureAdmin(ReadOnlyAdmin):
    list_display = (
        "document_type",
        "document_sha256",
        "organisation",
        "key_id",
        "uploaded_at",
    )
    list_filter = ("document_type", "organisation")

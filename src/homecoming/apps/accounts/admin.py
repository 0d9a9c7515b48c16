"""Admin for support staff: read organisations and memberships; roles change through
the services (and their ledger entries), not here."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from homecoming.apps.accounts.models import IdempotentRequest, Membership, Organisation


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Support staff look, search and filter; they neither add, change nor delete."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ("code", "kind", "name_en", "name_uk", "name_ru", "created_at")
    list_filter = ("kind",)
    search_fields = ("code", "name_en", "name_uk", "name_ru")


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ("user", "organisation", "role", "updated_at")
    list_filter = ("role", "organisation")
    search_fields = ("user__username", "user__email", "organisation__code")
    list_select_related = ("user", "organisation")


@admin.register(IdempotentRequest)
class IdempotentRequestAdmin(ReadOnlyAdmin):
    list_display = ("user", "key", "response_status", "created_at")
    search_fields = ("key", "user__username")
    exclude = ("response_body",)

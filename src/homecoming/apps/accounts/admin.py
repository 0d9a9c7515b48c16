"""Admin for support staff: read organisations, memberships and API tokens; roles,
second factors and tokens change through the services (and their ledger entries), not
here.

django-otp's own admin pages for authenticator and recovery-code devices are taken
away: they show each device's secret (anyone on them could make a user's codes) and
delete devices without ending the user's API tokens. A lost phone is reset with
``homecoming manage second_factor_reset USER``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from homecoming.apps.accounts.models import (
    ApiToken,
    IdempotentRequest,
    Membership,
    Organisation,
)

for _device_model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_device_model):
        admin.site.unregister(_device_model)


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


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("prefix", "name", "user", "scope", "expires_at", "revoked_at")
    list_filter = ("scope",)
    search_fields = ("name", "prefix", "user__username")
    list_select_related = ("user",)
    exclude = ("digest", "credential_stamp")

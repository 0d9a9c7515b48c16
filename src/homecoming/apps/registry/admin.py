"""Admin for support staff: search and read the registry; never change or delete it.

Registry data changes only through list imports (and their ledger entries), so every
ModelAdmin here is read-only.
"""

from __future__ import annotations

from django.contrib import admin

from homecoming.apps.accounts.admin import ReadOnlyAdmin
from homecoming.apps.registry.models import (
    CustodyEvent,
    ListRow,
    ListVersion,
    Person,
    PersonChange,
    PersonList,
)


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "owner",
        "register",
        "record_id",
        "surname",
        "given_name",
        "patronymic",
        "birth_year",
        "category",
    )
    list_filter = ("owner", "register", "category", "sex")
    search_fields = ("record_id", "surname", "given_name", "service_number")
    list_select_related = ("owner",)
    show_full_result_count = False


@admin.register(CustodyEvent)
class CustodyEventAdmin(ReadOnlyAdmin):
    list_display = ("id", "person", "kind", "year", "month", "day", "place")
    list_filter = ("kind",)
    search_fields = ("person__record_id", "place", "source")
    raw_id_fields = ("person", "list_version")


@admin.register(PersonList)
class PersonListAdmin(ReadOnlyAdmin):
    list_display = ("id", "owner", "kind", "title", "created_at")
    list_filter = ("owner", "kind")
    search_fields = ("title",)


@admin.register(ListVersion)
class ListVersionAdmin(ReadOnlyAdmin):
    list_display = (
        "id",
        "person_list",
        "number",
        "submitted_at",
        "row_count",
        "added_count",
        "removed_count",
        "changed_count",
    )
    list_filter = ("person_list__owner",)
    search_fields = ("source_filename", "source_sha256")


@admin.register(ListRow)
class ListRowAdmin(ReadOnlyAdmin):
    list_display = ("id", "version", "line", "record_id", "person")
    search_fields = ("record_id",)
    raw_id_fields = ("version", "person")
    show_full_result_count = False


@admin.register(PersonChange)
class PersonChangeAdmin(ReadOnlyAdmin):
    list_display = ("id", "person", "version", "field")
    list_filter = ("field",)
    search_fields = ("person__record_id",)
    raw_id_fields = ("person", "version")

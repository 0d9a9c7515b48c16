"""Writes to the registry: lists, imports, exports, custody events.

Each function checks the caller's right, changes data in one transaction and appends one
ledger entry. The import and export live in their own modules and are re-exported here,
so callers write ``services.list_version_import(...)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.accounts.models import Organisation
from homecoming.apps.accounts.permissions import Permission, require
from homecoming.apps.audit.services import ledger_append
from homecoming.apps.jobs.models import Job
from homecoming.apps.registry import actions
from homecoming.apps.registry.exports import ExportedFile, list_version_export
from homecoming.apps.registry.imports import (
    CheckedFile,
    ImportRejected,
    ImportResult,
    list_file_check,
    list_version_import,
    list_version_import_checked,
)
from homecoming.apps.registry.jobs import list_version_import_submit
from homecoming.apps.registry.models import (
    CustodyEvent,
    ListKind,
    Person,
    PersonList,
)
from homecoming.refusals import Conflict, Rejected

#: Files at least this large are imported by a background job (a page that follows its
#: progress) rather than within the request; smaller ones are answered at once.
BACKGROUND_IMPORT_BYTES = 2 * 1024 * 1024

__all__ = [
    "CheckedFile",
    "ExportedFile",
    "ImportRejected",
    "ImportResult",
    "custody_events_bulk_record",
    "list_file_check",
    "list_upload_receive",
    "list_version_export",
    "list_version_import",
    "list_version_import_checked",
    "list_version_import_submit",
    "person_list_create",
    "person_list_get_or_create",
    "person_name_keys_refresh",
]


@dataclass(frozen=True, slots=True)
class _Owned:
    """Anything owned by one organisation, for the permission rules."""

    owner_id: int


def owner_of(organisation: Organisation) -> _Owned:
    return _Owned(owner_id=organisation.pk)


def person_list_create(*, kind: str, title: str, by: Actor) -> PersonList:
    """Open a new held or sought list for the caller's own party.

    :class:`Conflict` when the party already has a list of that kind and title.
    """
    require(by, Permission.LIST_OPEN)
    if kind not in ListKind.values:
        raise Rejected(
            f"unknown kind of list {kind!r} (expected held or sought)", field="kind"
        )
    title = title.strip()[:200]
    if not title:
        raise Rejected("a list needs a title", field="title")
    try:
        with transaction.atomic():
            person_list = PersonList.objects.create(
                owner_id=by.acting_organisation_id,
                kind=kind,
                title=title,
                created_by_id=by.user_id,
            )
            ledger_append(
                by=by,
                action=actions.LIST_OPEN,
                subject=person_list,
                data={"list_id": person_list.pk, "kind": kind},
            )
    except IntegrityError as exc:
        raise Conflict(
            gettext("Your party already has a list with this title."),
            code="list_exists",
            field="title",
        ) from exc
    return person_list


def person_list_get_or_create(
    *, kind: str, title: str, by: Actor
) -> tuple[PersonList, bool]:
    """The caller's party's list of that kind and title, opened if it does not exist."""
    require(by, Permission.LIST_OPEN)
    lists = PersonList.objects.filter(owner_id=by.organisation_id)
    existing = lists.filter(kind=kind, title=title.strip()).first()
    if existing is not None:
        return existing, False
    try:
        return person_list_create(kind=kind, title=title, by=by), True
    except Conflict:
        # Opened meanwhile by a concurrent caller: use theirs.
        return lists.get(kind=kind, title=title.strip()[:200]), False


def list_upload_receive(
    *,
    person_list: PersonList,
    file_bytes: bytes,
    filename: str,
    by: Actor,
    mapping: dict[str, str] | None = None,
    only_good_rows: bool = False,
) -> ImportResult | Job:
    """An uploaded list file: imported now when small (the result), or handed to a
    background job when it is ``BACKGROUND_IMPORT_BYTES`` or larger (the job)."""
    arguments: dict[str, Any] = {
        "person_list": person_list,
        "file_bytes": file_bytes,
        "filename": filename,
        "by": by,
        "mapping": mapping,
        "only_good_rows": only_good_rows,
    }
    if len(file_bytes) >= BACKGROUND_IMPORT_BYTES:
        return list_version_import_submit(**arguments)
    return list_version_import(**arguments)


def custody_events_bulk_record(
    *, owner: Organisation, events: list[CustodyEvent], by: Actor, source: str
) -> int:
    """Record many custody events of ``owner``'s persons at once (a party's report or
    the demo loader), with one ledger entry for the batch. Returns how many."""
    require(by, Permission.CUSTODY_EVENT_RECORD, owner_of(owner))
    person_ids = {event.person_id for event in events}
    foreign = person_ids - set(
        Person.objects.filter(owner=owner, pk__in=person_ids).values_list(
            "pk", flat=True
        )
    )
    if foreign:
        raise Rejected("Events may only be recorded for the party's own persons.")
    with transaction.atomic():
        CustodyEvent.objects.bulk_create(events, batch_size=2000)
        ledger_append(
            by=by,
            action=actions.CUSTODY_EVENTS_RECORD,
            data={"events": len(events), "source": source[:200]},
        )
    return len(events)


def person_name_keys_refresh(*, by: Actor, batch_size: int = 5000) -> int:
    """Recompute every person's name keys and search text with the installed engine.

    Run after the names engine or the search's folding changes, so that search and
    linkage see the same keys for old and new records. The names as written are
    never touched. The system or a mediator administrator may run it;
    one ledger entry records how many persons changed. Returns that number.
    """
    from homecoming.apps.registry.bulk import bulk_update_by_pk
    from homecoming.apps.registry.import_rows import DERIVED_FIELDS, derived_values

    require(by, Permission.NAME_KEYS_REFRESH)
    fields = (
        "surname",
        "given_name",
        "patronymic",
        "full_name_as_written",
        "record_id",
        "service_number",
    )
    changed: list[tuple[int, dict[str, Any]]] = []
    with transaction.atomic():
        persons = Person.objects.order_by("pk").values("pk", *fields, *DERIVED_FIELDS)
        for values in persons.iterator(chunk_size=batch_size):
            derived = derived_values(values)
            if any(derived[k] != values[k] for k in DERIVED_FIELDS):
                changed.append((values["pk"], derived))
        bulk_update_by_pk(Person, DERIVED_FIELDS, changed)
        ledger_append(
            by=by,
            action=actions.NAME_KEYS_REFRESH,
            data={"persons_changed": len(changed)},
        )
    return len(changed)

"""Writes to the registry: lists, imports, exports, custody events.

Each function checks the caller's right, changes data in one transaction and appends one
ledger entry. The import and export live in their own modules and are re-exported here,
so callers write ``services.list_version_import(...)``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from homecoming.apps.accounts.models import Organisation
from homecoming.apps.accounts.selectors import viewer_for
from homecoming.apps.audit.services import ledger_append
from homecoming.apps.registry.exports import ExportedFile, list_version_export
from homecoming.apps.registry.imports import (
    ImportRejected,
    ImportResult,
    list_version_import,
)
from homecoming.apps.registry.jobs import import_job_run, import_job_submit
from homecoming.apps.registry.models import (
    CustodyEvent,
    CustodyEventKind,
    ListKind,
    Person,
    PersonList,
)
from homecoming.engines.linkage.dates import PartialDate

__all__ = [
    "ExportedFile",
    "ImportRejected",
    "ImportResult",
    "custody_event_record",
    "custody_events_bulk_record",
    "import_job_run",
    "import_job_submit",
    "list_version_export",
    "list_version_import",
    "person_list_create",
    "person_list_get_or_create",
    "person_name_keys_refresh",
]


def _require_party_member(by: Any, owner: Organisation) -> None:
    viewer = viewer_for(by)
    if not (viewer.is_party and viewer.organisation_id == owner.pk):
        raise PermissionDenied("Only members of the owning party may change its lists.")


def person_list_create(
    *, owner: Organisation, kind: str, title: str, by: Any
) -> PersonList:
    """Open a new held or sought list for the caller's own party."""
    _require_party_member(by, owner)
    if kind not in ListKind.values:
        raise ValidationError(
            f"unknown kind of list {kind!r} (expected held or sought)"
        )
    title = title.strip()
    if not title:
        raise ValidationError("a list needs a title")
    with transaction.atomic():
        person_list = PersonList.objects.create(
            owner=owner, kind=kind, title=title[:200], created_by=by
        )
        ledger_append(
            actor=by,
            action="person_list.create",
            organisation=owner.code,
            subject=person_list,
            data={"list_id": person_list.pk, "kind": kind},
        )
    return person_list


def person_list_get_or_create(
    *, owner: Organisation, kind: str, title: str, by: Any
) -> tuple[PersonList, bool]:
    """The caller's party's list of that kind and title, opened if it does not exist."""
    _require_party_member(by, owner)
    existing = PersonList.objects.filter(
        owner=owner, kind=kind, title=title.strip()
    ).first()
    if existing is not None:
        return existing, False
    try:
        return person_list_create(owner=owner, kind=kind, title=title, by=by), True
    except IntegrityError:
        # Opened meanwhile by a concurrent caller: use theirs.
        return PersonList.objects.get(
            owner=owner, kind=kind, title=title.strip()
        ), False


def custody_event_record(
    *,
    person: Person,
    kind: str,
    by: Any,
    date: PartialDate | None = None,
    place: str = "",
    source: str = "",
    notes: str = "",
) -> CustodyEvent:
    """Record a custody event for a person of the caller's own party."""
    _require_party_member(by, person.owner)
    if kind not in CustodyEventKind.values:
        raise ValidationError(f"unknown custody event {kind!r}")
    with transaction.atomic():
        event = CustodyEvent.objects.create(
            person=person,
            kind=kind,
            year=date.year if date else None,
            month=date.month if date else None,
            day=date.day if date else None,
            place=place,
            source=source,
            notes=notes,
        )
        ledger_append(
            actor=by,
            action="custody_event.record",
            organisation=person.owner.code,
            subject=event,
            data={"person_id": person.pk, "kind": kind},
        )
    return event


def custody_events_bulk_record(
    *, owner: Organisation, events: list[CustodyEvent], by: Any, source: str
) -> int:
    """Record many custody events of ``owner``'s persons at once (a party's report or
    the demo loader), with one ledger entry for the batch. Returns how many."""
    _require_party_member(by, owner)
    person_ids = {event.person_id for event in events}
    foreign = person_ids - set(
        Person.objects.filter(owner=owner, pk__in=person_ids).values_list(
            "pk", flat=True
        )
    )
    if foreign:
        raise PermissionDenied(
            "Events may only be recorded for the party's own persons."
        )
    with transaction.atomic():
        CustodyEvent.objects.bulk_create(events, batch_size=2000)
        ledger_append(
            actor=by,
            action="custody_event.bulk_record",
            organisation=owner.code,
            data={"events": len(events), "source": source[:200]},
        )
    return len(events)


def person_name_keys_refresh(*, by: Any = None, batch_size: int = 5000) -> int:
    """Recompute every person's normalised name keys with the installed names engine.

    Run after the names engine changes (new variants, new folding rules) so that search
    and linkage see the same keys for old and new records. The names as written are
    never touched. The system (``by=None``) or a mediator administrator may run it;
    one ledger entry records how many persons changed. Returns that number.
    """
    from homecoming.apps.accounts.models import Role
    from homecoming.apps.registry.bulk import bulk_update_by_pk
    from homecoming.apps.registry.import_rows import KEY_FIELDS, name_keys_for

    if by is not None and viewer_for(by).role != Role.MEDIATOR_ADMIN:
        raise PermissionDenied("Only a mediator administrator may refresh name keys.")
    fields = ("surname", "given_name", "patronymic", "full_name_as_written")
    changed: list[tuple[int, dict[str, Any]]] = []
    with transaction.atomic():
        persons = Person.objects.order_by("pk").values("pk", *fields, *KEY_FIELDS)
        for values in persons.iterator(chunk_size=batch_size):
            keys = name_keys_for(values)
            if any(keys[k] != values[k] for k in KEY_FIELDS):
                changed.append((values["pk"], keys))
        bulk_update_by_pk(Person, KEY_FIELDS, changed)
        ledger_append(
            actor=by,
            action="person.name_keys_refresh",
            organisation=viewer_for(by).organisation_code,
            data={"persons_changed": len(changed)},
        )
    return len(changed)

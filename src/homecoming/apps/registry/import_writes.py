"""Writing an import: persons created or updated, the version's rows, capture events.

Follows the rules in docs/decisions/service-import-rules.md (a value in the file replaces
the person's and the old one is kept as a ``PersonChange``; an empty cell never erases).
Existing persons are read as plain values, not model instances, and everything is written
with the prepared-statement helpers of ``bulk.py``: 100,000 rows are a few seconds' work.
Call inside the import's transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

from django.utils import timezone

from homecoming.apps.registry.bulk import bulk_insert, bulk_update_by_pk
from homecoming.apps.registry.import_rows import (
    DERIVED_FIELDS,
    IMPORTED_FIELDS,
    ImportRow,
    derived_values,
)
from homecoming.apps.registry.models import (
    CustodyEvent,
    CustodyEventKind,
    ListRow,
    ListVersion,
    Person,
    PersonChange,
    PersonList,
)

# Keeps IN (...) lists under SQLite's bound-parameter limit.
LOOKUP_CHUNK = 900
WHOLE_REGISTER_ABOVE = 2000
_UNTRACKED = set(DERIVED_FIELDS)  # derived from other fields: no history
#: The fields the derived ones are worked out from.
_DERIVED_FROM = {
    "surname",
    "given_name",
    "patronymic",
    "full_name_as_written",
    "service_number",
}

T = TypeVar("T")
ProgressCallback = Callable[[int, int], None]


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _register_persons(
    owner_id: int, register: str, record_ids: Sequence[str], *fields: str
) -> Iterator[dict[str, Any]]:
    """Values of the register's persons with these record ids.

    A large file is usually most of the register: one query over the whole register
    then beats hundreds of chunked ``IN (...)`` lookups.
    """
    persons = Person.objects.filter(owner_id=owner_id, register=register)
    if len(record_ids) > WHOLE_REGISTER_ABOVE:
        wanted = set(record_ids)
        for values in persons.values("record_id", *fields).iterator(chunk_size=10_000):
            if values["record_id"] in wanted:
                yield values
        return
    for chunk in _chunks(record_ids, LOOKUP_CHUNK):
        yield from persons.filter(record_id__in=chunk).values("record_id", *fields)


def persons_upsert(
    *,
    person_list: PersonList,
    version: ListVersion,
    rows: Sequence[ImportRow],
    progress: ProgressCallback | None = None,
) -> tuple[int, int]:
    """Create or update the persons of ``rows``, write the version's rows and capture
    events. Returns (persons created, persons updated)."""
    owner_id, register = person_list.owner_id, person_list.kind
    now = timezone.now()
    record_ids = [row.record_id for row in rows]
    existing = {
        values["record_id"]: values
        for values in _register_persons(
            owner_id, register, record_ids, "pk", "extra", *IMPORTED_FIELDS
        )
    }

    new_rows: list[dict[str, Any]] = []
    updates: list[tuple[int, dict[str, Any]]] = []
    changes: list[dict[str, Any]] = []
    for row in rows:
        current = existing.get(row.record_id)
        if current is None:
            new_rows.append(
                {
                    "owner_id": owner_id,
                    "register": register,
                    "record_id": row.record_id,
                    "extra": row.extra,
                    **row.values,
                }
            )
            continue
        if _apply(current, row, version.pk, changes):
            updates.append((current["pk"], current))

    defaults = {"created_at": now, "updated_at": now}
    bulk_insert(Person, new_rows, defaults=defaults)
    if updates:
        for _, values in updates:
            values["updated_at"] = now
        bulk_update_by_pk(Person, [*IMPORTED_FIELDS, "extra", "updated_at"], updates)
    bulk_insert(PersonChange, changes)

    ids = {rid: values["pk"] for rid, values in existing.items()}
    if new_rows:
        created = [r["record_id"] for r in new_rows]
        ids.update(
            (values["record_id"], values["pk"])
            for values in _register_persons(owner_id, register, created, "pk")
        )

    total, done = len(rows), 0
    for batch in _chunks(rows, 5000):
        bulk_insert(
            ListRow,
            (
                {
                    "version_id": version.pk,
                    "line": row.line,
                    "record_id": row.record_id,
                    "raw": row.raw,
                    "person_id": ids[row.record_id],
                }
                for row in batch
            ),
        )
        done += len(batch)
        if progress is not None:
            progress(done, total)

    _record_captures(version=version, rows=rows, ids=ids, now=now)
    return len(new_rows), len(updates)


def _apply(
    current: dict[str, Any],
    row: ImportRow,
    version_id: int,
    changes: list[dict[str, Any]],
) -> bool:
    """Copy the row's non-empty values onto ``current``, noting each change."""
    touched = sources_changed = False
    person_id = current["pk"]
    for name, new in row.values.items():
        if name in _UNTRACKED:
            continue  # worked out below from what the person now holds
        if new in ("", None):
            continue  # an empty cell never erases what is known
        old = current[name]
        if old == new:
            continue
        if name not in _UNTRACKED:
            changes.append(
                {
                    "person_id": person_id,
                    "version_id": version_id,
                    "field": name,
                    "old_value": "" if old is None else str(old),
                    "new_value": str(new),
                }
            )
        current[name] = new
        touched = True
        sources_changed = sources_changed or name in _DERIVED_FROM
    extra = current["extra"] or {}
    merged = {**extra, **row.extra}
    if merged != extra:
        for key, new in row.extra.items():
            old = extra.get(key)
            if old is not None and old != new:
                changes.append(
                    {
                        "person_id": person_id,
                        "version_id": version_id,
                        "field": f"extra.{key}"[:64],
                        "old_value": str(old),
                        "new_value": new,
                    }
                )
        current["extra"] = merged
        touched = True
    if sources_changed or not current.get("search_text"):
        derived = derived_values(current)
        if any(current[name] != value for name, value in derived.items()):
            current.update(derived)
            touched = True
    return touched


def _record_captures(
    *,
    version: ListVersion,
    rows: Sequence[ImportRow],
    ids: Mapping[str, int],
    now: Any,
) -> None:
    """A capture date or place on a row records a capture event, once per person."""
    candidates = [row for row in rows if row.capture is not None]
    if not candidates:
        return
    # Persons of this register who already have a capture event (one query).
    have = set(
        CustodyEvent.objects.filter(
            kind=CustodyEventKind.CAPTURE,
            person__owner_id=version.person_list.owner_id,
            person__register=version.person_list.kind,
        ).values_list("person_id", flat=True)
    )
    source = f"list version {version.number}: {version.source_filename}"[:200]
    events = []
    for row in candidates:
        person_id = ids[row.record_id]
        if person_id in have or row.capture is None:
            continue
        have.add(person_id)
        year, month, day = row.capture[:3]
        events.append(
            {
                "person_id": person_id,
                "kind": CustodyEventKind.CAPTURE,
                "year": year,
                "month": month,
                "day": day,
                "place": row.capture[3],
                "source": source,
                "list_version_id": version.pk,
            }
        )
    bulk_insert(CustodyEvent, events, defaults={"recorded_at": now})

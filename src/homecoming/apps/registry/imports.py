"""Importing a list file as a new version of a person list (the service behind
``homecoming import``, the list page's upload and ``POST /api/v1/lists/{id}/versions/``).

The rules (docs/decisions/service-import-rules.md):

- all or nothing: a file with any problem imports nothing, unless the caller asks for
  ``only_good_rows``, and then the bad rows are skipped and counted;
- re-importing the file of the latest version (same SHA-256), or a file whose rows are
  identical to it, changes nothing and says so;
- persons are matched by (owner, register, record id); a new record creates a person;
- a value in the file replaces the person's value and the old one is kept as a
  ``PersonChange`` row; an empty cell never erases a known value;
- a record missing from the new version stays in the registry (it is "removed" from the
  list, not deleted);
- one ledger entry per import (counts and file hash), not one per row.

Speed: rows are read once, persons fetched in chunks, written with ``bulk_create`` /
``bulk_update`` in batches of ``BATCH_SIZE``.
"""

from __future__ import annotations

import hashlib
import importlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any, TypeVar

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from homecoming.apps.accounts.selectors import viewer_for
from homecoming.apps.audit.services import ledger_append
from homecoming.apps.registry.models import (
    CustodyEvent,
    CustodyEventKind,
    ListRow,
    ListVersion,
    NameScript,
    Person,
    PersonChange,
    PersonList,
)
from homecoming.apps.registry.selectors import raw_rows_diff

BATCH_SIZE = 2000
# SQLite allows at most 999 bound parameters in old builds: fetch persons in chunks.
_LOOKUP_CHUNK = 900
_MAX_RECORD_ID = 64

#: Canonical column -> Person field for the particulars copied as text.
TEXT_FIELDS: Mapping[str, str] = {
    "surname": "surname",
    "given_name": "given_name",
    "patronymic": "patronymic",
    "full_name": "full_name_as_written",
    "birth_place": "birth_place",
    "rank": "rank",
    "service_number": "service_number",
    "unit": "unit",
    "health": "health",
    "mother_maiden_name": "mother_maiden_name",
    "person_to_inform": "person_to_inform",
    "nationality": "nationality",
    "address": "address",
    "identity_document": "identity_document",
    "place_of_internment": "place_of_internment",
}
#: Every Person field an import may set (for bulk_update and change tracking).
IMPORTED_FIELDS: tuple[str, ...] = (
    *TEXT_FIELDS.values(),
    "name_script",
    "sex",
    "category",
    "birth_year",
    "birth_month",
    "birth_day",
    "surname_key",
    "given_key",
    "patronymic_key",
)
_KEY_FIELDS = ("surname_key", "given_key", "patronymic_key")

_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")

T = TypeVar("T")


class ImportRejected(Exception):
    """The file has problems and nothing was imported; ``problems`` names each one."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        first = self.problems[0] if self.problems else "unreadable file"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{first}{more}")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did. ``version`` is None when nothing changed."""

    version: ListVersion | None
    sha256: str
    rows_read: int
    rows_imported: int = 0
    rows_skipped: int = 0
    added: int = 0
    removed: int = 0
    changed: int = 0
    persons_created: int = 0
    persons_updated: int = 0
    problems: tuple[str, ...] = field(default_factory=tuple)
    unchanged_reason: str = ""

    @property
    def unchanged(self) -> bool:
        return self.version is None

    @property
    def message(self) -> str:
        if self.version is None:
            return f"Nothing changed: {self.unchanged_reason}."
        skipped = f", {self.rows_skipped} rows skipped" if self.rows_skipped else ""
        return (
            f"Version {self.version.number}: {self.rows_imported} rows "
            f"({self.added} added, {self.removed} removed, {self.changed} changed)"
            f"{skipped}."
        )


@dataclass(slots=True)
class _Row:
    line: int
    record_id: str
    raw: dict[str, Any]
    values: dict[str, Any]
    extra: dict[str, str]
    capture: tuple[int | None, int | None, int | None, str] | None


ProgressCallback = Callable[[int, int], None]


def list_version_import(
    *,
    person_list: PersonList,
    file_bytes: bytes,
    filename: str,
    by: Any,
    mapping: Mapping[str, str] | None = None,
    only_good_rows: bool = False,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Import a CSV or XLSX file as the next version of ``person_list``.

    Only a member of the party that owns the list may import. Raises
    :class:`ImportRejected` (nothing written) when the file has problems and
    ``only_good_rows`` is false, or when no good row is left. ``progress(done, total)``
    is called as rows are written.
    """
    viewer = viewer_for(by)
    if not (viewer.is_party and viewer.organisation_id == person_list.owner_id):
        raise PermissionDenied("Only the party that owns a list may import into it.")
    name = PurePath(filename).name or "upload"
    sha256 = hashlib.sha256(file_bytes).hexdigest()

    latest = person_list.versions.order_by("-number").first()
    if latest is not None and latest.source_sha256 == sha256:
        return ImportResult(
            version=None,
            sha256=sha256,
            rows_read=latest.row_count,
            unchanged_reason=f"the file is the one of version {latest.number}",
        )

    rows, problems, rows_read, source_format = _read(name, file_bytes, mapping)
    if problems and not only_good_rows:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected(problems or [f"{name}: no rows to import"])

    current = {row.record_id: row.raw for row in rows}
    if latest is not None:
        previous = dict(latest.rows.values_list("record_id", "raw"))
        if previous == current:
            return ImportResult(
                version=None,
                sha256=sha256,
                rows_read=rows_read,
                rows_skipped=rows_read - len(rows),
                problems=tuple(problems),
                unchanged_reason=f"the rows are identical to version {latest.number}",
            )
    else:
        previous = {}
    added, removed, changed = raw_rows_diff(previous, current)

    with transaction.atomic():
        # Lock the list so two imports cannot take the same version number.
        locked = PersonList.objects.select_for_update().get(pk=person_list.pk)
        last_number = (
            locked.versions.order_by("-number").values_list("number", flat=True).first()
        )
        version = ListVersion.objects.create(
            person_list=locked,
            number=(last_number or 0) + 1,
            submitted_by=by,
            source_filename=name[:255],
            source_sha256=sha256,
            source_format=source_format,
            row_count=len(rows),
            added_count=len(added),
            removed_count=len(removed),
            changed_count=len(changed),
            skipped_count=rows_read - len(rows),
        )
        created, updated = _upsert_persons(
            person_list=locked, version=version, rows=rows, progress=progress
        )
        ledger_append(
            actor=by,
            action="list_version.import",
            organisation=viewer.organisation_code,
            subject=version,
            data={
                "list_id": locked.pk,
                "version": version.number,
                "file_name": version.source_filename,
                "sha256": sha256,
                "rows": len(rows),
                "skipped": version.skipped_count,
                "added": len(added),
                "removed": len(removed),
                "changed": len(changed),
                "persons_created": created,
                "persons_updated": updated,
            },
        )
    return ImportResult(
        version=version,
        sha256=sha256,
        rows_read=rows_read,
        rows_imported=len(rows),
        rows_skipped=rows_read - len(rows),
        added=len(added),
        removed=len(removed),
        changed=len(changed),
        persons_created=created,
        persons_updated=updated,
        problems=tuple(problems),
    )


# Reading ----------------------------------------------------------------------------


def _read(
    name: str, file_bytes: bytes, mapping: Mapping[str, str] | None
) -> tuple[list[_Row], list[str], int, str]:
    """Read and check the file: good rows, problems (as text), rows read, format."""
    from homecoming.lists import ListFileError, read_person_list

    try:
        list_file = read_person_list(
            name, mapping=dict(mapping or {}), data=file_bytes, filename=name
        )
    except ListFileError as exc:
        raise ImportRejected([str(exc)]) from exc

    problems = [str(p) for p in list_file.problems]
    bad_lines = {_problem_line(p) for p in list_file.problems}
    seen: dict[str, int] = {}
    rows: list[_Row] = []
    for list_row in list_file.rows:
        own_problems = _row_problems(name, list_row, seen)
        if own_problems:
            problems.extend(own_problems)
            continue
        if list_row.line in bad_lines:
            continue
        rows.append(_to_row(list_row))
    # Duplicates make every copy bad, including the first one seen.
    duplicated = {rid for rid, count in _counts(list_file.rows).items() if count > 1}
    if duplicated:
        rows = [row for row in rows if row.record_id not in duplicated]
    rows_read = len(list_file.rows) + len(
        bad_lines - {r.line for r in list_file.rows} - {None}
    )
    # The reader already checks ids and names; say each problem once.
    unique_problems = list(dict.fromkeys(problems))
    return rows, unique_problems, rows_read, str(list_file.format)


def _problem_line(problem: Any) -> int | None:
    for attr in ("line", "row"):
        value = getattr(problem, attr, None)
        if isinstance(value, int):
            return value
    return None


def _counts(list_rows: Iterable[Any]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for list_row in list_rows:
        rid = (list_row.record_id or "").strip()
        counts[rid] = counts.get(rid, 0) + 1
    return counts


def _row_problems(name: str, list_row: Any, seen: dict[str, int]) -> list[str]:
    """Checks the registry adds to the reader's: record id present, short and unique."""
    problems = []
    rid = (list_row.record_id or "").strip()
    where = f"{name}, row {list_row.line}, field record_id"
    if not rid:
        problems.append(f"{where}: the record id is empty (expected the list's own id)")
    elif len(rid) > _MAX_RECORD_ID:
        problems.append(f"{where}: the record id is longer than {_MAX_RECORD_ID}")
    elif rid in seen:
        problems.append(
            f"{where}: the record id {rid!r} is also on row {seen[rid]} "
            "(expected each record once)"
        )
    else:
        seen[rid] = list_row.line
    fields = list_row.fields
    if not any(
        (fields.get(k) or "").strip()
        for k in ("surname", "given_name", "full_name", "patronymic")
    ):
        problems.append(
            f"{name}, row {list_row.line}, field surname: no name given "
            "(expected surname and given name, or a full name)"
        )
    return problems


def _script_of(*texts: str) -> str:
    joined = " ".join(texts)
    cyrillic, latin = bool(_CYRILLIC.search(joined)), bool(_LATIN.search(joined))
    if cyrillic and latin:
        return NameScript.MIXED
    if cyrillic:
        return NameScript.CYRILLIC
    if latin:
        return NameScript.LATIN
    return NameScript.UNKNOWN


def _to_row(list_row: Any) -> _Row:
    fields = {k: (v or "").strip() for k, v in list_row.fields.items()}
    values: dict[str, Any] = {
        person_field: fields.get(column, "")[:400]
        for column, person_field in TEXT_FIELDS.items()
    }
    values["name_script"] = _script_of(
        values["surname"],
        values["given_name"],
        values["patronymic"],
        values["full_name_as_written"],
    )
    values["sex"] = list_row.sex or ""
    values["category"] = list_row.category or ""
    birth = list_row.birth_date
    values["birth_year"] = birth.year if birth else None
    values["birth_month"] = birth.month if birth else None
    values["birth_day"] = birth.day if birth else None
    values.update(_name_keys(values))
    capture = None
    capture_date = list_row.capture_date
    capture_place = fields.get("capture_place", "")
    if capture_date is not None or capture_place:
        capture = (
            capture_date.year if capture_date else None,
            capture_date.month if capture_date else None,
            capture_date.day if capture_date else None,
            capture_place[:200],
        )
    extra = {str(k): str(v) for k, v in dict(list_row.extra or {}).items() if v}
    raw: dict[str, Any] = {k: v for k, v in fields.items() if v}
    if extra:
        raw["extra"] = extra
    return _Row(
        line=list_row.line,
        record_id=list_row.record_id.strip(),
        raw=raw,
        values=values,
        extra=extra,
        capture=capture,
    )


def _name_keys(values: Mapping[str, Any]) -> dict[str, str]:
    """Normalised name keys from the names engine when it provides them, else blanks.

    Keys are a convenience for search and linkage: a failure here never blocks an import.
    """
    try:
        names = importlib.import_module("homecoming.engines.names")
        name_keys = names.name_keys
        person_name = names.PersonName
    except (ImportError, AttributeError):
        return dict.fromkeys(_KEY_FIELDS, "")
    surname, given, patronymic = (
        values["surname"],
        values["given_name"],
        values["patronymic"],
    )
    try:
        if not (surname or given) and values["full_name_as_written"]:
            parsed = names.parse_full_name(values["full_name_as_written"])
            surname, given, patronymic = (
                parsed.surname or "",
                parsed.given_name or "",
                parsed.patronymic or "",
            )
        keys = name_keys(person_name(surname, given, patronymic))
    except Exception:
        return dict.fromkeys(_KEY_FIELDS, "")
    return {
        "surname_key": " ".join(keys.surname)[:400],
        "given_key": " ".join(keys.given)[:400],
        "patronymic_key": " ".join(keys.patronymic)[:400],
    }


# Writing ----------------------------------------------------------------------------


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _upsert_persons(
    *,
    person_list: PersonList,
    version: ListVersion,
    rows: Sequence[_Row],
    progress: ProgressCallback | None,
) -> tuple[int, int]:
    """Create or update the persons of ``rows`` and write the version's rows.

    Returns (persons created, persons updated). Call inside the import's transaction.
    """
    owner_id, register = person_list.owner_id, person_list.kind
    existing: dict[str, Person] = {}
    for chunk in _chunks([row.record_id for row in rows], _LOOKUP_CHUNK):
        for found in Person.objects.filter(
            owner_id=owner_id, register=register, record_id__in=chunk
        ):
            existing[found.record_id] = found

    new_persons: list[Person] = []
    changed_persons: dict[int, Person] = {}
    changes: list[PersonChange] = []
    for row in rows:
        person = existing.get(row.record_id)
        if person is None:
            person = Person(
                owner_id=owner_id,
                register=register,
                record_id=row.record_id,
                extra=row.extra,
                **row.values,
            )
            new_persons.append(person)
            existing[row.record_id] = person
            continue
        if _apply(person, row, version, changes):
            changed_persons[person.pk] = person

    Person.objects.bulk_create(new_persons, batch_size=BATCH_SIZE)
    if changed_persons:
        Person.objects.bulk_update(
            list(changed_persons.values()),
            [*IMPORTED_FIELDS, "extra", "updated_at"],
            batch_size=BATCH_SIZE,
        )
    PersonChange.objects.bulk_create(changes, batch_size=BATCH_SIZE)

    total, done = len(rows), 0
    for batch in _chunks(rows, BATCH_SIZE):
        ListRow.objects.bulk_create(
            [
                ListRow(
                    version=version,
                    line=row.line,
                    record_id=row.record_id,
                    raw=row.raw,
                    person_id=existing[row.record_id].pk,
                )
                for row in batch
            ]
        )
        done += len(batch)
        if progress is not None:
            progress(done, total)

    _record_captures(version=version, rows=rows, persons=existing)
    return len(new_persons), len(changed_persons)


def _apply(
    person: Person, row: _Row, version: ListVersion, changes: list[PersonChange]
) -> bool:
    """Copy the row's non-empty values onto ``person``, noting each change; True if any."""
    touched = False
    for name, new in row.values.items():
        if new in ("", None):
            continue  # an empty cell never erases what is known
        old = getattr(person, name)
        if old == new:
            continue
        if name not in _KEY_FIELDS and name != "name_script":
            changes.append(
                PersonChange(
                    person=person,
                    version=version,
                    field=name,
                    old_value="" if old is None else str(old),
                    new_value=str(new),
                )
            )
        setattr(person, name, new)
        touched = True
    merged = {**person.extra, **row.extra}
    if merged != person.extra:
        for key, new in row.extra.items():
            old = person.extra.get(key)
            if old is not None and old != new:
                changes.append(
                    PersonChange(
                        person=person,
                        version=version,
                        field=f"extra.{key}"[:64],
                        old_value=str(old),
                        new_value=new,
                    )
                )
        person.extra = merged
        touched = True
    if touched:
        person.updated_at = timezone.now()
    return touched


def _record_captures(
    *, version: ListVersion, rows: Sequence[_Row], persons: Mapping[str, Person]
) -> None:
    """A capture date or place on a row records a capture event, once per person."""
    candidates = [row for row in rows if row.capture is not None]
    if not candidates:
        return
    ids = [persons[row.record_id].pk for row in candidates]
    have: set[int] = set()
    for chunk in _chunks(ids, _LOOKUP_CHUNK):
        have.update(
            CustodyEvent.objects.filter(
                person_id__in=chunk, kind=CustodyEventKind.CAPTURE
            ).values_list("person_id", flat=True)
        )
    events = []
    for row in candidates:
        person_id = persons[row.record_id].pk
        if person_id in have:
            continue
        assert row.capture is not None
        year, month, day, place = row.capture
        events.append(
            CustodyEvent(
                person_id=person_id,
                kind=CustodyEventKind.CAPTURE,
                year=year,
                month=month,
                day=day,
                place=place,
                source=f"list version {version.number}: {version.source_filename}"[
                    :200
                ],
                list_version=version,
            )
        )
    CustodyEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)

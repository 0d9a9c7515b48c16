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

Reading is in ``import_rows.py``, writing in ``import_writes.py`` (prepared statements
with ``executemany``; see ``bulk.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from django.db import transaction

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.accounts.permissions import Permission, require
from homecoming.apps.audit.services import ledger_append
from homecoming.apps.registry import actions
from homecoming.apps.registry.import_rows import (
    ImportRejected,
    ImportRow,
    read_import_rows,
)
from homecoming.apps.registry.import_writes import persons_upsert
from homecoming.apps.registry.models import ListVersion, PersonList
from homecoming.apps.registry.selectors import raw_rows_diff
from homecoming.lists import ENCODING_NAMES

__all__ = [
    "CheckedFile",
    "ImportRejected",
    "ImportResult",
    "list_file_check",
    "list_version_import",
    "list_version_import_checked",
]

ProgressCallback = Callable[[int, int], None]


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
    #: Rows imported but worth a look (implausible ages, names that look damaged).
    warnings: tuple[str, ...] = ()
    #: The text encoding a CSV was read in (None for XLSX or an unchanged file).
    encoding: str | None = None

    @property
    def unchanged(self) -> bool:
        return self.version is None

    @property
    def message(self) -> str:
        if self.version is None:
            return f"Nothing changed: {self.unchanged_reason}."
        skipped = f", {self.rows_skipped} rows skipped" if self.rows_skipped else ""
        read_as = f" Read as {self.encoding_name}." if self.encoding_name else ""
        return (
            f"Version {self.version.number}: {self.rows_imported} rows "
            f"({self.added} added, {self.removed} removed, {self.changed} changed)"
            f"{skipped}.{read_as}"
        )

    @property
    def encoding_name(self) -> str:
        """The text encoding a CSV was read in, as people name it ("" for XLSX)."""
        if self.encoding is None:
            return ""
        return ENCODING_NAMES.get(self.encoding, self.encoding)


@dataclass(frozen=True, slots=True)
class CheckedFile:
    """A list file read and checked, nothing written yet (see :func:`list_file_check`)."""

    name: str
    sha256: str
    rows: list[ImportRow]
    problems: tuple[str, ...]
    rows_read: int
    source_format: str
    warnings: tuple[str, ...] = ()
    encoding: str | None = None


def list_file_check(
    *,
    file_bytes: bytes,
    filename: str,
    mapping: Mapping[str, str] | None = None,
    only_good_rows: bool = False,
    today: dt.date | None = None,
) -> CheckedFile:
    """Read and check a list file without touching the database.

    Raises :class:`ImportRejected` when the file cannot be read, when it has problems
    and ``only_good_rows`` is false, or when no good row is left. A caller that must
    open a list before importing into it (``homecoming import``) checks the file first,
    so that a refused file leaves nothing behind.
    """
    name = PurePath(filename).name or "upload"
    sha256 = hashlib.sha256(file_bytes).hexdigest()
    read = read_import_rows(name, file_bytes, mapping, today)
    rows, problems = read.rows, read.problems
    if problems and not only_good_rows:
        raise ImportRejected(problems)
    if not rows:
        raise ImportRejected([*problems, f"{name}: no row without problems to import"])
    return CheckedFile(
        name=name,
        sha256=sha256,
        rows=rows,
        problems=tuple(problems),
        rows_read=read.rows_read,
        source_format=read.source_format,
        warnings=tuple(read.warnings),
        encoding=read.encoding,
    )


def list_version_import(
    *,
    person_list: PersonList,
    file_bytes: bytes,
    filename: str,
    by: Actor,
    mapping: Mapping[str, str] | None = None,
    only_good_rows: bool = False,
    progress: ProgressCallback | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Import a CSV or XLSX file as the next version of ``person_list``.

    Only a member of the party that owns the list may import. Raises
    :class:`ImportRejected` (nothing written) when the file has problems and
    ``only_good_rows`` is false, or when no good row is left. ``progress(done, total)``
    is called as rows are written.
    """
    require(by, Permission.LIST_WRITE, person_list)
    sha256 = hashlib.sha256(file_bytes).hexdigest()

    # A cheap early answer for the common retry; checked again under the lock below.
    latest = person_list.versions.order_by("-number").first()
    if latest is not None and latest.source_sha256 == sha256:
        return _same_file(latest, sha256)

    checked = list_file_check(
        file_bytes=file_bytes,
        filename=filename,
        mapping=mapping,
        only_good_rows=only_good_rows,
        today=today,
    )
    return list_version_import_checked(
        person_list=person_list, checked=checked, by=by, progress=progress
    )


def list_version_import_checked(
    *,
    person_list: PersonList,
    checked: CheckedFile,
    by: Actor,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Write a file already read by :func:`list_file_check` as the next version of
    ``person_list``, in one transaction (joined to the caller's, if any)."""
    require(by, Permission.LIST_WRITE, person_list)
    name, sha256, rows = checked.name, checked.sha256, checked.rows
    problems, rows_read = list(checked.problems), checked.rows_read
    current = {row.record_id: row.raw for row in rows}
    skipped = rows_read - len(rows)

    with transaction.atomic():
        # Lock the list: two imports of it run one after the other, so each compares
        # with the version really before it and takes the next number.
        locked = PersonList.objects.select_for_update().get(pk=person_list.pk)
        latest = locked.versions.order_by("-number").first()
        previous: dict[str, Any] = {}
        if latest is not None:
            if latest.source_sha256 == sha256:
                return _same_file(latest, sha256)
            previous = dict(latest.rows.values_list("record_id", "raw"))
            if previous == current:
                return ImportResult(
                    version=None,
                    sha256=sha256,
                    rows_read=rows_read,
                    rows_skipped=skipped,
                    problems=tuple(problems),
                    warnings=checked.warnings,
                    encoding=checked.encoding,
                    unchanged_reason=(
                        f"the rows are identical to version {latest.number}"
                    ),
                )
        added, removed, changed = raw_rows_diff(previous, current)
        version = ListVersion.objects.create(
            person_list=locked,
            number=(latest.number if latest else 0) + 1,
            submitted_by_id=by.acting_user_id,
            source_filename=name[:255],
            source_sha256=sha256,
            source_format=checked.source_format,
            row_count=len(rows),
            added_count=len(added),
            removed_count=len(removed),
            changed_count=len(changed),
            skipped_count=skipped,
        )
        created, updated = persons_upsert(
            person_list=locked, version=version, rows=rows, progress=progress
        )
        ledger_append(
            by=by,
            action=actions.VERSION_IMPORT,
            subject=version,
            data={
                "list_id": locked.pk,
                "version": version.number,
                "file_name": version.source_filename,
                "sha256": sha256,
                "rows": len(rows),
                "skipped": skipped,
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
        rows_skipped=skipped,
        added=len(added),
        removed=len(removed),
        changed=len(changed),
        persons_created=created,
        persons_updated=updated,
        problems=tuple(problems),
        warnings=checked.warnings,
        encoding=checked.encoding,
    )


def _same_file(latest: ListVersion, sha256: str) -> ImportResult:
    return ImportResult(
        version=None,
        sha256=sha256,
        rows_read=latest.row_count,
        unchanged_reason=f"the file is the one of version {latest.number}",
    )

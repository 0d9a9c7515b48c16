"""Reading a list file for import: the reader's rows and problems, plus the registry's
own checks, turned into :class:`ImportRow` values ready to write (see ``imports.py``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from homecoming.apps.registry.models import NameScript
from homecoming.apps.registry.search import search_text_of
from homecoming.engines.names import (
    PersonName,
    Script,
    detect_script,
    name_keys,
    parse_full_name,
)
from homecoming.lists import ListFileError, read_person_list
from homecoming.refusals import Rejected

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
    "search_text",
)
KEY_FIELDS = ("surname_key", "given_key", "patronymic_key")
#: Worked out from the others: never a change of its own in a person's history.
DERIVED_FIELDS = (*KEY_FIELDS, "search_text", "name_script")
#: The names engine's script -> the registry's (one Cyrillic for Ukrainian and Russian).
_NAME_SCRIPTS: Mapping[Script, str] = {
    Script.UK: NameScript.CYRILLIC,
    Script.RU: NameScript.CYRILLIC,
    Script.CYRILLIC: NameScript.CYRILLIC,
    Script.LATIN: NameScript.LATIN,
    Script.MIXED: NameScript.MIXED,
    Script.UNKNOWN: NameScript.UNKNOWN,
}


class ImportRejected(Rejected):
    """The file has problems and nothing was imported; ``problems`` names each one."""

    default_code = "import_rejected"

    def __init__(
        self,
        problems: Sequence[str],
        *,
        file_level: bool = False,
        mapping_help: bool = False,
    ) -> None:
        #: The file as a whole was refused (skipping rows cannot help).
        self.file_level = file_level
        #: Mapping a column to a field could fix it.
        self.mapping_help = mapping_help
        count = len(problems)
        first = problems[0] if problems else "unreadable file"
        more = f" (and {count - 1} more)" if count > 1 else ""
        super().__init__(f"{first}{more}", field="file", problems=problems)


@dataclass(slots=True)
class ImportRow:
    """One good row of a list file, ready to write."""

    line: int
    record_id: str
    raw: dict[str, Any]
    values: dict[str, Any]
    extra: dict[str, str]
    capture: tuple[int | None, int | None, int | None, str] | None


@dataclass(frozen=True, slots=True)
class ReadRows:
    """What reading a file for import gives (see :func:`read_import_rows`)."""

    rows: list[ImportRow]
    problems: list[str]
    #: Worth a look, not refused (implausible ages, damaged names), of the good rows.
    warnings: list[str]
    rows_read: int
    source_format: str
    #: The text encoding a CSV was read in (None for XLSX).
    encoding: str | None


def read_import_rows(
    name: str,
    file_bytes: bytes,
    mapping: Mapping[str, str] | None,
    today: dt.date | None = None,
) -> ReadRows:
    """Read and check the file: good rows, problems and warnings (as text), rows read,
    format and encoding. ``today`` judges dates in the future (default: today).

    Raises :class:`ImportRejected` when the file cannot be read at all.
    """
    try:
        list_file = read_person_list(
            name,
            mapping=dict(mapping or {}),
            data=file_bytes,
            filename=name,
            today=today,
        )
    except ListFileError as exc:
        raise ImportRejected(
            [str(exc)], file_level=True, mapping_help=exc.mapping_help
        ) from exc

    problems = [str(p) for p in list_file.problems]
    bad_lines = {_problem_line(p) for p in list_file.problems}
    rows: list[ImportRow] = []
    for list_row in list_file.rows:
        own_problems = _row_problems(name, list_row)
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
    good = {row.line for row in rows}
    warnings = [str(w) for w in list_file.warnings if w.line in good]
    return ReadRows(
        rows=rows,
        problems=problems,
        warnings=warnings,
        rows_read=rows_read,
        source_format=str(list_file.format),
        encoding=list_file.encoding,
    )


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


def _row_problems(name: str, list_row: Any) -> list[str]:
    """What the registry checks beyond the reader (which checks that each row has a
    unique, non-empty record id and a name): the id fits the registry's column."""
    if len(list_row.record_id) > _MAX_RECORD_ID:
        return [
            f"{name}, row {list_row.line}, field record_id: the record id is longer "
            f"than {_MAX_RECORD_ID} characters"
        ]
    return []


def _script_of(*texts: str) -> str:
    return _NAME_SCRIPTS[detect_script(" ".join(texts))]


def _to_row(list_row: Any) -> ImportRow:
    fields = {k: (v or "").strip() for k, v in list_row.fields.items()}
    values: dict[str, Any] = {
        person_field: fields.get(column, "")[:400]
        for column, person_field in TEXT_FIELDS.items()
    }
    values["sex"] = list_row.sex or ""
    values["category"] = list_row.category or ""
    birth = list_row.birth_date
    values["birth_year"] = birth.year if birth else None
    values["birth_month"] = birth.month if birth else None
    values["birth_day"] = birth.day if birth else None
    values.update(derived_values({**values, "record_id": list_row.record_id}))
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
    return ImportRow(
        line=list_row.line,
        record_id=list_row.record_id.strip(),
        raw=raw,
        values=values,
        extra=extra,
        capture=capture,
    )


def derived_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """What a person's other fields determine: its script, name keys and search text
    (from the names as written, record id and service number in ``values``)."""
    derived: dict[str, Any] = {
        "name_script": _script_of(
            values["surname"],
            values["given_name"],
            values["patronymic"],
            values["full_name_as_written"],
        )
    }
    derived.update(name_keys_for(values))
    derived["search_text"] = search_text_of({**values, **derived})
    return derived


def name_keys_for(values: Mapping[str, Any]) -> dict[str, str]:
    """Normalised name keys of a person's names (read from the full name when the
    name parts are empty); the names engine never raises, so neither does this."""
    surname, given, patronymic = (
        values["surname"],
        values["given_name"],
        values["patronymic"],
    )
    if not (surname or given) and values["full_name_as_written"]:
        parsed = parse_full_name(values["full_name_as_written"])
        surname, given, patronymic = (
            parsed.surname or "",
            parsed.given_name or "",
            parsed.patronymic or "",
        )
    keys = name_keys(PersonName(surname, given, patronymic))
    return {
        "surname_key": " ".join(keys.surname)[:400],
        "given_key": " ".join(keys.given)[:400],
        "patronymic_key": " ".join(keys.patronymic)[:400],
    }

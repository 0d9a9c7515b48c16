"""Reading a person list (CSV or XLSX) into rows of canonical fields, with problems.

``read_person_list`` finds the header (which may sit below a title row or two), maps
each column to a canonical field (``headers.canonical_field``, or the caller's
``mapping``), and reads every non-empty row below it. It never stops at a bad row:
each bad cell becomes a :class:`RowProblem` naming the file, row and field, so the
caller can report all of them at once. Only a file-level fault raises
:class:`ListFileError`.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping
from pathlib import Path

from homecoming.lists.headers import (
    CANONICAL_FIELDS,
    NAME_FIELDS,
    canonical_field,
    header_key,
)
from homecoming.lists.model import ListFile, ListFileError, ListRow
from homecoming.lists.rows import RowChecks, cell_text, cells_to_fields
from homecoming.lists.sources import (
    HEADER_SEARCH_ROWS,
    Cells,
    RawRows,
    csv_rows,
    sniff_format,
    xlsx_sheets,
)

__all__ = ["read_person_list"]


def read_person_list(
    path: str | Path,
    *,
    mapping: Mapping[str, str] | None = None,
    data: bytes | None = None,
    filename: str | None = None,
    today: dt.date | None = None,
) -> ListFile:
    """Read the person list at ``path`` (or in ``data``, named ``filename``).

    ``mapping`` maps a column header as written to a canonical field and wins over the
    recognised names; a header it names must be in the file. The format comes from the
    content (an XLSX is a zip), then the extension. Raises :class:`ListFileError` for a
    file that cannot be read as a list; everything wrong inside rows is in
    ``ListFile.problems`` (and what is only worth a look in ``ListFile.warnings``).
    ``today`` is the day dates in the future are judged against (default: today).
    """
    name = filename or Path(path).name
    if data is None:
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise ListFileError(
                f"{name}: the file cannot be read ({exc.strerror})"
            ) from exc
    if not data.strip():
        raise ListFileError(f"{name}: the file is empty")
    overrides = _overrides(name, mapping or {})

    def header_score(cells: Cells) -> int:
        return _header_score(cells, overrides)

    if sniff_format(name, data) == "xlsx":
        for sheet in xlsx_sheets(name, data):
            found = _find_header(sheet.rows, overrides)
            if found is not None:
                header_line, header, rows = found
                return _mapping_checked(
                    _read_rows(
                        name,
                        "xlsx",
                        None,
                        header_line,
                        header,
                        rows,
                        overrides,
                        sheet.name,
                        today,
                    ),
                    mapping,
                )
        raise ListFileError(_no_header_message(name), mapping_help=True)
    encoding, raw_rows = csv_rows(name, data, header_score)
    found = _find_header(raw_rows, overrides)
    if found is None:
        raise ListFileError(_no_header_message(name), mapping_help=True)
    header_line, header, rows = found
    return _mapping_checked(
        _read_rows(
            name, "csv", encoding, header_line, header, rows, overrides, None, today
        ),
        mapping,
    )


# The header ------------------------------------------------------------------------


def _overrides(name: str, mapping: Mapping[str, str]) -> dict[str, str]:
    """The caller's mapping by header key, checked against the canonical fields."""
    overrides: dict[str, str] = {}
    for header, field in mapping.items():
        target = field.strip()
        if target not in CANONICAL_FIELDS:
            raise ListFileError(
                f"{name}: the mapping {header}={field} names no known field "
                f"(expected one of {', '.join(CANONICAL_FIELDS)})"
            )
        overrides[header_key(header)] = target
    return overrides


def _mapping_checked(
    list_file: ListFile, mapping: Mapping[str, str] | None
) -> ListFile:
    """``list_file``, once every column the mapping names is known to be in it."""
    found = {header_key(h) for h in list_file.header_map}
    missing = [h for h in mapping or {} if header_key(h) not in found]
    if missing:
        raise ListFileError(
            f"{list_file.filename}: the mapping names columns not in the header: "
            f"{', '.join(missing)}"
        )
    return list_file


def _field_of(header: str, overrides: Mapping[str, str]) -> str | None:
    return overrides.get(header_key(header)) or canonical_field(header)


def _header_score(cells: Cells, overrides: Mapping[str, str]) -> int:
    fields = {
        _field_of(cell, overrides)
        for cell in cells
        if isinstance(cell, str) and cell.strip()
    }
    fields.discard(None)
    return len(fields)


def _find_header(
    rows: RawRows, overrides: Mapping[str, str]
) -> tuple[int, list[str], RawRows] | None:
    """The header row (first scoring two fields, else the first naming a person)."""
    seen: list[tuple[int, Cells]] = []
    for line, cells in rows:
        seen.append((line, cells))
        if _header_score(cells, overrides) >= 2:
            return line, [cell_text(c) for c in cells], rows
        if len(seen) >= HEADER_SEARCH_ROWS:
            break
    # A list of a single column (a full name, say) has a one-field header.
    for index, (line, cells) in enumerate(seen):
        texts = [cell_text(c) for c in cells]
        if any(_field_of(t, overrides) in NAME_FIELDS for t in texts if t):
            rest = iter(seen[index + 1 :])
            return line, texts, itertools.chain(rest, rows)
    return None


def _no_header_message(name: str) -> str:
    return (
        f"{name}: no header recognised in the first {HEADER_SEARCH_ROWS} rows "
        "(expected columns such as Прізвище, Ім'я, Фамилия, Имя, ПІБ, ФИО or surname, "
        "given_name; other headers can be mapped to a field)"
    )


def _column_plan(
    name: str, header: list[str], overrides: Mapping[str, str]
) -> tuple[list[tuple[int, str]], list[tuple[int, str]], dict[str, str]]:
    """(index, field) for canonical columns, (index, header) for the rest, header map."""
    canonical: list[tuple[int, str]] = []
    extra: list[tuple[int, str]] = []
    header_map: dict[str, str] = {}
    field_headers: dict[str, str] = {}
    extra_headers: set[str] = set()
    for index, text in enumerate(header):
        if not text:
            extra.append((index, f"column {index + 1}"))
            continue
        field = _field_of(text, overrides)
        if field is None:
            if text in extra_headers:
                raise ListFileError(f"{name}: the column {text!r} appears twice")
            extra_headers.add(text)
            extra.append((index, text))
            continue
        if field in field_headers:
            raise ListFileError(
                f"{name}: the columns {field_headers[field]!r} and {text!r} both give "
                f"{field} (keep one, or map one of them to another field)",
                mapping_help=True,
            )
        field_headers[field] = text
        header_map[text] = field
        canonical.append((index, field))
    present = set(header_map.values())
    if "record_id" not in present and not present & set(NAME_FIELDS):
        raise ListFileError(
            f"{name}: the header has neither a record-id column (№ з/п, № п/п, id) "
            "nor a name column (Прізвище, Фамилия, ПІБ, ФИО, surname, full_name)"
        )
    return canonical, extra, header_map


# The rows --------------------------------------------------------------------------


def _read_rows(
    name: str,
    fmt: str,
    encoding: str | None,
    header_line: int,
    header: list[str],
    rows: RawRows,
    overrides: Mapping[str, str],
    sheet: str | None,
    today: dt.date | None,
) -> ListFile:
    canonical, extra_plan, header_map = _column_plan(name, header, overrides)
    has_ids = "record_id" in header_map.values()
    checks = RowChecks(
        filename=name,
        has_ids=has_ids,
        name_field=next(
            (f for f in NAME_FIELDS if f in header_map.values()), "full_name"
        ),
        today=today,
    )
    list_rows: list[ListRow] = []
    width = len(header)
    for line, cells in rows:
        uncached: dict[str, str] = {}
        fields, extra = cells_to_fields(cells, canonical, extra_plan, width, uncached)
        if fields or extra or uncached:  # an empty row, or blank cells, is skipped
            list_rows.append(checks.row(line, fields, extra, uncached))
    if not list_rows:
        raise ListFileError(f"{name}: the list has a header but no rows")
    return ListFile(
        filename=name,
        format="xlsx" if fmt == "xlsx" else "csv",
        encoding=encoding,
        header_map=header_map,
        rows=tuple(list_rows),
        problems=tuple(checks.problems),
        extra_columns=tuple(column for _, column in extra_plan),
        generated_ids=not has_ids,
        header_line=header_line,
        sheet=sheet,
        warnings=tuple(checks.warnings),
    )

"""Writing a person list to CSV (UTF-8 with BOM, so Excel opens it right) or XLSX.

Every cell is written as text, never as a formula: a value starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return gets a protecting quote (see
``escaping.escape_cell``), and the reader takes it off again, so a list written here
reads back exactly.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import BinaryIO, Literal

from homecoming.lists.escaping import escape_cell
from homecoming.lists.model import ListWriteError

__all__ = ["write_person_list"]


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):  # dates and PartialDate
        return str(isoformat())
    return str(value)


def write_person_list(
    rows: Iterable[Mapping[str, object]],
    *,
    columns: Sequence[str],
    destination: BinaryIO | str | Path,
    format: Literal["csv", "xlsx"] | str,
    headers: Mapping[str, str] | None = None,
    title_rows: Sequence[str] = (),
    encoding: str = "utf-8-sig",
    delimiter: str = ",",
) -> int:
    """Write ``rows`` (column -> value) to ``destination``; returns the rows written.

    ``columns`` orders the columns (a row's other keys are left out); ``headers`` gives
    the header text of a column (default: the column name); ``title_rows`` are lines
    written above the header, one cell each, as official lists have (the reader finds
    the header below them). Values become text:
    None -> empty, dates and PartialDate -> ISO form, anything else ``str()``.
    A stream passed as ``destination`` is written to and left open.

    CSV is UTF-8 with a byte-order mark and ``,`` unless ``encoding`` and ``delimiter``
    say otherwise (``"cp1251"`` and ``";"`` make the CSV Excel saves on a Ukrainian or
    Russian Windows); a value the encoding cannot hold is a :class:`ListWriteError`.
    """
    if format not in ("csv", "xlsx"):
        raise ListWriteError(f"unknown list format {format!r} (expected csv or xlsx)")
    header_texts = [escape_cell((headers or {}).get(c, c)) for c in columns]
    titles = [[escape_cell(title)] for title in title_rows]
    lines = (
        [escape_cell(_cell_text(row.get(column))) for column in columns] for row in rows
    )
    if isinstance(destination, str | Path):
        with Path(destination).open("wb") as stream:
            if format == "csv":
                return _write_csv(
                    stream, titles, header_texts, lines, encoding, delimiter
                )
            return _write_xlsx(stream, titles, header_texts, lines)
    if format == "csv":
        return _write_csv(destination, titles, header_texts, lines, encoding, delimiter)
    return _write_xlsx(destination, titles, header_texts, lines)


def _write_csv(
    stream: BinaryIO,
    titles: list[list[str]],
    header: list[str],
    lines: Iterable[list[str]],
    encoding: str,
    delimiter: str,
) -> int:
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    written = 0  # rows of the file so far, titles and header included
    try:
        writer = csv.writer(text, delimiter=delimiter, lineterminator="\r\n")
        for line in itertools.chain(titles, [header], lines):
            writer.writerow(line)
            written += 1
        text.flush()
    except UnicodeEncodeError as exc:
        raise ListWriteError(
            f"row {written + 1}: {exc.object[exc.start : exc.end]!r} cannot be written "
            f"in {encoding} (write UTF-8 instead)"
        ) from exc
    finally:
        text.detach()  # the caller's stream stays open
    return written - len(titles) - 1


def _write_xlsx(
    stream: BinaryIO,
    titles: list[list[str]],
    header: list[str],
    lines: Iterable[list[str]],
) -> int:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("list")

    def text_cells(values: list[str], line: int) -> list[str | None]:
        # Plain strings are stored as text by openpyxl, except one starting with "=",
        # which escape_cell has already quoted.
        for value in values:
            if value and (value[0] == "=" or ILLEGAL_CHARACTERS_RE.search(value)):
                raise ListWriteError(
                    f"row {line}: {value[:40]!r} holds a control character an XLSX "
                    "sheet cannot store (write CSV instead)"
                )
        return [value or None for value in values]

    count = 0
    try:
        for line, title in enumerate(titles, start=1):
            sheet.append(text_cells(title, line))
        first = len(titles) + 1
        sheet.append(text_cells(header, first))
        for count, values in enumerate(lines, start=1):
            sheet.append(text_cells(values, first + count))
    except ListWriteError:
        sheet.close()  # finish the half-written sheet's temporary file before failing
        raise
    workbook.save(stream)
    return count

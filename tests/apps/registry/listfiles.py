"""Small list files for import tests, built in memory (generated names only)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook

HEADER = (
    "record_id",
    "surname",
    "given_name",
    "patronymic",
    "birth_date",
    "rank",
    "service_number",
    "unit",
    "category",
    "capture_date",
    "capture_place",
)

ROWS: tuple[tuple[str, ...], ...] = (
    (
        "A-1",
        "Шевчук",
        "Олександр",
        "Іванович",
        "17.05.1990",
        "солдат",
        "UA-100",
        "в/ч А0001",
        "military",
        "2024-03-01",
        "Авдіївка",
    ),
    (
        "A-2",
        "Коваль",
        "Микола",
        "Петрович",
        "1985",
        "сержант",
        "UA-101",
        "в/ч А0002",
        "military",
        "",
        "",
    ),
    (
        "A-3",
        "Бондаренко",
        "Ганна",
        "Степанівна",
        "1971-02-03",
        "",
        "",
        "",
        "civilian",
        "03/2023",
        "Маріуполь",
    ),
)


def csv_bytes(
    rows: Sequence[Sequence[str]] = ROWS,
    header: Sequence[str] = HEADER,
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(
    rows: Sequence[Sequence[str]] = ROWS, header: Sequence[str] = HEADER
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def with_row(
    rows: Sequence[Sequence[str]], index: int, **changes: str
) -> list[tuple[str, ...]]:
    """A copy of ``rows`` with fields of row ``index`` changed by header name."""
    copy = [list(row) for row in rows]
    for name, value in changes.items():
        copy[index][HEADER.index(name)] = value
    return [tuple(row) for row in copy]

"""List files built in memory for the tests (generated names only, never real data)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence

from openpyxl import Workbook

Cell = str | int | float | dt.date | dt.datetime | None


def csv_bytes(
    rows: Sequence[Sequence[str]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(*sheets: Sequence[Sequence[Cell]], titles: Sequence[str] = ()) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for index, rows in enumerate(sheets):
        title = titles[index] if index < len(titles) else f"Sheet{index + 1}"
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


UK_HEADER = ("№ з/п", "Прізвище", "Ім'я", "По батькові", "Дата народження", "Стать")
RU_HEADER = ("№ п/п", "Фамилия", "Имя", "Отчество", "Дата рождения", "Пол")
EN_HEADER = ("id", "surname", "given_name", "patronymic", "dob", "sex")
UK_ROWS = (
    ("1.", "Шевчук", "Олександр", "Іванович", "17.05.1990", "ч"),
    ("2.", "Ковальчук", "Ганна", "Петрівна", "1985", "ж"),
)

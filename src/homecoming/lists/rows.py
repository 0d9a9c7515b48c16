"""Reading the rows under a list's header: cells to canonical fields, and the checks.

Each non-empty row becomes a :class:`ListRow` (text as written, with the readings of
dates, sex and category beside it); every bad cell becomes a :class:`RowProblem`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from homecoming.engines.linkage.dates import (
    DateFormatError,
    PartialDate,
    parse_partial_date,
)
from homecoming.lists.escaping import unescape_cell
from homecoming.lists.headers import MAX_LENGTHS, NAME_FIELDS
from homecoming.lists.model import ListRow, RowProblem, UncachedFormula
from homecoming.lists.plausible import age_warning, latest_day, name_warning
from homecoming.lists.sources import Cells
from homecoming.lists.values import category_of, sex_of

__all__ = ["MAX_EXTRA_LENGTH", "RowChecks", "cell_text", "cells_to_fields"]

#: The longest text an unrecognised column may hold.
MAX_EXTRA_LENGTH = 2000
_DATE_EXPECTED = "expected 1990-05-17, 17.05.1990, 17/05/1990 or a year"
#: Words (and dashes) clerks write for a date nobody knows: read as no date.
UNKNOWN_DATE_WORDS = frozenset(
    {"-", "--", "—", "–", "?", "x", "х", "n/a", "unknown", "невідомо", "не відомо",
     "невідома", "немає даних", "н/д", "н/в", "неизвестно", "не известно",
     "нет данных", "нет сведений"}
)  # fmt: skip
#: ``17.05.1990 р.``, ``17.05.1990г.``, ``1990 року``, ``1990 года``: the year word
#: after a date is dropped.
_YEAR_SUFFIX = re.compile(
    r"^(.*\d)\s*(?:р\.?|г\.?|рр\.?|гг\.?|року|рік|года|год)\s*\.?$", re.IGNORECASE
)


def date_text(text: str) -> str:
    """The date in a cell, as the date reader takes it: ``""`` for an unknown-date
    word or dash, the year word after a date (``р.``, ``г.``, ``року``, ``года``) off."""
    folded = " ".join(text.lower().replace("ё", "е").split())
    if folded in UNKNOWN_DATE_WORDS:
        return ""
    match = _YEAR_SUFFIX.match(text)
    return match.group(1) if match else text


def cell_text(value: object) -> str:
    """A cell as text: strings stripped, whole numbers without '.0', dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value).strip()


def cells_to_fields(
    cells: Cells,
    canonical: list[tuple[int, str]],
    extra_plan: list[tuple[int, str]],
    width: int,
    uncached: dict[str, str] | None = None,
) -> tuple[dict[str, str], dict[str, str]]:
    """(canonical field -> text, extra header -> text) of one row; blanks left out.

    A formula cell saved without its value is left out too, and put in ``uncached``
    (field or header -> formula) for the checks to report.
    """
    count = len(cells)
    fields: dict[str, str] = {}
    for index, field in canonical:
        if index < count:
            value = cells[index]
            if value.__class__ is UncachedFormula:
                if uncached is not None:
                    uncached[field] = value.formula
                continue
            text = value.strip() if value.__class__ is str else cell_text(value)
            if text:
                fields[field] = unescape_cell(text) if text[0] == "'" else text
    extra: dict[str, str] = {}
    for index, column in extra_plan:
        if index < count:
            if uncached is not None and isinstance(cells[index], UncachedFormula):
                uncached[column] = cells[index].formula  # type: ignore[attr-defined]
                continue
            text = cell_text(cells[index])
            if text:
                extra[column] = unescape_cell(text)
    for index in range(width, count):
        text = cell_text(cells[index])
        if text:
            extra[f"column {index + 1}"] = unescape_cell(text)
    return fields, extra


class RowChecks:
    """The per-row checks, with what they remember across rows (ids seen, readings).

    Dates, sexes and categories repeat a great deal down a list, so each distinct text
    is read once.
    """

    def __init__(
        self,
        *,
        filename: str,
        has_ids: bool,
        name_field: str,
        today: dt.date | None = None,
    ) -> None:
        self.filename = filename
        self.has_ids = has_ids
        self.name_field = name_field
        self.today = today or dt.date.today()
        self.problems: list[RowProblem] = []
        #: What is worth a look but imports: implausible ages, damaged names.
        self.warnings: list[RowProblem] = []
        self.name_warnings: dict[str, str | None] = {}
        self.first_line: dict[str, int] = {}
        self.dates: dict[str, PartialDate | str | None] = {}

    def problem(self, line: int, field: str, value: str, message: str) -> None:
        self.problems.append(RowProblem(self.filename, line, field, value, message))

    def warning(self, line: int, field: str, value: str, message: str) -> None:
        self.warnings.append(RowProblem(self.filename, line, field, value, message))

    def plausible(
        self,
        line: int,
        fields: Mapping[str, str],
        birth: PartialDate | None,
        capture: PartialDate | None,
        category: str | None,
    ) -> tuple[PartialDate | None, PartialDate | None]:
        """Dates that cannot be (in the future, birth after capture) become problems
        and are dropped; an implausible military age is a warning."""
        today = self.today
        for field, date in (("birth_date", birth), ("capture_date", capture)):
            if date is not None and date.earliest() > today:
                self.problem(
                    line,
                    field,
                    fields[field],
                    f"{fields[field]!r} is in the future (after {today.isoformat()}; "
                    "check the date)",
                )
        if birth is not None and birth.earliest() > today:
            birth = None
        if capture is not None and capture.earliest() > today:
            capture = None
        if (
            birth is not None
            and capture is not None
            and birth.earliest() > latest_day(capture)
        ):
            self.problem(
                line,
                "birth_date",
                fields["birth_date"],
                f"born {fields['birth_date']!r}, after the capture "
                f"{fields['capture_date']!r} (check both dates)",
            )
            return None, None
        if birth is not None and category == "military":
            message = age_warning(birth, capture, today)
            if message:
                self.warning(line, "birth_date", fields["birth_date"], message)
        return birth, capture

    def names(self, line: int, fields: Mapping[str, str]) -> None:
        for field in NAME_FIELDS:
            text = fields.get(field)
            if text is None:
                continue
            if text not in self.name_warnings:
                self.name_warnings[text] = name_warning(text)
            message = self.name_warnings[text]
            if message:
                self.warning(line, field, text, message)

    def row(
        self,
        line: int,
        fields: dict[str, str],
        extra: dict[str, str],
        uncached: Mapping[str, str] | None = None,
    ) -> ListRow:
        """The row read from ``fields``, its problems added to ``self.problems``."""
        for field, formula in (uncached or {}).items():
            shown = f" (={formula})" if formula else ""
            self.problem(
                line,
                field,
                f"={formula}",
                f"the cell holds a formula{shown} saved without its value, so what it "
                "shows is unknown (open the file in Excel or LibreOffice and save it "
                "again, or paste the values)",
            )
        record_id = self.record_id(line, fields)
        if not any(f in fields for f in NAME_FIELDS):
            self.problem(
                line,
                self.name_field,
                "",
                "no name given (expected surname and given name, or a full name)",
            )
        birth_date = self.date(line, fields, "birth_date")
        capture_date = self.date(line, fields, "capture_date")
        sex = category = None
        if "sex" in fields:
            sex = sex_of(fields["sex"])
            if sex is None:
                self.problem(
                    line,
                    "sex",
                    fields["sex"],
                    f"{fields['sex']!r} is not a sex (expected ч/ж, м/ж, m/f, male/female)",
                )
        if "category" in fields:
            category = category_of(fields["category"])
            if category is None:
                self.problem(
                    line,
                    "category",
                    fields["category"],
                    f"{fields['category']!r} is not a category (expected military or "
                    "civilian, in English, Ukrainian or Russian)",
                )
        birth_date, capture_date = self.plausible(
            line, fields, birth_date, capture_date, category
        )
        self.names(line, fields)
        self.lengths(line, fields, MAX_LENGTHS)
        if extra:
            self.lengths(line, extra, {})
        return ListRow(
            line=line,
            record_id=record_id,
            fields=fields,
            birth_date=birth_date,
            capture_date=capture_date,
            extra=extra,
            sex=sex,
            category=category,
        )

    def record_id(self, line: int, fields: Mapping[str, str]) -> str:
        if not self.has_ids:
            return f"row-{line}"
        record_id = fields.get("record_id", "")
        if not record_id:
            self.problem(
                line,
                "record_id",
                "",
                "the record id is empty (expected the list's own id)",
            )
        elif record_id in self.first_line:
            self.problem(
                line,
                "record_id",
                record_id,
                f"the record id {record_id!r} is also on row "
                f"{self.first_line[record_id]} (expected each record once)",
            )
        else:
            self.first_line[record_id] = line
        return record_id

    def date(
        self, line: int, fields: Mapping[str, str], field: str
    ) -> PartialDate | None:
        """The partial date in ``field`` (spreadsheet dates arrive in ISO form)."""
        text = fields.get(field)
        if text is None:
            return None
        reading = self.dates.get(text)
        if reading is None:
            try:
                reading = parse_partial_date(date_text(text))
            except DateFormatError as exc:
                message = str(exc)
                if not message.startswith(repr(text)):
                    message = f"{text!r} is not a date ({message}; {_DATE_EXPECTED})"
                reading = message
            self.dates[text] = reading
        if reading is None:  # an unknown date: no reading, no problem
            return None
        if isinstance(reading, str):
            self.problem(line, field, text, reading)
            return None
        return reading

    def lengths(
        self, line: int, texts: Mapping[str, str], limits: Mapping[str, int]
    ) -> None:
        for field, text in texts.items():
            limit = limits.get(field, MAX_EXTRA_LENGTH)
            if len(text) > limit:
                self.problem(
                    line,
                    field,
                    text[:40] + "…",
                    f"the text is {len(text)} characters long (expected at most {limit})",
                )

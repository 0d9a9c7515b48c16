"""Partial dates as official lists give them, and how to read them.

Lists give a birth or capture date as ``1990-05-17``, ``17.05.1990``, ``17/05/1990``,
``17-05-1990``, ``05.1990`` or only ``1990``; spreadsheets also hand over real dates
and Excel serial numbers. A :class:`PartialDate` keeps exactly what was known::

    PartialDate(1990, 5, 17)      # a full date
    PartialDate(1990, 5, None)    # month and year
    PartialDate(1990, None, None) # a year only

Day-first is the convention in Ukrainian and Russian documents, so ``05/06/1990`` is
the 5th of June; ISO ``YYYY-MM-DD`` is recognised by its four-digit first part.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["DateFormatError", "PartialDate", "parse_partial_date"]

# Excel's day zero (the 1900 leap-year bug means serials count from 1899-12-30).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_MIN_YEAR = 1900
_MAX_YEAR = 2100

_DAY_FIRST = re.compile(r"^(\d{1,2})[./\-\s](\d{1,2})[./\-\s](\d{4})$")
_ISO = re.compile(r"^(\d{4})[./\-](\d{1,2})[./\-](\d{1,2})$")
_MONTH_YEAR = re.compile(r"^(\d{1,2})[./\-](\d{4})$")
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})(?:\s*(?:р\.?|г\.?|рік|год|year))?$", re.IGNORECASE)
_ISO_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_EXCEL_SERIAL = re.compile(r"^\d{4,5}(?:\.0+)?$")


class DateFormatError(ValueError):
    """The text is not a date in any of the forms lists use."""


@dataclass(frozen=True, order=True, slots=True)
class PartialDate:
    """A date of which the year is known and perhaps the month and day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not _MIN_YEAR <= self.year <= _MAX_YEAR:
            raise DateFormatError(f"year {self.year} is out of range")
        if self.month is None and self.day is not None:
            raise DateFormatError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateFormatError(f"month {self.month} is out of range")
        if self.day is not None:
            assert self.month is not None
            try:
                dt.date(self.year, self.month, self.day)
            except ValueError as exc:
                raise DateFormatError(
                    f"{self.day:02d}.{self.month:02d}.{self.year} is not a calendar day"
                ) from exc

    @property
    def is_full(self) -> bool:
        return self.day is not None

    def isoformat(self) -> str:
        """``1990-05-17``, ``1990-05`` or ``1990``: the form stored and exported."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def as_date(self) -> dt.date | None:
        """The calendar date when it is fully known, else None."""
        if self.month is None or self.day is None:
            return None
        return dt.date(self.year, self.month, self.day)

    def earliest(self) -> dt.date:
        """The first day this partial date may stand for (for ages and durations)."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    @classmethod
    def from_date(cls, value: dt.date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    def __str__(self) -> str:
        return self.isoformat()


def parse_partial_date(value: object) -> PartialDate | None:
    """Read a date in any of the forms lists use; None for an empty cell.

    Accepts strings (see the module docstring), ``datetime.date`` / ``datetime`` objects
    as spreadsheets give them, and integer Excel serials. Raises :class:`DateFormatError`
    with a message saying what was expected when the value is not a date.
    """
    if type(value) is str:
        return _parse_cell(value)
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return PartialDate.from_date(value.date())
    if isinstance(value, dt.date):
        return PartialDate.from_date(value)
    if isinstance(value, bool):
        raise DateFormatError(f"{value!r} is not a date")
    if isinstance(value, int | float):
        return _from_excel_serial(float(value))
    text = str(value).strip()
    if not text:
        return None
    return _parse_text(text)


@lru_cache(maxsize=65_536)
def _parse_cell(cell: str) -> PartialDate | None:
    """The date a text cell holds, None when blank (cells repeat: cached as given).

    ``dd.mm.yyyy`` and ``yyyy-mm-dd``, the forms nearly every list uses, are read by
    position without the regular expressions; anything else goes to the full reader.
    """
    if len(cell) == 10 and cell.isascii():
        if cell[2] == "." and cell[5] == "." and cell[:2].isdigit():
            day, month, year = cell[:2], cell[3:5], cell[6:]
        elif cell[4] == "-" and cell[7] == "-" and cell[:4].isdigit():
            year, month, day = cell[:4], cell[5:7], cell[8:]
        else:
            day = ""
        if day and month.isdigit() and year.isdigit() and day.isdigit():
            return PartialDate(int(year), int(month), int(day))
    text = cell.strip()
    return _parse_text(text) if text else None


@lru_cache(maxsize=65_536)
def _parse_text(text: str) -> PartialDate:
    """The date a stripped, non-empty cell holds (birth dates repeat: cached)."""
    if m := _ISO_DATETIME.match(text):
        text = m.group(1)
    if m := _DAY_FIRST.match(text):
        return PartialDate(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if m := _ISO.match(text):
        return PartialDate(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _MONTH_YEAR.match(text):
        return PartialDate(int(m.group(2)), int(m.group(1)))
    if m := _YEAR_MONTH.match(text):
        return PartialDate(int(m.group(1)), int(m.group(2)))
    if m := _YEAR.match(text):
        return PartialDate(int(m.group(1)))
    if _EXCEL_SERIAL.match(text) and int(float(text)) > _MAX_YEAR:
        return _from_excel_serial(float(text))
    raise DateFormatError(
        f"{text!r} is not a date (expected 1990-05-17, 17.05.1990, 17/05/1990 or a year)"
    )


def _from_excel_serial(serial: float) -> PartialDate:
    if not 1 <= serial < 100_000:
        raise DateFormatError(f"{serial!r} is not a date")
    return PartialDate.from_date(_EXCEL_EPOCH + dt.timedelta(days=int(serial)))

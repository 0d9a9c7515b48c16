"""Ages in completed years on the agreement's reference date: the one age computation.

Eligibility, mandatory groups, weights and reasons all read a person's age through
:func:`age_on`, so a man is 18 from his 18th birthday on and not a day before, and
"aged 18 to 25" (``age_max = 25``) holds until the day before his 26th birthday.

- a full birth date: completed years by the calendar; a 29 February birth turns a year
  older on 1 March in a year without 29 February;
- a birth date of which only the year (and perhaps the month) is known: the age when
  every day it could be gives the same completed years, else unknown;
- no birth date: the ``age`` column of the list, read as completed years (its whole
  part), else unknown. An unknown age is in no age-bounded group and adds nothing to
  a weight on age; the plan warns how many persons that concerns.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = ["BirthDate", "age_on", "completed_years"]


@dataclass(frozen=True)
class BirthDate:
    """A birth date of which the year is known and perhaps the month and day."""

    year: int
    month: int | None = None
    day: int | None = None


def completed_years(born: dt.date, on: dt.date) -> int:
    """Whole years from ``born`` to ``on`` by the calendar (negative before birth)."""
    before_birthday = (on.month, on.day) < (born.month, born.day)
    return on.year - born.year - int(before_birthday)


def _earliest_latest(birth: BirthDate) -> tuple[dt.date, dt.date]:
    if birth.month is None:
        return dt.date(birth.year, 1, 1), dt.date(birth.year, 12, 31)
    if birth.day is None:
        first = dt.date(birth.year, birth.month, 1)
        following = dt.date(birth.year + birth.month // 12, birth.month % 12 + 1, 1)
        return first, following - dt.timedelta(days=1)
    day = dt.date(birth.year, birth.month, birth.day)
    return day, day


def age_on(
    birth: BirthDate | dt.date | None, on: dt.date, *, stated: float | None = None
) -> int | None:
    """Completed years on ``on``, or None when they are not known (module docstring)."""
    if birth is None:
        return None if stated is None else int(stated)
    if isinstance(birth, dt.date):
        return completed_years(birth, on)
    earliest, latest = _earliest_latest(birth)
    oldest, youngest = completed_years(earliest, on), completed_years(latest, on)
    return oldest if oldest == youngest else None

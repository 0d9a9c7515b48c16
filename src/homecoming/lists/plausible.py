"""Plausibility checks of a row's facts and names, beyond what each cell says alone.

Refusals (a :class:`RowProblem`): a birth or capture date after ``today``, a birth after
the capture. Warnings (kept apart, never a refusal): a military person aged outside
14-80 at capture (or today), and names that look damaged: mojibake (text decoded in
the wrong encoding), ``?`` or U+FFFD left by a lossy encoding, and formula-like text.

Partial dates are compared by the range of days they may stand for, so ``1990``
is after ``05.1990`` only when certainly so.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from homecoming.engines.linkage.dates import PartialDate

__all__ = [
    "MILITARY_AGES",
    "age_warning",
    "latest_day",
    "name_warning",
]

#: The ages a military prisoner plausibly has; outside them a row is worth a look.
MILITARY_AGES = (14, 80)

# KOI8-U read as Windows-1251 inverts case: "Коваленко" becomes "лПЧБМЕОЛП" (a
# lowercase letter, then capitals). UTF-8 read as Windows-1251 gives "РљРѕРІ..." (Р or
# С before a letter Ukrainian and Russian never write there). Windows-1251 read as
# Latin-1 gives "Êîâàëåíêî".
_KOI8_AS_1251 = re.compile(r"(?<![^\W\d_])[а-яёіїєґ][А-ЯЁІЇЄҐ]{2,}")
_UTF8_AS_1251 = re.compile(
    r"[РС][\u0402-\u040f\u0452-\u045f‚„…†‡€‰‹›‘’“”•–—™\u00a0-\u00bf]"
)
_1251_AS_LATIN1 = re.compile(r"[\u00c0-\u00ff]{3,}")
_LOSSY = re.compile(r"[?\ufffd]")
_FORMULA = ("=", "+", "@")


def latest_day(date: PartialDate) -> dt.date:
    """The last day ``date`` may stand for."""
    if date.month is None:
        return dt.date(date.year, 12, 31)
    if date.day is None:
        return dt.date(
            date.year, date.month, calendar.monthrange(date.year, date.month)[1]
        )
    return dt.date(date.year, date.month, date.day)


def _years(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def age_warning(
    birth: PartialDate, capture: PartialDate | None, today: dt.date
) -> str | None:
    """A sentence when a military person's age is certainly outside ``MILITARY_AGES``."""
    low, high = MILITARY_AGES
    if capture is not None:
        first, last, when = capture.earliest(), latest_day(capture), "at capture"
    else:
        first, last, when = today, today, "today"
    youngest = _years(latest_day(birth), first)
    oldest = _years(birth.earliest(), last)
    if oldest < low:
        return (
            f"a military person aged {oldest} {when} (born {birth}); expected "
            f"{low} to {high}: check the date"
        )
    if youngest > high:
        return (
            f"a military person aged {youngest} {when} (born {birth}); expected "
            f"{low} to {high}: check the date"
        )
    return None


def name_warning(text: str) -> str | None:
    """A sentence when a name looks damaged, else None."""
    if text.startswith(_FORMULA):
        return (
            f"{text!r} looks like a spreadsheet formula, not a name "
            "(check the cell in the original file)"
        )
    if _LOSSY.search(text):
        return (
            f"{text!r} has a '?' or '\ufffd' where a letter should be: the file was "
            "probably saved in an encoding that cannot hold that letter (save it as "
            "UTF-8)"
        )
    if (
        _KOI8_AS_1251.search(text)
        or len(_UTF8_AS_1251.findall(text)) >= 2
        or _1251_AS_LATIN1.search(text)
    ):
        return (
            f"{text!r} looks like text read in the wrong encoding (mojibake); check "
            "the file's encoding (save it as UTF-8)"
        )
    return None

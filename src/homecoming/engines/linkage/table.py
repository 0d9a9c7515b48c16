"""Records as the column table the Splink model reads (see :mod:`.comparisons`).

``unique_id`` is the record's position in its list, so scored pairs come back as
integer positions and the engine maps them to records without a join.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from homecoming.engines.linkage.dates import PartialDate
from homecoming.engines.linkage.normalise import place_keys
from homecoming.engines.linkage.records import LinkRecord

__all__ = ["record_columns"]


def record_columns(records: Sequence[LinkRecord]) -> dict[str, list[Any]]:
    """Column lists for ``records`` (a dict of equal-length lists, pyarrow-ready)."""
    # one pass per column: list comprehensions are several times faster than
    # appending to fourteen lists in one loop
    dates = [_date_columns(record.birth_date) for record in records]
    cols: dict[str, list[Any]] = {"unique_id": list(range(len(records)))}
    for col, attr in (
        ("sk", "surname_keys"),
        ("gk", "given_ids"),
        ("pk", "patronymic_ids"),
    ):
        keys = [getattr(record, attr) for record in records]
        cols[col] = [k[0] if k else None for k in keys]
        cols[f"{col}_all"] = [k or None for k in keys]  # pyarrow takes tuples
    for position, col in enumerate(("dob", "byear", "bmonth", "bday")):
        cols[col] = [d[position] for d in dates]
    cols["sn"] = [record.service_key or None for record in records]
    cols["unit"] = [record.unit_key or None for record in records]
    cols["sex"] = [record.sex for record in records]
    cols["cday"] = [_day_number(record.capture_date) for record in records]
    cols["cplace_all"] = [_place_keys(record.capture_place) for record in records]
    cols["cplace"] = [keys[0] if keys else None for keys in cols["cplace_all"]]
    return cols


@lru_cache(maxsize=65_536)
def _day_number(date: PartialDate | None) -> int | None:
    """Days since 1 January 1 of a complete capture date (None when partial)."""
    if date is None or date.month is None or date.day is None:
        return None
    try:
        return dt.date(date.year, date.month, date.day).toordinal()
    except ValueError:
        return None


@lru_cache(maxsize=65_536)
def _place_keys(place: str) -> tuple[str, ...] | None:
    """A settlement's keys, without the words around it ("с.", "м.", "район",
    "обл."): Бахмут, г. Бахмут and Bakhmut share a key. None when there is none."""
    return (place_keys(place) or None) if place else None


@lru_cache(maxsize=65_536)
def _date_columns(
    date: PartialDate | None,
) -> tuple[str | None, int | None, int | None, int | None]:
    """``dob`` (``YYYYMMDD`` when complete), year, month and day of a birth date."""
    if date is None:
        return None, None, None, None
    dob = (
        f"{date.year:04d}{date.month:02d}{date.day:02d}"
        if date.month is not None and date.day is not None
        else None
    )
    return dob, date.year, date.month, date.day

"""Records as the column table the Splink model reads (see :mod:`.comparisons`).

``unique_id`` is the record's position in its list, so scored pairs come back as
integer positions and the engine maps them to records without a join.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from homecoming.engines.linkage.records import LinkRecord

__all__ = ["record_columns"]


def record_columns(records: Sequence[LinkRecord]) -> dict[str, list[Any]]:
    """Column lists for ``records`` (a dict of equal-length lists, pyarrow-ready)."""
    cols: dict[str, list[Any]] = {
        name: []
        for name in (
            "unique_id", "sk", "sk_all", "gk", "gk_all", "pk", "pk_all",
            "dob", "byear", "bmonth", "bday", "sn", "unit", "sex",
        )
    }  # fmt: skip
    for position, record in enumerate(records):
        cols["unique_id"].append(position)
        for col, keys in (
            ("sk", record.surname_keys),
            ("gk", record.given_ids),
            ("pk", record.patronymic_ids),
        ):
            cols[col].append(keys[0] if keys else None)
            cols[f"{col}_all"].append(list(keys) if keys else None)
        date = record.birth_date
        cols["byear"].append(date.year if date else None)
        cols["bmonth"].append(date.month if date else None)
        cols["bday"].append(date.day if date else None)
        cols["dob"].append(
            f"{date.year:04d}{date.month:02d}{date.day:02d}"
            if date is not None and date.month is not None and date.day is not None
            else None
        )
        cols["sn"].append(record.service_key or None)
        cols["unit"].append(record.unit_key or None)
        cols["sex"].append(record.sex)
    return cols

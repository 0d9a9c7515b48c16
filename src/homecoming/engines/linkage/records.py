"""The record the linkage engine compares: particulars as written, keys beside them.

A :class:`LinkRecord` keeps every name exactly as the list wrote it and adds the names
engine's keys (surname spellings folded across scripts and schemes, canonical given-name
ids, the father's given-name id read from the patronymic) and the normalised service
number and unit::

    LinkRecord(record_id="17", surname="Ковальчук", given_name="Олександр",
               patronymic="Іванович", birth_date=PartialDate(1990, 5, 17),
               service_number="АВ 123456", unit="в/ч А1234", sex="m",
               surname_keys=("kovalchuk",), given_ids=("aleksandr",),
               patronymic_ids=("ivan",), service_key="AB123456", unit_key="A1234")

:func:`link_record` builds one from a list row (a full-name-only row is parsed first);
:func:`build_records` builds a list's, a column at a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from homecoming.engines.linkage.dates import PartialDate
from homecoming.engines.linkage.normalise import (
    normalise_service_number,
    normalise_unit,
)
from homecoming.engines.names import (
    NameKeys,
    PersonName,
    name_keys,
    parse_full_name,
    surname_keys,
)
from homecoming.engines.names.sex import sex_of

__all__ = [
    "KeyColumns",
    "LinkRecord",
    "assemble_records",
    "build_records",
    "key_columns",
    "link_record",
]


class LinkRecord(NamedTuple):
    """One person on a list, as written, with the keys linkage compares.

    ``surname``, ``given_name`` and ``patronymic`` are the list's fields, or the parts
    read from ``full_name`` when the row gave only that (``full_name`` keeps the cell).

    A named tuple rather than a frozen dataclass: as immutable, but made in C, and
    a list of 100,000 rows makes 100,000 of them (a frozen dataclass sets each of its
    fourteen fields through ``object.__setattr__``: a third of building the records
    of a worker's chunks, which the parent does on the critical path).
    """

    record_id: str
    surname: str = ""
    given_name: str = ""
    patronymic: str = ""
    full_name: str = ""
    birth_date: PartialDate | None = None
    sex: str | None = None
    service_number: str = ""
    unit: str = ""
    surname_keys: tuple[str, ...] = ()
    given_ids: tuple[str, ...] = ()
    patronymic_ids: tuple[str, ...] = ()
    service_key: str = ""
    unit_key: str = ""
    # when and where the person was captured (or went missing), as this list says:
    # each side records its own day (the family's last contact, the unit's report,
    # the detaining side's registration), so near dates are evidence too
    capture_date: PartialDate | None = None
    capture_place: str = ""

    @property
    def written_name(self) -> str:
        """The name as the list wrote it (the full-name cell when that was all)."""
        parts = [self.surname, self.given_name, self.patronymic]
        return " ".join(p for p in parts if p) or self.full_name


@lru_cache(maxsize=200_000)
def _parsed(full_name: str) -> tuple[str, str, str]:
    name = parse_full_name(full_name)
    return name.surname, name.given_name, name.patronymic


# Keys per part, cached on the text itself: surnames and given-name/patronymic pairs
# repeat across a list, so the caches answer most rows (the keys of one part do not
# depend on the other), and a string key hashes faster than a PersonName. (Surnames
# go to the names engine's surname_keys, which caches them itself.)
@lru_cache(maxsize=200_000)
def _given_keys(
    given_name: str, patronymic: str
) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    keys: NameKeys = name_keys(PersonName(given_name=given_name, patronymic=patronymic))
    return tuple(keys.given), tuple(keys.patronymic), keys.sex


_unit_key = lru_cache(maxsize=100_000)(normalise_unit)


def link_record(
    record_id: str,
    *,
    surname: str = "",
    given_name: str = "",
    patronymic: str = "",
    full_name: str = "",
    birth_date: PartialDate | None = None,
    sex: str = "",
    service_number: str = "",
    unit: str = "",
    capture_date: PartialDate | None = None,
    capture_place: str = "",
) -> LinkRecord:
    """Build a :class:`LinkRecord` from a list row's particulars.

    When the row gives no separate name fields, ``full_name`` is parsed by the names
    engine (any order, inflected forms lemmatised). The written text is kept as given.
    Raises the names engine's ``NamesError`` when a name cannot be read at all.
    """
    row = {
        "record_id": record_id, "surname": surname, "given_name": given_name,
        "patronymic": patronymic, "full_name": full_name, "birth_date": birth_date,
        "sex": sex, "service_number": service_number, "unit": unit,
        "capture_date": capture_date, "capture_place": capture_place,
    }  # fmt: skip
    return build_records([row])[0]


def build_records(rows: Sequence[Mapping[str, Any]]) -> list[LinkRecord]:
    """``[link_record(**row) for row in rows]``, worked out a column at a time.

    The same records with a sixth less work on long lists (measured on the 50k
    benchmark, names parsed and keyed from cold): list comprehensions over each
    field instead of a keyword call per row. Raises ``TypeError`` for a row that
    :func:`link_record` would not take (no ``record_id``, a field it does not know).
    """
    return assemble_records(rows, key_columns(rows))


# What key_columns works out for a run of rows, a column each: the name parts (read
# from the full name where the row gave only that), the sex, then the keys.
KeyColumns = tuple[
    list[str], list[str], list[str], list[str | None],
    list[tuple[str, ...]], list[tuple[str, ...]], list[tuple[str, ...]],
    list[str], list[str],
]  # fmt: skip

_FIELDS = frozenset(
    ("record_id", "surname", "given_name", "patronymic", "full_name", "birth_date",
     "sex", "service_number", "unit", "capture_date", "capture_place")
)  # fmt: skip


def key_columns(rows: Sequence[Mapping[str, Any]]) -> KeyColumns:
    """The names work for ``rows`` (the slow part of building records), as columns.

    A forked worker sends these back for its rows (:mod:`.bulk`): lists of strings
    and tuples pickle fast, and the text as written is taken from the rows again.
    """
    for row in rows:
        if not _FIELDS.issuperset(row):
            unknown = sorted(set(row) - _FIELDS)[0]
            raise TypeError(f"link_record() got an unexpected field {unknown!r}")
        if "record_id" not in row:
            raise TypeError("link_record() needs a record_id for every row")
    surnames = [row.get("surname", "").strip() for row in rows]
    givens = [row.get("given_name", "").strip() for row in rows]
    patronymics = [row.get("patronymic", "").strip() for row in rows]
    for i, full_name in enumerate([row.get("full_name", "") for row in rows]):
        if full_name and not (surnames[i] or givens[i] or patronymics[i]):
            full_name = full_name.strip()
            if full_name:
                surnames[i], givens[i], patronymics[i] = _parsed(full_name)
    # surname_keys is name_keys(...).surname, cached on the text by the names engine
    surname_keyed = [surname_keys(surname) if surname else () for surname in surnames]
    given_keyed = list(map(_given_keys, givens, patronymics))
    sexes = [
        (sex_of(sex) if sex else None) or keyed[2]
        for sex, keyed in zip(
            [row.get("sex", "") for row in rows], given_keyed, strict=True
        )
    ]
    service_keys = [
        normalise_service_number(number) if number else ""
        for number in [row.get("service_number", "") for row in rows]
    ]
    unit_keys = [
        _unit_key(unit) if unit else ""
        for unit in [row.get("unit", "") for row in rows]
    ]
    return (
        surnames, givens, patronymics, sexes, surname_keyed,
        [keyed[0] for keyed in given_keyed], [keyed[1] for keyed in given_keyed],
        service_keys, unit_keys,
    )  # fmt: skip


def assemble_records(
    rows: Sequence[Mapping[str, Any]], keyed: KeyColumns
) -> list[LinkRecord]:
    """The records of ``rows`` from their :func:`key_columns` (made here or by a
    worker); the text as written is taken from the rows, stripped."""
    (
        surnames, givens, patronymics, sexes,
        surname_keyed, given_ids, patronymic_ids, service_keys, unit_keys,
    ) = keyed  # fmt: skip
    return list(
        map(
            LinkRecord,  # in field order: 100,000s are made per list
            [row["record_id"] for row in rows], surnames, givens, patronymics,
            [row.get("full_name", "").strip() for row in rows],
            [row.get("birth_date") for row in rows], sexes,
            [row.get("service_number", "").strip() for row in rows],
            [row.get("unit", "").strip() for row in rows],
            surname_keyed, given_ids, patronymic_ids, service_keys, unit_keys,
            [row.get("capture_date") for row in rows],
            [row.get("capture_place", "").strip() for row in rows],
        )
    )  # fmt: skip

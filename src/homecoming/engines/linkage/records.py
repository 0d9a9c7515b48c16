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

:func:`link_record` builds one from a list row (a full-name-only row is parsed first).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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

__all__ = ["LinkRecord", "link_record", "read_sex"]

_SEX_WORDS = {
    "m": "m", "male": "m", "м": "m", "ч": "m", "чол": "m", "чоловіча": "m",
    "чоловік": "m", "муж": "m", "мужской": "m", "мужчина": "m",
    "f": "f", "female": "f", "ж": "f", "жін": "f", "жіноча": "f", "жінка": "f",
    "жен": "f", "женский": "f", "женщина": "f",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class LinkRecord:
    """One person on a list, as written, with the keys linkage compares.

    ``surname``, ``given_name`` and ``patronymic`` are the list's fields, or the parts
    read from ``full_name`` when the row gave only that (``full_name`` keeps the cell).
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

    @property
    def written_name(self) -> str:
        """The name as the list wrote it (the full-name cell when that was all)."""
        parts = [self.surname, self.given_name, self.patronymic]
        return " ".join(p for p in parts if p) or self.full_name


def read_sex(text: str) -> str | None:
    """``"m"``, ``"f"`` or None from the words lists use (ч, ж, м, male, жін., ...)."""
    return _SEX_WORDS.get(text.strip().lower().rstrip("."))


@lru_cache(maxsize=200_000)
def _parsed(full_name: str) -> tuple[str, str, str]:
    name = parse_full_name(full_name)
    return name.surname, name.given_name, name.patronymic


# Keys per part, cached on the text itself: surnames and given-name/patronymic pairs
# repeat across a list, so the caches answer most rows (the keys of one part do not
# depend on the other), and a string key hashes faster than a PersonName.


@lru_cache(maxsize=200_000)
def _given_keys(
    given_name: str, patronymic: str
) -> tuple[tuple[str, ...], tuple[str, ...], str | None]:
    keys: NameKeys = name_keys(PersonName(given_name=given_name, patronymic=patronymic))
    return tuple(keys.given), tuple(keys.patronymic), keys.sex


_unit_key = lru_cache(maxsize=100_000)(normalise_unit)
_sex_word = lru_cache(maxsize=1024)(read_sex)


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
) -> LinkRecord:
    """Build a :class:`LinkRecord` from a list row's particulars.

    When the row gives no separate name fields, ``full_name`` is parsed by the names
    engine (any order, inflected forms lemmatised). The written text is kept as given.
    Raises the names engine's ``NamesError`` when a name cannot be read at all.
    """
    surname, given_name, patronymic = (
        surname.strip(),
        given_name.strip(),
        patronymic.strip(),
    )
    full_name = full_name.strip()
    if not (surname or given_name or patronymic) and full_name:
        surname, given_name, patronymic = _parsed(full_name)
    # surname_keys is name_keys(...).surname, cached on the text by the names engine
    surnames = surname_keys(surname) if surname else ()
    given_ids, patronymic_ids, keyed_sex = _given_keys(given_name, patronymic)
    # positional, in field order: a list of 100,000 rows makes 100,000 of these
    return LinkRecord(
        record_id,
        surname,
        given_name,
        patronymic,
        full_name,
        birth_date,
        (_sex_word(sex) if sex else None) or keyed_sex,
        service_number.strip(),
        unit.strip(),
        surnames,
        given_ids,
        patronymic_ids,
        normalise_service_number(service_number) if service_number else "",
        _unit_key(unit) if unit else "",
    )

"""Comparison keys of a person's name, for blocking and comparing across scripts.

``name_keys(parse_full_name("Ковальчук Олександр Іванович"))`` and
``name_keys(parse_full_name("KOVALCHUK Aleksandr Ivanovich"))`` are equal::

    NameKeys(surname=("kovalchuk",), given=("aleksandr",), patronymic=("ivan",),
             sex="m", given_initials=("a", "o"), patronymic_initials=("i",))

- ``surname``: primary folded key first (:func:`.fold_surname`), then alternatives;
- ``given``: canonical ids of the given-name table (``aleksandr`` for Олександр,
  Александр, Oleksandr, Alexander); an unknown name keys as its folded spelling;
  ``()`` when absent or only an initial;
- ``patronymic``: id of the father's given name (Олексійович, Алексеевич,
  Oleksiiovych -> ``aleksei``); ``()`` when absent or not understood;
- ``sex``: from the patronymic's ending, else from the table, else None;
- ``given_initials`` / ``patronymic_initials``: folded first letters the name may be
  abbreviated to in either language (Олександр -> o, Александр -> a), so an initial on
  one list can be checked against a full name on the other.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from homecoming.engines.names.folding import fold_word
from homecoming.engines.names.given import (
    given_name_id,
    given_name_initials,
    given_name_sex,
    patronymic_info,
)
from homecoming.engines.names.parsing import PersonName
from homecoming.engines.names.surnames import surname_keys
from homecoming.engines.names.table import name_table

_INITIALS_ONLY = re.compile(r"^(?:[^\W\d_]\.?[\s\-]*)+$")
_PARTICLES = frozenset(
    ("оглы", "огли", "оглу", "кызы", "кизи", "ogly", "oglu", "ogli", "kyzy", "kyzi")
)


@dataclass(frozen=True)
class NameKeys:
    """ASCII keys of one name; equal keys mean "the same name", whatever the script."""

    surname: tuple[str, ...]
    given: tuple[str, ...]
    patronymic: tuple[str, ...]
    sex: str | None
    given_initials: tuple[str, ...] = ()
    patronymic_initials: tuple[str, ...] = ()


@lru_cache(maxsize=4096)
def _is_initials(text: str) -> bool:
    return all(len(word.strip(".")) <= 1 for word in text.split()) and bool(
        _INITIALS_ONLY.match(text.strip())
    )


@lru_cache(maxsize=65536)
def _patronymic_keys(text: str) -> tuple[tuple[str, ...], str | None, tuple[str, ...]]:
    words = text.split()
    if not words:
        return (), None, ()
    if _is_initials(text):
        letter = fold_word(words[0])[:1]
        return (), None, (letter,) if letter else ()
    if len(words) > 1 and words[-1].lower() in _PARTICLES:
        # Turkic patronymics: "Гусейн оглы" (son of Гусейн), "кызы" (daughter of).
        daughter = words[-1].lower() in ("кызы", "кизи", "kyzy", "kyzi")
        father = " ".join(words[:-1])
        return (
            given_name_id(father),
            "f" if daughter else "m",
            given_name_initials(father),
        )
    ids, sex = patronymic_info(text)
    table = name_table()
    letters = {fold_word(text)[:1]}
    for row_id in ids:
        letters.update(table.initials.get(row_id, (row_id[:1],)))
    letters.discard("")
    return ids, sex, tuple(sorted(letters))


@lru_cache(maxsize=262144)
def name_keys(name: PersonName) -> NameKeys:
    """The comparison keys of ``name``; deterministic, cached, never raises."""
    if name.given_name.strip() and _is_initials(name.given_name):
        given: tuple[str, ...] = ()
        given_initials: tuple[str, ...] = (fold_word(name.given_name.split()[0])[:1],)
        given_initials = tuple(letter for letter in given_initials if letter)
    else:
        given = given_name_id(name.given_name)
        given_initials = given_name_initials(name.given_name)
    father, sex, patronymic_initials = _patronymic_keys(name.patronymic)
    if sex is None and given:
        sex = given_name_sex(name.given_name)
    return NameKeys(
        surname=surname_keys(name.surname),
        given=given,
        patronymic=father,
        sex=sex,
        given_initials=given_initials,
        patronymic_initials=patronymic_initials,
    )

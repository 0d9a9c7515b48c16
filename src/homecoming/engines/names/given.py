"""Given names and patronymics as canonical ids of the given-name table.

``given_name_id("Олександр") == given_name_id("Aleksandr") == ("aleksandr",)``;
``father_name_id("Олексіївна") == father_name_id("Alekseevich") == ("aleksei",)``.
A name the table does not know keys as its folded spelling (``("bohumil",)``), so two
spellings of one unknown name still compare equal, and an already-keyed id keys as itself.
"""

from __future__ import annotations

import re
from functools import lru_cache

from homecoming.engines.names.folding import fold_word
from homecoming.engines.names.table import name_table

_PARTS = re.compile(r"[\s\-‐–—]+")
# Folded endings of patronymics, longest first, with the sex they mark.
_PATRONYMIC_ENDINGS = (
    ("inichna", "f"), ("ichna", "f"), ("ovna", "f"), ("evna", "f"), ("ivna", "f"),
    ("ovich", "m"), ("evich", "m"), ("ich", "m"),
)  # fmt: skip
# What the father's name may have ended with before the patronymic ending was added.
_STEM_ENDINGS = ("", "i", "o", "a", "ei", "ai", "ii")


def _words(text: str) -> list[str]:
    return [part for part in _PARTS.split(text) if part.strip(".,;:()")]


@lru_cache(maxsize=131072)
def given_name_id(text: str) -> tuple[str, ...]:
    """Canonical ids of a given name (each word of a double name), unknown ones folded.

    More than one id when the spelling is ambiguous; ``()`` when ``text`` has no letters.
    """
    table = name_table()
    ids: list[str] = []
    for word in _words(text):
        key = fold_word(word)
        if not key:
            continue
        for found in table.given_index.get(key, (key,)):
            if found not in ids:
                ids.append(found)
    return tuple(ids)


@lru_cache(maxsize=131072)
def is_known_given_name(word: str) -> bool:
    """True when the table knows ``word`` (in any script or scheme) as a given name."""
    return fold_word(word) in name_table().given_index


@lru_cache(maxsize=65536)
def given_name_sex(text: str) -> str | None:
    """``"m"`` or ``"f"`` when every id of the (first) given name agrees, else None."""
    table = name_table()
    words = _words(text)
    if not words:
        return None
    ids = table.given_index.get(fold_word(words[0]), ())
    sexes = {table.by_id[row_id].sex for row_id in ids}
    return sexes.pop() if len(sexes) == 1 else None


@lru_cache(maxsize=65536)
def given_name_initials(text: str) -> tuple[str, ...]:
    """Folded first letters of every form of the name (``("a", "o")`` for Олександр).

    For an initial such as ``"О."`` it is that letter folded; lets an initial on one
    side be compared with a full name on the other, across languages.
    """
    table = name_table()
    letters: set[str] = set()
    for word in _words(text)[:1]:
        key = fold_word(word)
        letters.add(key[:1])
        for row_id in table.given_index.get(key, ()):
            letters.update(table.initials[row_id])
    letters.discard("")
    return tuple(sorted(letters))


def _patronymic_ending(key: str) -> tuple[str, str] | None:
    for ending, sex in _PATRONYMIC_ENDINGS:
        if key.endswith(ending) and len(key) > len(ending) + 1:
            return ending, sex
    return None


def _tabled_fathers(key: str) -> tuple[tuple[str, ...], str | None] | None:
    """Father ids from the table for a folded patronymic, with its sex; None if unknown."""
    table = name_table()
    if key in table.father_index:
        ids, sex = table.father_index[key]
        return ids, sex or None
    found = _patronymic_ending(key)
    if found is None:
        return None
    ending, sex = found
    stem = key[: -len(ending)]
    for extra in _STEM_ENDINGS:
        candidate = fold_word(stem + extra)
        ids = tuple(
            row_id
            for row_id in table.given_index.get(candidate, ())
            if table.by_id[row_id].sex == "m"
        )
        if ids:
            return ids, sex
    return None


@lru_cache(maxsize=131072)
def patronymic_info(text: str) -> tuple[tuple[str, ...], str | None]:
    """The father's name ids and the sex a patronymic marks.

    Known patronymics (formed by rule from every name of the table, in both languages,
    in any script) are looked up; otherwise the ending is cut and the stem looked up as
    a masculine given name, and failing that the folded stem itself is the key
    (Вонович, Vonovych -> ``("von",)``). ``((), None)`` when the text is not a
    patronymic.
    """
    key = fold_word(text)
    tabled = _tabled_fathers(key)
    if tabled is not None:
        return tabled
    found = _patronymic_ending(key)
    if found is None:
        return (), None
    ending, sex = found
    stem = key[: -len(ending)]
    return ((stem,) if len(stem) > 1 else ()), sex


@lru_cache(maxsize=131072)
def is_known_patronymic(word: str) -> bool:
    """True when ``word`` is a patronymic of a name in the table (any script, any sex)."""
    return _tabled_fathers(fold_word(word)) is not None


def father_name_id(text: str) -> tuple[str, ...]:
    """Canonical ids of the father's given name that the patronymic was formed from."""
    return patronymic_info(text)[0]


@lru_cache(maxsize=131072)
def looks_like_patronymic(word: str) -> bool:
    """True when ``word`` has the form of a patronymic (a known one, or its ending)."""
    key = fold_word(word)
    return key in name_table().father_index or _patronymic_ending(key) is not None

"""Split one full-name field into surname, given name and patronymic.

Lists give "ШЕВЧЕНКО Олександр Іванович", "Олександр Іванович Шевченко", "Shevchenko
Oleksandr", "Oleksandr Shevchenko", "Шевченко О.І." or, in Russian documents, the
genitive "Ковальчука Олександра Петровича". Each word is scored for each role:

- patronymic: has the form of a patronymic (-ович, -евич, -івна, -овна, -ична, Ilyich,
  a patronymic of a tabled name in any script), or is an initial after the given name;
- given name: is a name of the given-name table (in any script), or an initial;
- surname: is written in capitals in a mixed-case field, has a surname ending
  (-енко, -чук, -ський, -ов ...), or is not a known given name.

The best-scoring of the usual orders wins (surname first, surname last, with or without
patronymic); ties go to surname first for Cyrillic and to given name first for Latin,
as documents in those scripts write them. Every word is kept, as written, in one of the
three fields; only an inflected name (found by its patronymic) is brought back to the
nominative (see :mod:`.inflection`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from homecoming.engines.names.folding import fold_word
from homecoming.engines.names.given import (
    is_known_given_name,
    is_known_patronymic,
    looks_like_patronymic,
)
from homecoming.engines.names.inflection import (
    Case,
    given_name_nominative,
    patronymic_case,
    surname_nominative,
)
from homecoming.engines.names.scripts import Script, detect_script


@dataclass(frozen=True)
class PersonName:
    """A person's name as written (in its own script), split into its three parts.

    Inflected forms are brought back to the nominative; nothing else is changed:
    case, script, hyphens and initials stay as the document wrote them.
    """

    surname: str = ""
    given_name: str = ""
    patronymic: str = ""


_INITIAL = re.compile(r"^[^\W\d_]\.?$")
_GLUED_INITIALS = re.compile(r"^(?:[^\W\d_]\.){2,3}$")
_TOKEN = re.compile(r"[^\s,;]+")
_PATRONYMIC_PARTICLES = frozenset(
    ("оглы", "огли", "оглу", "кызы", "кизи", "ogly", "oglu", "ogli", "kyzy", "kyzi")
)
_SURNAME_ENDINGS = (
    "enko", "chuk", "iuk", "uk", "ak", "ski", "cki", "ov", "ev", "in", "ova", "eva",
    "ina", "skaia", "ska", "ckaia", "cka", "ets", "ec", "ko", "ich", "ian", "ian", "idze",
)  # fmt: skip

# Orders a full name is written in, as roles per word: S surname, G given, P patronymic.
_ORDERS: dict[int, tuple[tuple[str, ...], ...]] = {
    1: (("S",), ("G",)),
    2: (("S", "G"), ("G", "S"), ("G", "P"), ("S", "P")),
    3: (("S", "G", "P"), ("G", "P", "S"), ("G", "S", "P"), ("G", "G", "S")),
}


class _Word(NamedTuple):
    """What the scoring looks at in one word (not the word itself, so orders cache).

    A named tuple rather than a dataclass: :func:`_assign` is cached on tuples of
    these, and a tuple hashes and compares in C (a dataclass's ``__hash__`` and
    ``__eq__`` are Python calls, a third of a warm parse).
    """

    initial: bool
    upper: bool
    known_given: bool
    patronymic: bool
    known_patronymic: bool
    surname_ending: bool


def _split_words(text: str) -> list[str]:
    words: list[str] = []
    for token in _TOKEN.findall(text):
        token = token.strip('()[]"«»')
        if not token:
            continue
        if _GLUED_INITIALS.match(token):
            words.extend(part + "." for part in token.split(".") if part)
        elif (
            words
            and token.lower() in _PATRONYMIC_PARTICLES
            and not _INITIAL.match(words[-1])
        ):
            words[-1] = words[-1] + " " + token
        else:
            words.append(token)
    return words


@lru_cache(maxsize=131072)
def _describe(
    text: str, lemma_given: str, lemma_patronymic: str, mixed_case: bool
) -> _Word:
    key = fold_word(text)
    return _Word(
        initial=bool(_INITIAL.match(text)),
        upper=mixed_case and text.isupper() and sum(map(str.isalpha, text)) > 1,
        known_given=is_known_given_name(lemma_given),
        patronymic=looks_like_patronymic(lemma_patronymic.split(" ")[0])
        or " " in lemma_patronymic,
        known_patronymic=is_known_patronymic(lemma_patronymic.split(" ")[0])
        or " " in lemma_patronymic,
        surname_ending=key.endswith(_SURNAME_ENDINGS),
    )


def _score(role: str, word: _Word, position: int, roles: tuple[str, ...]) -> float:
    if role == "S":
        if word.initial:
            return -10.0
        score = 2.0 * word.upper + 1.0 * word.surname_ending
        # Surnames in -ич/-ович exist (Бабич, Петрович); a patronymic of a tabled name
        # counts against the surname more than the bare ending does.
        score -= 2.5 * word.known_given + 1.0 * word.patronymic
        return score - 2.0 * word.known_patronymic
    if role == "G":
        if word.initial:
            return 1.0
        return 3.0 * word.known_given - 3.0 * word.patronymic - 2.0 * word.upper
    # The patronymic follows the given name, or is an initial after an initial.
    if position == 0 or roles[position - 1] != "G":
        return -10.0
    if word.initial:
        return 2.0
    if word.known_patronymic:
        return 4.0
    return 2.5 if word.patronymic else -4.0 - 2.0 * word.upper


def _prior(roles: tuple[str, ...], latin: bool) -> float:
    if "S" not in roles and len(roles) > 1:
        return -3.0  # lists name people by surname; a field without one is rare
    if roles[0] == "S":
        return 0.0 if latin else 0.5
    return 0.5 if latin and roles[-1] == "S" else 0.0


@lru_cache(maxsize=4096)
def _assign(words: tuple[_Word, ...], latin: bool) -> tuple[str, ...]:
    """The best-scoring order of roles for words with these features."""
    count = len(words)
    if count in _ORDERS:
        orders = _ORDERS[count]
    else:
        # Longer fields: a double given name or a surname of several words. The
        # patronymic, when one has its form, is the last word (or the first after S).
        middle = ("G",) * (count - 2)
        orders = (
            ("S", *middle, "P"),
            ("S",) + ("G",) * (count - 1),
            ("G",) * (count - 2) + ("P", "S"),
            ("G",) * (count - 1) + ("S",),
        )
    best = orders[0]
    best_score = float("-inf")
    for roles in orders:
        score = _prior(roles, latin) + sum(
            _score(role, word, position, roles)
            for position, (role, word) in enumerate(zip(roles, words, strict=True))
        )
        if score > best_score:
            best, best_score = roles, score
    return best


def _inflection(words: list[str]) -> tuple[Case, str, int] | None:
    """Case, sex and position of an inflected patronymic among the words, if any."""
    for position, word in enumerate(words):
        found = patronymic_case(word)
        if found is not None and looks_like_patronymic(found[2]):
            return found[0], found[1], position
    return None


@lru_cache(maxsize=65536)
def parse_full_name(text: str) -> PersonName:
    """Split a full-name field written in any order into a :class:`PersonName`.

    Never raises on a string; an empty or letterless field gives ``PersonName()``.
    """
    words = _split_words(text)
    if not words:
        return PersonName()
    script = detect_script(text)
    latin = script is Script.LATIN
    russian = script is not Script.UK
    inflected = _inflection(words)
    mixed_case = not text.isupper()
    if inflected is None:
        # the usual case, a name in the nominative: every word is kept as written
        roles = _assign(
            tuple([_describe(word, word, word, mixed_case) for word in words]), latin
        )
        return _joined(roles, words)
    case, sex, where = inflected
    described: list[_Word] = []
    lemmas_given: list[str] = []
    lemmas_patronymic: list[str] = []
    for position, word in enumerate(words):
        lemma_given = given_name_nominative(word, case, sex, russian=russian)
        lemma_patronymic = word
        if position == where:
            found = patronymic_case(word)
            lemma_patronymic = found[2] if found else word
        lemmas_given.append(lemma_given)
        lemmas_patronymic.append(lemma_patronymic)
        described.append(_describe(word, lemma_given, lemma_patronymic, mixed_case))
    roles = _assign(tuple(described), latin)
    nominative: list[str] = []
    for position, (role, word) in enumerate(zip(roles, words, strict=True)):
        if role == "G":
            nominative.append(lemmas_given[position])
        elif role == "P":
            nominative.append(lemmas_patronymic[position])
        else:
            nominative.append(surname_nominative(word, case, sex, russian=russian))
    return _joined(roles, nominative)


def _joined(roles: tuple[str, ...], words: list[str]) -> PersonName:
    """The words given each role, joined in their order."""
    parts: dict[str, list[str]] = {"S": [], "G": [], "P": []}
    for role, word in zip(roles, words, strict=True):
        parts[role].append(word)
    return PersonName(
        surname=" ".join(parts["S"]),
        given_name=" ".join(parts["G"]),
        patronymic=" ".join(parts["P"]),
    )

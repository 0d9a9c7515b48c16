"""Surname keys, and the Russian renderings of Ukrainian surnames.

Surnames are mapped letter by letter between the two languages, so the folded key of
:mod:`.folding` already joins most pairs (Хмельницький/Хмельницкий, Сергієнко/Сергиенко,
Лисенко/Лысенко). What letters cannot join is listed here:

- vowel changes a Russian clerk undoes (Білий/Белый, Чорний/Черный, Сокіл/Сокол) and
  the rare translated surname (Вовк/Волк): the Ukrainian key is replaced by the Russian
  one in the primary key, for Cyrillic and Latin spellings alike;
- Ukrainian -ьов/-йов against Russian -ев/-ёв (Ковальов/Ковалёв, Kovalov/Kovalev): an
  alternative key, because -ов is also the ending of Орлов or Іванов.

``russian_renderings("Хмельницький")`` spells out the Russian forms a clerk writes.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from homecoming.engines.names.folding import fold_word
from homecoming.engines.names.scripts import Script, detect_script

# Ukrainian surname -> the Russian form of the same surname when the letters differ by
# more than the letter rules. Whole surnames only, and none so short that another word
# folds onto it (Ліс/Лес would turn Лис, a different surname, into Лес).
_UNDONE_VOWEL_CHANGES = (
    ("Білий", "Белый"), ("Біленко", "Беленко"), ("Білик", "Белик"),
    ("Білоус", "Белоус"), ("Білецький", "Белецкий"), ("Біляк", "Беляк"),
    ("Чорний", "Черный"), ("Чорновол", "Черновол"), ("Чорновіл", "Черновол"),
    ("Чорноус", "Черноус"), ("Чорненко", "Черненко"), ("Чорнобай", "Чернобай"),
    ("Сірий", "Серый"), ("Сірко", "Серко"), ("Сіренко", "Серенко"),
    ("Сокіл", "Сокол"),
    ("Лебідь", "Лебедь"), ("Гребінь", "Гребень"), ("Кисіль", "Кисель"),
    ("Вітер", "Ветер"), ("Рудий", "Рудой"), ("Вовк", "Волк"),
    ("Ничипоренко", "Нечипоренко"), ("Ничипорук", "Нечипорук"),
    ("Ковальов", "Ковалёв"), ("Соловйов", "Соловьёв"), ("Воробйов", "Воробьёв"),
    ("Корольов", "Королёв"), ("Журавльов", "Журавлёв"), ("Пугачов", "Пугачёв"),
    ("Горбачов", "Горбачёв"), ("Хрущов", "Хрущёв"), ("Ковальова", "Ковалёва"),
    ("Олійник", "Олейник"), ("Заєць", "Заяц"), ("Пасічник", "Пасечник"),
    ("Різник", "Резник"), ("Кривоніс", "Кривонос"), ("Підгорний", "Подгорный"),
    ("Біла", "Белая"), ("Чорна", "Черная"), ("Сіра", "Серая"), ("Цьомик", "Цёмик"),
    ("Єрьоменко", "Ерёменко"),
)  # fmt: skip
_PARTS = re.compile(r"[\s\-‐–—]+")


@cache
def _vowel_change_keys() -> dict[str, str]:
    return {fold_word(uk): fold_word(ru) for uk, ru in _UNDONE_VOWEL_CHANGES}


@lru_cache(maxsize=262144)
def fold_surname(text: str) -> str:
    """The primary ASCII key of a surname: equal for its Ukrainian, Russian and Latin forms.

    Deterministic and idempotent (``fold_surname(fold_surname(s)) == fold_surname(s)``).
    Parts of a double surname are written together (Петров-Водкін -> ``petrovvodkin``).
    """
    key = fold_word(text)
    key = _vowel_change_keys().get(key, key)
    # Russian feminine -ая (-ская, Белая) against Ukrainian -а (-ська, Біла).
    while key.endswith("aia") and len(key) > 4:
        key = key[:-2]
    return _vowel_change_keys().get(key, key)


@lru_cache(maxsize=131072)
def surname_keys(text: str) -> tuple[str, ...]:
    """Primary key first, then plausible alternatives; ``()`` when ``text`` has no letters.

    Alternatives: -ov read as -ev (Ukrainian -ьов for Russian -ёв written -ев; not for
    text that is recognisably Russian, where -ов is just -ов), and each
    part of a double surname on its own.
    """
    primary = fold_surname(text)
    if not primary:
        return ()
    keys = [primary]
    ov_ending = primary.endswith(("ov", "ova"))
    alternation = _vowel_alternation_keys(primary)
    if ov_ending or alternation:
        script = detect_script(text)
        if ov_ending and script in (Script.UK, Script.LATIN):
            cut = primary.rfind("ov")
            keys.append(primary[:cut] + "ev" + primary[cut + 2 :])
        if script is not Script.RU:
            keys.extend(alternation)
    parts = [fold_surname(part) for part in _PARTS.split(text.strip())]
    if len(parts) > 1:
        keys.extend(part for part in parts if part)
    # An alternative is folded once more, so every key is a fixed point of fold_surname
    # (-ov read as -ev after an e gives "ee", which folding collapses).
    return tuple(dict.fromkeys([primary, *(fold_surname(key) for key in keys[1:])]))


_FINAL_CLOSED_I = re.compile(r"i([bcdfhklmnprstvz]+)$")
# Roots whose Ukrainian і or о a Russian clerk writes as е (Білоконь/Белоконь,
# Чорноморець/Черноморец, Світличний/Светличный), as folded prefixes.
_ROOT_VOWELS = (
    ("bil", "bel"), ("chorn", "chern"), ("sir", "ser"), ("svit", "svet"),
    ("hlib", "hleb"), ("did", "ded"), ("hnid", "hned"),
)  # fmt: skip


def _vowel_alternation_keys(key: str) -> list[str]:
    """Ukrainian і of a closed last syllable, під-, біл-, чорн- ... as Russian о or е.

    Кривоніс/Кривонос, Сокіл/Сокол, Пасічник/Пасечник: Ukrainian writes і where the
    related Russian form keeps о or е. Only alternatives: Лис is not Лось.
    """
    found: list[str] = []
    match = _FINAL_CLOSED_I.search(key)
    if match and match.start() > 1 and key[match.start() - 1] not in "aeiou":
        stem, tail = key[: match.start()], match.group(1)
        found.extend((stem + "o" + tail, stem + "e" + tail))
    if key.startswith("pid") and len(key) > 5:
        found.append("pod" + key[3:])
    for ukrainian, russian in _ROOT_VOWELS:
        if key.startswith(ukrainian) and len(key) > len(ukrainian) + 1:
            found.append(russian + key[len(ukrainian) :])
    return found


_UK_TO_RU_LETTERS = {"і": "и", "є": "е", "ґ": "г", "'": "ь", "’": "ь", "ʼ": "ь"}
_UK_TO_RU_ENDINGS = (
    ("ський", "ский"), ("цький", "цкий"), ("зький", "зкий"), ("ська", "ская"),
    ("цька", "цкая"), ("ій", "ий"),
)  # fmt: skip


def _recase_like(model: str, word: str) -> str:
    if len(model) > 1 and model.isupper():
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def russian_renderings(surname: str) -> tuple[str, ...]:
    """Russian forms a clerk may write for a Ukrainian surname, the usual one first.

    Letter rules: і->и, є->е, ї->и or йи, ґ->г, the apostrophe -> ь or dropped,
    -ський->-ский, -цький->-цкий, -ій->-ий; the alternative и->ы; and the listed
    vowel changes (Білий -> Белый).
    """
    if not any("\u0400" <= char <= "\u04ff" for char in surname):
        return (surname,)
    lower = surname.lower()
    for uk, ru in _UNDONE_VOWEL_CHANGES:
        if lower == uk.lower():
            return (_recase_like(surname, ru.lower()),)
    base = lower
    for uk_ending, ru_ending in _UK_TO_RU_ENDINGS:
        if base.endswith(uk_ending):
            base = base[: -len(uk_ending)] + ru_ending
            break
    variants = [""]
    for char in base:
        if char == "ї":
            options = ["и", "йи"]
        elif char in ("'", "’", "ʼ"):
            options = ["ь", ""]
        else:
            options = [_UK_TO_RU_LETTERS.get(char, char)]
        variants = [prefix + option for prefix in variants for option in options]
    forms = list(variants)
    for variant in variants:
        if "и" in variant[1:-2]:
            forms.append(variant[0] + variant[1:-2].replace("и", "ы") + variant[-2:])
    return tuple(_recase_like(surname, form) for form in dict.fromkeys(forms))

"""Service numbers and military units in one comparable form.

Clerks on either side copy ``АВ 123456`` as ``AB-123456``, ``ав123456`` or ``AB № 123456``:
Cyrillic and Latin letters that look alike are the same key, spaces, dashes and the
number sign are dropped, and leading zeros of an all-digit number are not significant.
Units arrive as ``в/ч А1234``, ``ВЧ А 1234``, ``A-1234`` or ``військова частина А1234``::

    normalise_service_number("АВ № 012345")  == "AB012345"
    normalise_service_number("0012345678")   == "12345678"
    normalise_unit("в/ч А 1234")             == "A1234"

A capture or disappearance place (``с. Бахмут``, ``г. Бахмут Донецкой обл.``,
``Bakhmut``) is keyed by its settlement's name, folded across scripts as surnames are
(the names engine: Харків and Харьков share a key)::

    place_keys("м. Бахмут, Донецька обл.") == ("bahmut",)
"""

from __future__ import annotations

import re

__all__ = ["normalise_service_number", "normalise_unit", "place_keys"]

# Cyrillic capitals that have a Latin twin of the same shape, mapped to the Latin one.
_LOOKALIKES = str.maketrans(
    {
        "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O",
        "Р": "P", "С": "C", "Т": "T", "Х": "X", "І": "I", "У": "Y", "Ј": "J",
        "Ѕ": "S",
    }
)  # fmt: skip
_NOT_ALNUM = re.compile(r"[^0-9A-ZА-ЯЁЇІЄҐ]+")
_UNIT_PREFIX = re.compile(
    r"^\s*(?:в\s*/\s*ч|в\.\s*ч\.?|вч|військова\s+частина|воинская\s+часть|"
    r"войсковая\s+часть|military\s+unit|unit)\.?\s*",
    re.IGNORECASE,
)


# The usual cell in one translate: look-alikes to Latin, and the separators clerks
# put in (space, dash, number sign) dropped. Only when that leaves plain ASCII
# letters and digits is it the key; Ј and Ѕ stay out (outside the kept letters,
# the full path drops them).
_USUAL = str.maketrans(
    {
        **{c: v for c, v in _LOOKALIKES.items() if chr(c) not in "ЈЅ"},
        **dict.fromkeys(map(ord, " -№")),
    }
)


def _key(text: str) -> str:
    if not text:
        return ""
    upper = text.upper()
    usual = upper.translate(_USUAL)
    if usual.isascii() and usual.isalnum():
        return usual
    return _key_by_class(upper)


def _key_by_class(upper: str) -> str:
    """The key of an upper-cased cell by the letter class (every cell, the slow way)."""
    return _NOT_ALNUM.sub("", upper.replace("№", "")).translate(_LOOKALIKES)


def normalise_service_number(text: str) -> str:
    """The comparable form of a service or personal number; "" when there is none."""
    key = _key(text)
    if key.isdigit():
        key = key.lstrip("0") or "0"
    return key


# words around a settlement's name: its kind, and the district or region after it
_PLACE_WORDS = frozenset(
    (
        "с", "село", "селище", "смт", "м", "місто", "г", "город", "пгт", "пос",
        "посёлок", "поселок", "д", "деревня", "v", "village", "town", "city", "s",
        "m", "g", "smt", "р-н", "район", "района", "районі", "обл", "область",
        "области", "області", "oblast", "region", "district", "raion", "rayon",
    )
)  # fmt: skip
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def place_keys(text: str) -> tuple[str, ...]:
    """The keys of a place's settlement name (the first word that is not a kind of
    place); () when the cell names none."""
    from homecoming.engines.names import surname_keys

    for word in _WORD.findall(text):
        if word.lower().rstrip(".") in _PLACE_WORDS or len(word) < 2:
            continue
        return tuple(surname_keys(word))
    return ()


def normalise_unit(text: str) -> str:
    """The comparable form of a military unit designation; "" when there is none."""
    key = _key(_UNIT_PREFIX.sub("", text)) if text else ""
    # a unit number is letter(s) then digits; leading zeros of the digits are kept,
    # units are written with a fixed width (А0123)
    return key

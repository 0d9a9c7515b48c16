"""Which script, and for Cyrillic which language, a name is written in.

``detect_script("Олексій")`` is ``Script.UK`` (the letters і, ї, є, ґ, the apostrophe
inside a word, or the endings -ськ-/-цьк-/-ьо- occur only in Ukrainian);
``detect_script("Алексей Подъячев")`` is ``Script.RU`` (ы, э, ё, ъ, or a soft sign before
е/я/ю/и); ``"Иван Петров"`` is ``Script.CYRILLIC`` (either language); ``"Ivan"`` is
``Script.LATIN``; Cyrillic and Latin letters in one text are ``Script.MIXED`` (often a
look-alike letter typed on the wrong keyboard); no letters at all is ``Script.UNKNOWN``.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache


class Script(StrEnum):
    """The script (and Cyrillic language, when the letters tell) of a text."""

    UK = "uk"
    RU = "ru"
    CYRILLIC = "cyrillic"
    LATIN = "latin"
    MIXED = "mixed"
    UNKNOWN = "unknown"


_UK_LETTERS = frozenset("іїєґІЇЄҐ")
_RU_LETTERS = frozenset("ыэёъЫЭЁЪ")
_APOSTROPHES = "'’ʼ`"
# Letter sequences that only one of the two languages writes in names.
_UK_SEQUENCE = re.compile(
    r"(?:[сц]ьк|[бвгджзклмнпрстфхцчшщ]ьо|[бпвмфр][" + _APOSTROPHES + r"][яюєї])",
    re.IGNORECASE,
)
_RU_SEQUENCE = re.compile(r"ь[еяюи]", re.IGNORECASE)


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff" or "\u0500" <= char <= "\u052f"


def _is_latin(char: str) -> bool:
    if char.isascii():
        return char.isalpha()
    return unicodedata.name(char, "").startswith("LATIN")


_CYRILLIC_LETTER = re.compile(r"[\u0400-\u0481\u048a-\u052f]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
# characters neither ASCII nor Cyrillic: only these can be non-ASCII Latin letters
_OTHER_CHAR = re.compile(r"[^\x00-\x7f\u0400-\u052f]")


@lru_cache(maxsize=65536)
def detect_script(text: str) -> Script:
    """Return the script of ``text``; pure, cached, never raises on any string."""
    has_cyrillic = _CYRILLIC_LETTER.search(text) is not None
    has_latin = _ASCII_LETTER.search(text) is not None
    if not has_latin and not text.isascii():
        has_latin = any(
            _is_latin(char)
            for char in _OTHER_CHAR.findall(text)
            if char.isalpha() and not _is_cyrillic(char)
        )
    if has_cyrillic and has_latin:
        return Script.MIXED
    if has_latin:
        return Script.LATIN
    if not has_cyrillic:
        return Script.UNKNOWN
    uk = not _UK_LETTERS.isdisjoint(text) or bool(_UK_SEQUENCE.search(text))
    ru = not _RU_LETTERS.isdisjoint(text) or bool(_RU_SEQUENCE.search(text))
    if uk and not ru:
        return Script.UK
    if ru and not uk:
        return Script.RU
    return Script.CYRILLIC

"""ASCII comparison keys that make one name written in any script or scheme compare equal.

The key is built in three steps, all cached per word:

1. Cyrillic (Ukrainian or Russian) is romanised with one internal table that keeps
   every distinction the official schemes keep (г and ґ, зг written ``zgh`` as in
   KMU 2010); Latin text is taken as it is, diacritics of GOST 7.79 A spelled out.
2. The Latin string is read as sounds, longest spelling first, so that every official
   spelling of one letter gives one symbol: ``kh x h g`` are ``h`` (Ukrainian г is h in
   KMU 2010, Russian г is g everywhere else, х is h in GOST 7.79 A and x in system B);
   ``ts tc cz c`` are ``c``; ``shch shh ŝ`` are ``shch``; ``y j i`` (and и, і, ї, й, ы)
   are ``i``; ``w`` is ``v``; soft and hard signs and apostrophes vanish.
3. Sequences the schemes disagree on are reduced: repeated symbols collapse (``ii``,
   ``ll``); a glide before e vanishes (Yevhen/Evgenii, Alekseyevich/Alekseevich,
   Serhiienko/Sergienko); a glide before o after a consonant is Russian ё (Fyodor,
   Kovalyov) and becomes e, as ICAO 9303 writes it.

The result is a fixed point: folding a key gives the key back. Examples::

    fold_surname("Хмельницький") == fold_surname("Khmelnitskiy") == "hmelnicki"
    fold_surname("Згурський") == fold_surname("Zgurskii") == "zhurski"
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from anyascii import anyascii

# Step 1: one romanisation for both Cyrillic languages (lower case).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie",
    "ё": "io", "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "ii", "й": "i", "к": "k",
    "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
# Letters with diacritics that schemes use, spelled as the digraph they stand for.
_DIACRITICS = {
    "ž": "zh", "č": "ch", "š": "sh", "ŝ": "shch", "û": "iu", "â": "ia", "ë": "e",
    "è": "e", "é": "e", "ê": "ie", "ì": "i", "í": "i", "ï": "ii", "ĭ": "i", "ý": "y",
    "ü": "iu", "ö": "e", "ä": "a", "ł": "l", "ß": "ss", "ǵ": "g",
}  # fmt: skip
# Step 2: spellings, longest first, read as symbols. Upper-case letters are symbols.
_SPELLINGS = {
    "shch": "Q", "tshch": "tQ", "shh": "Q", "zgh": "zH", "tsh": "tS",
    "zh": "Z", "kh": "H", "ch": "C", "sh": "S", "ts": "c", "tc": "c", "cz": "c",
    "x": "H", "h": "H", "g": "H", "j": "I", "y": "I", "i": "I", "w": "v", "q": "k",
}  # fmt: skip
_SYMBOLS = {"Q": "shch", "Z": "zh", "H": "h", "C": "ch", "S": "sh", "I": "i"}
_LONGEST = max(len(spelling) for spelling in _SPELLINGS)
_VOWELS = frozenset("aeiouI")


def _spell_out(word: str) -> str:
    """Lower-case ASCII letters only, Cyrillic romanised, diacritics spelled out."""
    out = []
    for char in word.lower():
        if char in _CYRILLIC:
            out.append(_CYRILLIC[char])
        elif char in _DIACRITICS:
            out.append(_DIACRITICS[char])
        elif char.isascii():
            if char.isalpha():
                out.append(char)
        elif char.isalpha():
            decomposed = unicodedata.normalize("NFKD", char)
            base = "".join(c for c in decomposed if not unicodedata.combining(c))
            if base in _DIACRITICS:
                out.append(_DIACRITICS[base])
            else:
                out.append("".join(c for c in anyascii(base).lower() if c.isalpha()))
    return "".join(out)


def _read_symbols(latin: str) -> list[str]:
    symbols: list[str] = []
    position = 0
    while position < len(latin):
        for size in range(_LONGEST, 0, -1):
            chunk = latin[position : position + size]
            if len(chunk) == size and chunk in _SPELLINGS:
                symbols.extend(_SPELLINGS[chunk])
                position += size
                break
        else:
            symbols.append(latin[position])
            position += 1
    return symbols


def _reduce(symbols: list[str]) -> list[str]:
    reduced: list[str] = []
    for symbol in symbols:
        if reduced and reduced[-1] == symbol:
            continue
        if symbol == "e" and reduced and reduced[-1] == "I":
            reduced.pop()
            if reduced and reduced[-1] == "e":
                continue
        elif (
            symbol == "o"
            and len(reduced) >= 2
            and reduced[-1] == "I"
            and reduced[-2] not in _VOWELS
        ):
            reduced[-1] = "e"
            continue
        reduced.append(symbol)
    return reduced


def _fold_once(latin: str) -> str:
    return "".join(_SYMBOLS.get(s, s) for s in _reduce(_read_symbols(latin)))


@lru_cache(maxsize=262144)
def fold_word(text: str) -> str:
    """The primary ASCII key of one name (a word, or words written together).

    Deterministic and idempotent; every character that is not a letter is dropped, so
    ``"Петров-Водкін"`` keys as one word. The empty string keys as ``""``.
    """
    key = _fold_once(_spell_out(text))
    for _ in range(4):
        again = _fold_once(key)
        if again == key:
            break
        key = again
    return key

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
   Serhiienko/Sergienko); a glide before o is Russian ё (Fyodor, Kovalyov, Yolkin)
   and becomes e, as ICAO 9303 and Russian typists write it (Fedor, Kovalev, Elkin).

The result is a fixed point: folding a key gives the key back. Examples::

    fold_surname("Хмельницький") == fold_surname("Khmelnitskiy") == "hmelnicki"
    fold_surname("Згурський") == fold_surname("Zgurskii") == "zhurski"
"""

from __future__ import annotations

import re
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
# Step 2: spellings read as symbols (upper-case letters are symbols), digraphs first,
# longest first, then single letters.
_DIGRAPHS = (
    ("tshch", "tQ"), ("shch", "Q"), ("shh", "Q"), ("zgh", "zH"), ("tsh", "tS"),
    ("zh", "Z"), ("kh", "H"), ("ch", "C"), ("sh", "S"), ("ts", "c"), ("tc", "c"),
    ("cz", "c"),
)  # fmt: skip
_LETTERS = str.maketrans("xhgjyiwq", "HHHIIIvk")
_SYMBOLS = str.maketrans(
    {"Q": "shch", "Z": "zh", "H": "h", "C": "ch", "S": "sh", "I": "i"}
)
_RUNS = re.compile(r"(.)\1+")
_RUN = re.compile(r"(.)\1")
_GLIDE_BEFORE_E = re.compile(r"I+e")
# What a second reading of a key could still change (k+h read as kh, t+s as ts, a
# doubled letter or digraph such as "shsh" from "sxsx", a glide before e or o): only
# then is the key folded again.
_UNSTABLE = re.compile(r"kh|ts|tc|cz|shh|(.)\1|(shch|sh|ch|zh)\2|ie|io")


def _spell_out_slowly(word: str) -> str:
    out = []
    previous = ""
    for char in unicodedata.normalize("NFC", word):
        if char == "г" and previous in ("з", "ц"):
            out.append("gh")
        elif char in _CYRILLIC:
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
        previous = char
    return "".join(out)


# One translation table for the common case: Cyrillic and scheme diacritics spelled
# out, ASCII non-letters dropped. Anything else takes the slow path.
_FAST = str.maketrans(
    {
        **_CYRILLIC,
        **_DIACRITICS,
        **{chr(code): None for code in range(128) if not chr(code).isalpha()},
        **dict.fromkeys("’‘ʼʹʺ”“«»–—‐·"),
    }
)


def _spell_out(word: str) -> str:
    """Lower-case ASCII letters only, Cyrillic romanised, diacritics spelled out."""
    word = word.lower()
    if not unicodedata.is_normalized("NFC", word):
        word = unicodedata.normalize("NFC", word)
    # зг is zgh in KMU 2010 (not ж); цг is ts-g in the Russian schemes (not т-ш).
    if "зг" in word:
        word = word.replace("зг", "зgh")
    if "цг" in word:
        word = word.replace("цг", "цgh")
    spelled = word.translate(_FAST)
    if spelled.isascii():
        return spelled
    return _spell_out_slowly(word)


def _fold_once(latin: str) -> str:
    symbols = latin
    for spelling, symbol in _DIGRAPHS:
        if spelling in symbols:
            symbols = symbols.replace(spelling, symbol)
    symbols = symbols.translate(_LETTERS)
    if _RUN.search(symbols):
        symbols = _RUNS.sub(_first, symbols)
    if "Ie" in symbols or "Io" in symbols:
        symbols = _GLIDE_BEFORE_E.sub("e", symbols).replace("Io", "e")
        if _RUN.search(symbols):
            symbols = _RUNS.sub(_first, symbols)
    return symbols.translate(_SYMBOLS)


def _first(match: re.Match[str]) -> str:
    return match.group(1)


@lru_cache(maxsize=262144)
def fold_word(text: str) -> str:
    """The primary ASCII key of one name (a word, or words written together).

    Deterministic and idempotent; every character that is not a letter is dropped, so
    ``"Петров-Водкін"`` keys as one word. The empty string keys as ``""``.
    """
    key = _fold_once(_spell_out(text))
    if _UNSTABLE.search(key) is None:
        return key
    for _ in range(4):
        again = _fold_once(key)
        if again == key:
            break
        key = again
    return key

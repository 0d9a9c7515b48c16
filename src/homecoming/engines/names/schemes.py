"""Romanisation schemes that official documents use, through maintained libraries.

========================  ===========================================  ====================
``Scheme``                used in                                      implementation
========================  ===========================================  ====================
``KMU_2010``              Ukrainian passports since 2010 (CMU res. 55)  translitua
``ICAO_9303``             Russian passports since 2013-14               iuliia
``MVD_1997``              Russian passports 1997-2010 (MVD order 310)   iuliia
``MVD_2010``              Russian passports 2010-2013 (MVD order 782)   iuliia
``BGN_PCGN``              maps, English-language lists                  iuliia
``GOST_7_79``             GOST 7.79-2000 system A (diacritics)          iuliia
``GOST_7_79_B``           GOST 7.79-2000 system B (ASCII)               iuliia
``ANYASCII``              fallback for anything else                    anyascii
========================  ===========================================  ====================

The Russian schemes are defined for Russian letters; the Ukrainian letters і, ї, є, ґ
are first written as ICAO 9303 writes them (its table covers both languages), so no
Cyrillic letter is ever left in the output. ``KMU_2010`` likewise writes the Russian-only
letters ы, э, ё, ъ the way a Ukrainian clerk would (и, е, ьо, apostrophe).

Case follows the input word by word: ``ШЕВЧЕНКО`` gives ``SHEVCHENKO``, ``Щука`` gives
``Shchuka``.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache

import iuliia
import translitua
from anyascii import anyascii

from homecoming.engines.names.errors import UnknownSchemeError


class Scheme(StrEnum):
    """A romanisation scheme used in identity documents or lists."""

    KMU_2010 = "kmu_2010"
    ICAO_9303 = "icao_9303"
    MVD_1997 = "mvd_1997"
    MVD_2010 = "mvd_2010"
    BGN_PCGN = "bgn_pcgn"
    GOST_7_79 = "gost_7_79"
    GOST_7_79_B = "gost_7_79_b"
    ANYASCII = "anyascii"


_IUILIIA_SCHEMAS = {
    Scheme.ICAO_9303: iuliia.ICAO_DOC_9303,
    Scheme.MVD_1997: iuliia.MVD_310,
    Scheme.MVD_2010: iuliia.MVD_782,
    Scheme.BGN_PCGN: iuliia.BGN_PCGN,
    Scheme.GOST_7_79: iuliia.GOST_779,
    Scheme.GOST_7_79_B: iuliia.GOST_779_ALT,
}

# Ukrainian-only letters for the Russian schemes, as ICAO 9303 (and GOST 7.79) write
# them; each scheme then handles the rest of the word.
_UK_FOR_RUSSIAN_SCHEMES: dict[Scheme, dict[str, str]] = {
    Scheme.GOST_7_79: {"і": "ì", "ї": "ï", "є": "ê", "ґ": "g̀", "'": "ь"},
    Scheme.GOST_7_79_B: {"і": "i'", "ї": "yi", "є": "ye", "ґ": "g`", "'": "ь"},
}
_UK_DEFAULT = {"і": "i", "ї": "i", "є": "ie", "ґ": "g", "'": "ь"}
_RU_FOR_KMU = {"ы": "и", "э": "е", "ё": "е", "ъ": "'"}
_YO_AFTER_VOWEL = re.compile(r"(?:(?<=^)|(?<=[аеёиіїоуыэюяєъь'])|(?<=\W))ё")
_WORD = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'"})


def _parse_scheme(scheme: Scheme | str) -> Scheme:
    try:
        return Scheme(scheme)
    except ValueError:
        raise UnknownSchemeError(
            f"unknown transliteration scheme {scheme!r}; expected one of "
            + ", ".join(s.value for s in Scheme)
        ) from None


def _romanise_lower(word: str, scheme: Scheme) -> str:
    """Romanise one lower-case word; leftovers (other alphabets) go through anyascii."""
    if scheme is Scheme.ANYASCII:
        return anyascii(word)
    if scheme is Scheme.KMU_2010:
        word = _YO_AFTER_VOWEL.sub("йо", word)
        word = "".join(_RU_FOR_KMU.get(char, char) for char in word)
        out = translitua.translit(word, translitua.UkrainianKMU)
    else:
        table = _UK_FOR_RUSSIAN_SCHEMES.get(scheme, _UK_DEFAULT)
        word = "".join(table.get(char, char) for char in word)
        out = _IUILIIA_SCHEMAS[scheme].translate(word)
        # iuliia leaves ё untouched in a few schemes (BGN/PCGN, GOST 7.79 A).
        out = out.replace("ё", "ë")
    if any("\u0400" <= char <= "\u04ff" for char in out):
        out = anyascii(out)
    # iuliia writes GOST 7.79 A letters decomposed (z + combining caron); compose them.
    return unicodedata.normalize("NFC", out)


def _recase(source: str, romanised: str) -> str:
    letters = [char for char in source if char.isalpha()]
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return romanised.upper()
    if letters and letters[0].isupper():
        return romanised[:1].upper() + romanised[1:]
    return romanised


@lru_cache(maxsize=131072)
def _transliterate_word(word: str, scheme: Scheme) -> str:
    return _recase(word, _romanise_lower(word.lower().translate(_APOSTROPHES), scheme))


def transliterate(text: str, scheme: Scheme | str) -> str:
    """Romanise ``text`` with ``scheme``; spaces, hyphens and punctuation are kept.

    Latin text is returned unchanged (except by ``ANYASCII``, which folds diacritics).
    Raises :class:`UnknownSchemeError` for a scheme name that is not a :class:`Scheme`.
    """
    chosen = _parse_scheme(scheme)
    return _WORD.sub(lambda match: _transliterate_word(match.group(0), chosen), text)

"""The words lists write for a person's sex, in Ukrainian, Russian and English.

One definition for the importer (``homecoming.lists``) and the linkage engine, so a cell
that reads as a sex in one reads the same in the other. Text is compared as headers
are: case, spacing, ё/е and punctuation ignored ("Жін.", "ч", "male").
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["SEX_WORDS", "sex_of"]

#: normalised value -> the words lists write for it.
SEX_WORDS: dict[str, tuple[str, ...]] = {
    "m": (
        "m",
        "male",
        "man",
        "м",
        "ч",
        "чол",
        "чоловіча",
        "чоловічий",
        "чоловік",
        "муж",
        "мужской",
        "мужчина",
        "мужск",
    ),
    "f": (
        "f",
        "female",
        "woman",
        "w",
        "ж",
        "жін",
        "жіноча",
        "жіночий",
        "жінка",
        "жен",
        "женский",
        "женщина",
        "женск",
    ),
}


_NOISE = re.compile(
    r"[\s\u00a0\u2007\u202f.,;:_\-\u2013\u2014*'\u2019\u02bc`\u2018\u00b4\"\u00ab\u00bb]+"
)


def _key(text: str) -> str:
    return _NOISE.sub("", text.casefold().replace("ё", "е"))


_SEX = {_key(w): value for value, words in SEX_WORDS.items() for w in words}


@lru_cache(maxsize=1024)
def sex_of(text: str) -> str | None:
    """``"m"``, ``"f"`` or None for text that does not name a sex."""
    return _SEX.get(_key(text))

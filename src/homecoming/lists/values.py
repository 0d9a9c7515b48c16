"""Reading the coded cells of a list: sex and category, in Ukrainian, Russian, English.

The sex words live in the names engine (``engines.names.sex``) so that linkage reads
them exactly as the importer does; they are re-exported here.

The text stays in the row as written; these functions give the normalised value
beside it (``"m"`` / ``"f"``, ``"military"`` / ``"civilian"``), or None when the text
is not one the lists use.
"""

from __future__ import annotations

from homecoming.engines.names.sex import SEX_WORDS, sex_of
from homecoming.lists.headers import header_key

__all__ = ["CATEGORY_WORDS", "SEX_WORDS", "category_of", "sex_of"]

CATEGORY_WORDS: dict[str, tuple[str, ...]] = {
    "military": (
        "military",
        "pow",
        "combatant",
        "prisoner of war",
        "soldier",
        "serviceman",
        "військовий",
        "військова",
        "військовослужбовець",
        "військовослужбовиця",
        "військовополонений",
        "військовополонена",
        "вп",
        "в/п",
        "военный",
        "военная",
        "военнослужащий",
        "военнослужащая",
        "военнопленный",
        "военнопленная",
    ),
    "civilian": (
        "civilian",
        "civil",
        "civilian internee",
        "internee",
        "цивільний",
        "цивільна",
        "цивільна особа",
        "цивільні",
        "цивільний заручник",
        "гражданский",
        "гражданская",
        "гражданское лицо",
        "мирный житель",
        "мирна особа",
        "інтернований",
        "интернированный",
    ),
}

# Coded words are compared as headers are: case, spacing and punctuation ignored.
_CATEGORY = {
    header_key(w): value for value, words in CATEGORY_WORDS.items() for w in words
}


def category_of(text: str) -> str | None:
    """``"military"``, ``"civilian"`` or None for text that names neither."""
    return _CATEGORY.get(header_key(text))

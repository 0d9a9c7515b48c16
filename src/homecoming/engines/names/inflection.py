"""Undo the case endings of names in Russian and Ukrainian documents.

"Ковальчука Олександра Петровича" (genitive: "the release of ...") is the nominative
"Ковальчук Олександр Петрович". The rules are deliberately narrow (see
docs/decisions/names-inflection.md): the **patronymic** decides the case and the sex,
because its endings are unambiguous (-ича/-ичу/-ичем, -овны/-овне/-овной/-овну,
-івни/-івні/-івною/-івну); the **given name** is brought back to a name of the table
with that sex and case (so the genitive Олександра of a man is Олександр, while the
woman's nominative Олександра with -івна stays); the **surname** loses the ending of
that case by rule (-а, -у, -ом, -ого, -ому, -им, -ой, -ую, -енка ...). Without an
inflected patronymic nothing is changed: a lone "Олександра" is a woman's name.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache, lru_cache

from homecoming.engines.names.table import name_table


class Case(StrEnum):
    """Grammatical case of a name, as far as names in lists need it."""

    NOMINATIVE = "nom"
    GENITIVE = "gen"  # also the accusative of a man
    DATIVE = "dat"
    INSTRUMENTAL = "ins"
    ACCUSATIVE = "acc"  # of a woman


# Patronymic endings (lower case, longest first): case, sex, nominative ending.
_PATRONYMIC_CASES = (
    ("чеві", Case.DATIVE, "m", "ч"), ("чем", Case.INSTRUMENTAL, "m", "ч"),
    ("чом", Case.INSTRUMENTAL, "m", "ч"), ("ча", Case.GENITIVE, "m", "ч"),
    ("чу", Case.DATIVE, "m", "ч"),
    ("вною", Case.INSTRUMENTAL, "f", "вна"), ("вной", Case.INSTRUMENTAL, "f", "вна"),
    ("вны", Case.GENITIVE, "f", "вна"), ("вни", Case.GENITIVE, "f", "вна"),
    ("вне", Case.DATIVE, "f", "вна"), ("вні", Case.DATIVE, "f", "вна"),
    ("вну", Case.ACCUSATIVE, "f", "вна"),
    ("чною", Case.INSTRUMENTAL, "f", "чна"), ("чной", Case.INSTRUMENTAL, "f", "чна"),
    ("чны", Case.GENITIVE, "f", "чна"), ("чне", Case.DATIVE, "f", "чна"),
    ("чну", Case.ACCUSATIVE, "f", "чна"),
)  # fmt: skip


@lru_cache(maxsize=131072)
def patronymic_case(word: str) -> tuple[Case, str, str] | None:
    """Case, sex and nominative of an inflected Cyrillic patronymic, else None.

    Only the ending is read here; callers check that the nominative has the form of a
    patronymic (``looks_like_patronymic``), so Ковальчука is no patronymic.

    ``patronymic_case("Петровича") == (Case.GENITIVE, "m", "Петрович")``.
    """
    lower = word.lower()
    for ending, case, sex, nominative in _PATRONYMIC_CASES:
        if lower.endswith(ending) and len(lower) > len(ending) + 3:
            return case, sex, _recase(word, word[: -len(ending)] + nominative)
    return None


def _recase(model: str, word: str) -> str:
    if len(model) > 1 and model.isupper():
        return word.upper()
    return word


def _masculine_forms(name: str) -> dict[Case, tuple[str, ...]]:
    lower = name.lower()
    stems = {"павел": "павл", "лев": "льв", "пётр": "петр", "петр": "петр"}
    uk_stems = {"федір": "федор", "яків": "яков", "антін": "антон", "тихін": "тихон",
                "сидір": "сидор", "нестір": "нестор", "прокіп": "прокоп", "лев": "лев",
                "охрім": "охрім"}  # fmt: skip
    if lower[-1:] in ("а", "я"):
        stem = lower[:-1]
        soft = lower.endswith("я") or stem[-1:] in "гкхжшчщ"
        return {
            Case.GENITIVE: (
                stem + ("і" if soft else "и"),
                stem + ("и" if soft else "ы"),
            ),
            Case.DATIVE: (stem + "і", stem + "е"),
            Case.INSTRUMENTAL: (
                stem + ("ею" if soft else "ою"),
                stem + ("ей" if soft else "ой"),
                stem + "ёй",
            ),
        }
    if lower.endswith("й") or lower.endswith("ь"):
        stem = lower[:-1]
        uk_soft = lower.endswith("ій")
        return {
            Case.GENITIVE: (stem + "я",),
            Case.DATIVE: (stem + "ю", stem + ("єві" if uk_soft else "еві")),
            Case.INSTRUMENTAL: (stem + ("єм" if uk_soft else "ем"),),
        }
    if lower.endswith("о"):
        stem = lower[:-1]
    else:
        stem = stems.get(lower, uk_stems.get(lower, lower))
    hushing = stem[-1:] in "жшчщц"
    return {
        Case.GENITIVE: (stem + "а",),
        Case.DATIVE: (stem + "у", stem + ("еві" if hushing else "ові")),
        Case.INSTRUMENTAL: (stem + ("ем" if hushing else "ом"),),
    }


def _feminine_forms(name: str) -> dict[Case, tuple[str, ...]]:
    lower = name.lower()
    if lower.endswith("ов") or lower.endswith("вь"):  # Любов, Любовь
        stem = lower.rstrip("ь")
        return {
            Case.GENITIVE: (stem + "і", stem + "и"),
            Case.DATIVE: (stem + "і", stem + "и"),
            Case.INSTRUMENTAL: (stem + "'ю", stem + "’ю", stem + "ью"),
            Case.ACCUSATIVE: (lower,),
        }
    if lower[-1:] not in ("а", "я"):
        return {}
    stem = lower[:-1]
    soft = lower.endswith("я")
    velar = stem[-1:] in "гкхжшчщ"
    vowel_stem = stem[-1:] in "иіеєаоу"
    return {
        Case.GENITIVE: (
            stem + ("ї" if soft and vowel_stem else "і" if soft else "и"),
            stem + ("и" if soft or velar else "ы"),
        ),
        Case.DATIVE: (
            stem + ("ї" if soft and vowel_stem else "і"),
            stem + "е",
            stem + "и",
        ),
        Case.INSTRUMENTAL: (
            stem + ("єю" if soft and vowel_stem else "ею" if soft else "ою"),
            stem + ("ей" if soft else "ой"),
        ),
        Case.ACCUSATIVE: (stem + ("ю" if soft else "у"),),
    }


@cache
def _inflected_given_names(*, russian: bool) -> dict[tuple[str, Case, str], str]:
    """(inflected lower-case form, case, sex) -> nominative form, from the table.

    Both languages are indexed; the preferred one is indexed first, so "Павла" in a
    Russian document is Павел and in a Ukrainian one Павло.
    """
    index: dict[tuple[str, Case, str], str] = {}
    for row in name_table().rows:
        for name in row.ru + row.uk if russian else row.uk + row.ru:
            forms = _masculine_forms(name) if row.sex == "m" else _feminine_forms(name)
            if row.sex == "m":
                forms[Case.ACCUSATIVE] = forms.get(Case.GENITIVE, ())
            for case, inflected in forms.items():
                for form in inflected:
                    index.setdefault((form, case, row.sex), name)
                    index.setdefault((form.replace("ё", "е"), case, row.sex), name)
    return index


@lru_cache(maxsize=65536)
def given_name_nominative(word: str, case: Case, sex: str, *, russian: bool) -> str:
    """The table's nominative of an inflected given name, or ``word`` as written."""
    if case is Case.NOMINATIVE:
        return word
    found = _inflected_given_names(russian=russian).get((word.lower(), case, sex))
    if found is None:
        return word
    if len(word) > 1 and word.isupper():
        return found.upper()
    return found if word[:1].isupper() else found.lower()


# Surname endings by case and sex (lower case, longest first): ending -> nominative.
_SURNAME_RULES: dict[tuple[Case, str], tuple[tuple[str, str], ...]] = {
    (Case.GENITIVE, "m"): (
        ("ського", "ський"), ("цького", "цький"), ("ского", "ский"), ("цкого", "цкий"),
        ("ього", "ій"), ("ого", "ий"), ("енка", "енко"), ("ова", "ов"), ("ева", "ев"),
        ("ёва", "ёв"), ("ина", "ин"), ("ына", "ын"), ("іва", "ів"), ("ая", "ай"),
        ("ея", "ей"), ("оя", "ой"), ("уя", "уй"), ("ія", "ій"), ("ря", "рь"),
        ("ля", "ль"), ("ня", "нь"), ("ця", "ць"), ("ы", "а"), ("а", ""),
    ),
    (Case.DATIVE, "m"): (
        ("ському", "ський"), ("цькому", "цький"), ("скому", "ский"), ("цкому", "цкий"),
        ("ьому", "ій"), ("ому", "ий"), ("енкові", "енко"), ("енку", "енко"),
        ("ові", ""), ("еві", "ь"), ("єві", "й"), ("аю", "ай"), ("ею", "ей"),
        ("ію", "ій"), ("ю", "ь"), ("у", ""),
    ),
    (Case.INSTRUMENTAL, "m"): (
        ("ським", "ський"), ("цьким", "цький"), ("ским", "ский"), ("цким", "цкий"),
        ("енком", "енко"), ("овым", "ов"), ("евым", "ев"), ("ёвым", "ёв"), ("иным", "ин"),
        ("овим", "ов"), ("евим", "ев"), ("іним", "ін"), ("иним", "ин"), ("ым", "ый"),
        ("ім", "ій"), ("им", "ий"), ("аєм", "ай"), ("аем", "ай"), ("еем", "ей"),
        ("ієм", "ій"), ("ем", "ь"), ("ом", ""), ("ою", "а"), ("ой", "а"),
    ),
    (Case.GENITIVE, "f"): (
        ("ської", "ська"), ("цької", "цька"), ("ской", "ская"), ("цкой", "цкая"),
        ("ової", "ова"), ("евої", "ева"), ("іної", "іна"), ("овой", "ова"), ("евой", "ева"),
        ("ёвой", "ёва"), ("иной", "ина"), ("ыной", "ына"),
    ),
    (Case.ACCUSATIVE, "f"): (
        ("ську", "ська"), ("цьку", "цька"), ("скую", "ская"), ("цкую", "цкая"),
        ("ову", "ова"), ("еву", "ева"), ("ину", "ина"), ("іну", "іна"),
    ),
}  # fmt: skip
_SURNAME_RULES[(Case.DATIVE, "f")] = (
    ("ській", "ська"), ("цькій", "цька"), ("овій", "ова"), ("евій", "ева"), ("іній", "іна"),
    *_SURNAME_RULES[(Case.GENITIVE, "f")],
)  # fmt: skip
_SURNAME_RULES[(Case.INSTRUMENTAL, "f")] = (
    ("ською", "ська"), ("цькою", "цька"), ("овою", "ова"), ("евою", "ева"), ("іною", "іна"),
    *_SURNAME_RULES[(Case.GENITIVE, "f")],
)  # fmt: skip
_SURNAME_RULES[(Case.ACCUSATIVE, "m")] = _SURNAME_RULES[(Case.GENITIVE, "m")]
_VOWELS = frozenset("аеёиіїоуыэюяє")


_RU_ADJECTIVE = {"ого": "ый", "ому": "ый", "ым": "ый"}
_VELARS = frozenset("гкхжшчщ")


@lru_cache(maxsize=65536)
def surname_nominative(word: str, case: Case, sex: str, *, russian: bool) -> str:
    """A surname brought back to the nominative by its ending, or ``word`` unchanged.

    Only Cyrillic words are touched; a stem must keep a vowel, so short words such as
    "Ус" are never cut to nothing. ``russian`` picks the Russian adjective ending
    (Белого -> Белый, Ukrainian Білого -> Білий).
    """
    if case is Case.NOMINATIVE:
        return word
    lower = word.lower()
    for ending, nominative in _SURNAME_RULES.get((case, sex), ()):
        if not lower.endswith(ending):
            continue
        stem = lower[: -len(ending)]
        if not any(char in _VOWELS for char in stem):
            return word
        if ending in ("а", "у", "ом") and stem[-1:] in _VOWELS:
            return word  # Шевчука/Шевчуку, but not a vowel-final stem
        if russian and ending in _RU_ADJECTIVE and stem[-1:] not in _VELARS:
            nominative = _RU_ADJECTIVE[ending]
        result = stem + nominative
        if len(word) > 1 and word.isupper():
            return result.upper()
        return word[: len(stem)] + nominative if word[:1].isupper() else result
    return word

"""How names change between forms: patronymics, women's surnames, scripts, typos.

::

    uk_patronymic("Микола", "m") == "Миколайович"    ru_patronymic("Николай", "f") == "Николаевна"
    uk_surname_in_ru("Хмельницький") == "Хмельницкий"  ru_surname_in_uk("Соловьёв") == "Соловйов"
    latin_uk("Олександр") == "Oleksandr"              latin_ru("Александр") == "Aleksandr"
"""

from __future__ import annotations

import random
from functools import lru_cache

import iuliia
import translitua

from homecoming.synth.tables import UK_TO_RU_SURNAME

__all__ = [
    "feminine_surname",
    "latin_ru",
    "latin_uk",
    "ru_genitive",
    "ru_patronymic",
    "ru_surname_in_uk",
    "typo",
    "uk_patronymic",
    "uk_surname_in_ru",
]

_UK_MALE_PATRONYMIC = {
    "Микола": "Миколайович", "Ілля": "Ілліч", "Григорій": "Григорович",
    "Яків": "Якович", "Федір": "Федорович", "Кузьма": "Кузьмич", "Лука": "Лукич",
    "Хома": "Хомич", "Сава": "Савович", "Лев": "Левович",
}  # fmt: skip
_UK_FEMALE_IRREGULAR = {"Ілліч": "Іллівна", "Кузьмич": "Кузьмівна", "Лукич": "Луківна"}
_RU_MALE_PATRONYMIC = {
    "Илья": "Ильич", "Лев": "Львович", "Пётр": "Петрович", "Павел": "Павлович",
    "Яков": "Яковлевич", "Михаил": "Михайлович", "Кузьма": "Кузьмич",
    "Никита": "Никитич", "Фома": "Фомич", "Лука": "Лукич",
}  # fmt: skip
_RU_FEMALE_IRREGULAR = {
    "Ильич": "Ильинична", "Кузьмич": "Кузьминична", "Никитич": "Никитична",
    "Фомич": "Фоминична", "Лукич": "Лукинична",
}  # fmt: skip
_CONSONANTS = set("бвгґджзйклмнпрстфхцчшщ")


@lru_cache(maxsize=512)
def uk_patronymic(father: str, sex: str) -> str:
    """The Ukrainian patronymic from the father's given name (``sex`` "m" or "f")."""
    male = _UK_MALE_PATRONYMIC.get(father)
    if male is None:
        if father.endswith("ій"):
            male = father + "ович"
        elif father.endswith("о"):
            male = father[:-1] + "ович"
        else:
            male = father + "ович"
    if sex == "m":
        return male
    if male in _UK_FEMALE_IRREGULAR:
        return _UK_FEMALE_IRREGULAR[male]
    if male.endswith("йович"):
        return male[: -len("йович")] + "ївна"
    stem = male[: -len("ович")]
    return stem.removesuffix("ь") + "івна"


@lru_cache(maxsize=512)
def ru_patronymic(father: str, sex: str) -> str:
    """The Russian patronymic from the father's given name (``sex`` "m" or "f")."""
    male = _RU_MALE_PATRONYMIC.get(father)
    if male is None:
        lower = father.lower()
        if lower.endswith(("ей", "ай")):
            male = father[:-1] + "евич"
        elif lower.endswith("ий"):
            cluster = len(lower) > 3 and lower[-4] in _CONSONANTS
            male = father[:-2] + ("иевич" if cluster else "ьевич")
        elif lower.endswith("ь"):
            male = father[:-1] + "евич"
        elif lower.endswith("а"):
            male = father[:-1] + "ович"
        else:
            male = father + "ович"
    if sex == "m":
        return male
    if male in _RU_FEMALE_IRREGULAR:
        return _RU_FEMALE_IRREGULAR[male]
    return male[: -len("ич")] + "на"


@lru_cache(maxsize=4096)
def feminine_surname(surname: str) -> str:
    """A woman's form of a (Ukrainian or Russian) man's surname."""
    for male, female in (
        ("ський", "ська"), ("цький", "цька"), ("ский", "ская"), ("цкий", "цкая"),
        ("ній", "ня"), ("ий", "а"), ("ый", "ая"), ("ой", "ая"), ("ов", "ова"),
        ("ев", "ева"), ("ёв", "ёва"), ("ин", "ина"), ("ын", "ына"),
    ):  # fmt: skip
        if surname.endswith(male):
            if male == "ий" and surname.endswith("кий"):  # Russian -кий
                return surname[:-2] + "ая"
            return surname[: -len(male)] + female
    return surname


_UK_TO_RU = str.maketrans(
    {"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": "ь", "’": "ь", "І": "И", "Ї": "И",
     "Є": "Е", "Ґ": "Г"}
)  # fmt: skip


@lru_cache(maxsize=4096)
def uk_surname_in_ru(surname: str) -> str:
    """How a Russian clerk writes a Ukrainian surname (letter by letter, mostly)."""
    if surname in UK_TO_RU_SURNAME:
        return UK_TO_RU_SURNAME[surname]
    for uk_end, ru_end in (
        ("ський", "ский"), ("цький", "цкий"), ("ська", "ская"), ("цька", "цкая"),
        ("ій", "ий"), ("ів", "ив"),
    ):  # fmt: skip
        if surname.endswith(uk_end):
            return surname[: -len(uk_end)].translate(_UK_TO_RU) + ru_end
    # Ukrainian и sounds like Russian ы only after some consonants; the -ишин and
    # -ик endings keep и in Russian lists, so и stays и.
    return surname.translate(_UK_TO_RU)


_RU_TO_UK = str.maketrans(
    {"и": "і", "ы": "и", "э": "е", "ъ": "'", "И": "І", "Ы": "И", "Э": "Е"}
)


@lru_cache(maxsize=4096)
def ru_surname_in_uk(text: str) -> str:
    """How a Ukrainian clerk writes a Russian name (transliterated into Ukrainian)."""
    for ru_end, uk_end in (
        ("ский", "ський"),
        ("цкий", "цький"),
        ("ий", "ій"),
        ("ая", "а"),
        ("вич", "вич"),
    ):
        if text.endswith(ru_end) and len(text) > len(ru_end) + 1:
            return ru_surname_in_uk(text[: -len(ru_end)]) + uk_end
    for ru_soft, uk_soft in (
        ("ьё", "йо"),
        ("ье", "'є"),
        ("ью", "'ю"),
        ("ья", "'я"),
        ("ьи", "ьї"),
    ):
        text = text.replace(ru_soft, uk_soft)
    out = []
    for index, char in enumerate(text):
        previous = text[index - 1].lower() if index else ""
        if char in "ёЁ":
            soft = previous and previous not in "аеёиоуыэюяьъ"
            out.append(("ьо" if soft else "йо") if char == "ё" else "Йо")
        elif char in "еЕ" and (not previous or previous in "аеёиоуыэюяьъ"):
            out.append("є" if char == "е" else "Є")
        else:
            out.append(char.translate(_RU_TO_UK))
    return "".join(out)


@lru_cache(maxsize=4096)
def latin_uk(text: str) -> str:
    """The KMU 2010 romanisation (Ukrainian passports)."""
    return str(translitua.translit(text))


@lru_cache(maxsize=4096)
def latin_ru(text: str) -> str:
    """The ICAO Doc 9303 romanisation (Russian passports since 2013)."""
    return str(iuliia.ICAO_DOC_9303.translate(text))


_NEIGHBOURS = {
    # letters of both alphabets only, so a slip never puts і into a Russian name
    "а": "оя", "о": "ау", "е": "и", "и": "е", "і": "и", "к": "гх", "г": "кх",
    "н": "м", "м": "н", "в": "ф", "с": "з", "т": "д", "д": "т", "у": "ю", "я": "а",
}  # fmt: skip


def typo(text: str, rng: random.Random) -> str:
    """``text`` with one clerical slip: a letter swapped, dropped, doubled or misread."""
    if len(text) < 4:
        return text
    index = rng.randrange(1, len(text) - 1)
    kind = rng.random()
    if kind < 0.3:
        return text[:index] + text[index + 1] + text[index] + text[index + 2 :]
    if kind < 0.5:
        return text[:index] + text[index + 1 :]
    if kind < 0.65:
        return text[:index] + text[index] + text[index:]
    choices = _NEIGHBOURS.get(text[index].lower())
    if not choices:
        return text[:index] + text[index + 1 :]
    return text[:index] + rng.choice(choices) + text[index + 1 :]


_HUSHING = set("гкхжшщч")


def _ru_genitive_word(word: str, kind: str, sex: str) -> str:
    """One Russian name word in the genitive (``kind``: surname, given or patronymic)."""
    lower = word.lower()
    if sex == "m":
        if kind == "patronymic" or lower.endswith(("ов", "ев", "ёв", "ин", "ын")):
            return word + "а"
        for ending, genitive in (
            ("ский", "ского"),
            ("цкий", "цкого"),
            ("ой", "ого"),
            ("ый", "ого"),
        ):
            if lower.endswith(ending):
                return word[: -len(ending)] + genitive
        if lower.endswith(("ко", "их", "ых", "о", "е", "и", "у")):
            return word  # Шевченко, Белых: not declined
        if lower.endswith("ий"):
            return word[:-1] + ("я" if kind == "given" else "его")
        if lower.endswith(("й", "ь")):
            return word[:-1] + "я"
        if lower.endswith("а"):
            return word[:-1] + ("и" if len(word) > 1 and lower[-2] in _HUSHING else "ы")
        if lower.endswith("я"):
            return word[:-1] + "и"
        return word + "а"
    if kind == "patronymic" and lower.endswith("на"):
        return word[:-1] + "ы"
    for ending, genitive in (
        ("ова", "овой"),
        ("ева", "евой"),
        ("ёва", "ёвой"),
        ("ина", "иной"),
        ("ская", "ской"),
        ("цкая", "цкой"),
        ("ая", "ой"),
    ):
        if lower.endswith(ending) and kind == "surname":
            return word[: -len(ending)] + genitive
    if kind == "given":
        if lower.endswith("ь"):
            return word[:-1] + "и"
        if lower.endswith("я"):
            return word[:-1] + "и"
        if lower.endswith("а"):
            return word[:-1] + ("и" if lower[-2] in _HUSHING else "ы")
    return word


def ru_genitive(
    surname: str, given: str, patronymic: str, sex: str
) -> tuple[str, str, str]:
    """A Russian full name in the genitive, as documents write "список ... Ковальчука
    Александра Петровича"; indeclinable surnames (-ко, -их) stay as they are."""
    return (
        _ru_genitive_word(surname, "surname", sex),
        _ru_genitive_word(given, "given", sex) if given else given,
        _ru_genitive_word(patronymic, "patronymic", sex) if patronymic else patronymic,
    )

"""Ranks, units, service numbers, places, health and custody sources for generated persons.

Ranks carry a *grade* on one scale for both armies, the rungs an exchange agreement's
equivalence scale is written in::

    1 private   2 junior NCO   3 senior NCO   4 warrant officer   5 lieutenant
    6 captain   7 major        8 lieutenant colonel              9 colonel
"""

from __future__ import annotations

import random

from homecoming.synth.weighted import Weighted, between, one_of

__all__ = [
    "CAPTURE_PLACES_OF_RU",
    "CAPTURE_PLACES_OF_UA",
    "HEALTH",
    "RU_BIRTH_PLACES",
    "RU_RANKS",
    "SOURCES",
    "UA_BIRTH_PLACES",
    "UA_RANKS",
    "pick_rank",
    "service_number",
    "unit",
]

#: (Ukrainian, Russian, grade, weight) for the Armed Forces of Ukraine.
UA_RANKS: tuple[tuple[str, str, int, float], ...] = (
    ("солдат", "солдат", 1, 40), ("старший солдат", "старший солдат", 1, 14),
    ("молодший сержант", "младший сержант", 2, 10), ("сержант", "сержант", 2, 9),
    ("старший сержант", "старший сержант", 3, 7), ("головний сержант", "главный сержант", 3, 4),
    ("штаб-сержант", "штаб-сержант", 4, 3), ("майстер-сержант", "мастер-сержант", 4, 2),
    ("молодший лейтенант", "младший лейтенант", 5, 2), ("лейтенант", "лейтенант", 5, 3),
    ("старший лейтенант", "старший лейтенант", 5, 2.5), ("капітан", "капитан", 6, 1.5),
    ("майор", "майор", 7, 0.8), ("підполковник", "подполковник", 8, 0.4),
    ("полковник", "полковник", 9, 0.15),
)  # fmt: skip

#: (Russian, Ukrainian, grade, weight) for the Armed Forces of the Russian Federation.
RU_RANKS: tuple[tuple[str, str, int, float], ...] = (
    ("рядовой", "рядовий", 1, 45), ("ефрейтор", "єфрейтор", 1, 12),
    ("младший сержант", "молодший сержант", 2, 9), ("сержант", "сержант", 2, 8),
    ("старший сержант", "старший сержант", 3, 6), ("старшина", "старшина", 3, 3),
    ("прапорщик", "прапорщик", 4, 3), ("старший прапорщик", "старший прапорщик", 4, 1),
    ("младший лейтенант", "молодший лейтенант", 5, 1.5), ("лейтенант", "лейтенант", 5, 3),
    ("старший лейтенант", "старший лейтенант", 5, 2.5), ("капитан", "капітан", 6, 1.5),
    ("майор", "майор", 7, 0.8), ("подполковник", "підполковник", 8, 0.4),
    ("полковник", "полковник", 9, 0.15),
)  # fmt: skip

_UA_RANK_TABLE = Weighted([r[:3] for r in UA_RANKS], [r[3] for r in UA_RANKS])
_RU_RANK_TABLE = Weighted([r[:3] for r in RU_RANKS], [r[3] for r in RU_RANKS])


def pick_rank(army: str, rng: random.Random) -> tuple[str, str, int]:
    """(rank in the army's language, rank in the other language, grade)."""
    table = _UA_RANK_TABLE if army == "ua" else _RU_RANK_TABLE
    return table.pick(rng)


def unit(army: str, rng: random.Random) -> str:
    """A military unit number as lists write it: в/ч А1234 (Ukraine), в/ч 12345 (Russia)."""
    if army == "ua":
        return f"в/ч А{between(rng, 700, 7400):04d}"
    return f"в/ч {between(rng, 10000, 99999)}"


_UA_SERIES = "АВСЕКМНОРТ"
_RU_SERIES = "АБВГДЕЖИКЛМНОПРСТУХ"


def service_number(army: str, rng: random.Random) -> str:
    """A personal number: Ukrainian ``АВ 123456``, Russian ``Ж-123456``."""
    digits = between(rng, 100000, 999999)
    if army == "ua":
        return f"{one_of(rng, _UA_SERIES)}{one_of(rng, _UA_SERIES)} {digits}"
    return f"{one_of(rng, _RU_SERIES)}-{digits}"


#: (Ukrainian, Russian) towns, commonest first.
UA_BIRTH_PLACES: tuple[tuple[str, str], ...] = (
    ("м. Київ", "г. Киев"), ("м. Харків", "г. Харьков"), ("м. Одеса", "г. Одесса"),
    ("м. Дніпро", "г. Днепр"), ("м. Львів", "г. Львов"), ("м. Запоріжжя", "г. Запорожье"),
    ("м. Кривий Ріг", "г. Кривой Рог"), ("м. Миколаїв", "г. Николаев"),
    ("м. Вінниця", "г. Винница"), ("м. Полтава", "г. Полтава"),
    ("м. Чернігів", "г. Чернигов"), ("м. Черкаси", "г. Черкассы"),
    ("м. Житомир", "г. Житомир"), ("м. Суми", "г. Сумы"),
    ("м. Хмельницький", "г. Хмельницкий"), ("м. Рівне", "г. Ровно"),
    ("м. Івано-Франківськ", "г. Ивано-Франковск"), ("м. Тернопіль", "г. Тернополь"),
    ("м. Луцьк", "г. Луцк"), ("м. Ужгород", "г. Ужгород"),
    ("м. Кропивницький", "г. Кропивницкий"), ("м. Біла Церква", "г. Белая Церковь"),
    ("м. Маріуполь", "г. Мариуполь"), ("м. Краматорськ", "г. Краматорск"),
    ("с. Петрівка", "с. Петровка"), ("с. Михайлівка", "с. Михайловка"),
    ("смт Козелець", "пгт Козелец"), ("м. Ніжин", "г. Нежин"),
)  # fmt: skip

UA_CAPTURE_PLACES: tuple[tuple[str, str], ...] = (
    ("м. Маріуполь", "г. Мариуполь"), ("м. Бахмут", "г. Артёмовск"),
    ("м. Авдіївка", "г. Авдеевка"), ("м. Соледар", "г. Соледар"),
    ("м. Покровськ", "г. Красноармейск"), ("м. Торецьк", "г. Дзержинск"),
    ("м. Вовчанськ", "г. Волчанск"), ("м. Куп'янськ", "г. Купянск"),
    ("м. Вугледар", "г. Угледар"), ("м. Часів Яр", "г. Часов Яр"),
    ("с. Кринки", "с. Крынки"), ("м. Лисичанськ", "г. Лисичанск"),
    ("м. Сєвєродонецьк", "г. Северодонецк"), ("с. Роботине", "с. Работино"),
)  # fmt: skip
#: Where persons of each army were captured: (Ukrainian, Russian).
CAPTURE_PLACES_OF_UA = UA_CAPTURE_PLACES

RU_BIRTH_PLACES: tuple[tuple[str, str], ...] = (
    ("г. Москва", "м. Москва"), ("г. Санкт-Петербург", "м. Санкт-Петербург"),
    ("г. Новосибирск", "м. Новосибірськ"), ("г. Екатеринбург", "м. Єкатеринбург"),
    ("г. Казань", "м. Казань"), ("г. Ростов-на-Дону", "м. Ростов-на-Дону"),
    ("г. Краснодар", "м. Краснодар"), ("г. Омск", "м. Омськ"),
    ("г. Челябинск", "м. Челябінськ"), ("г. Самара", "м. Самара"), ("г. Уфа", "м. Уфа"),
    ("г. Пермь", "м. Перм"), ("г. Воронеж", "м. Воронеж"),
    ("г. Волгоград", "м. Волгоград"), ("г. Саратов", "м. Саратов"),
    ("г. Тюмень", "м. Тюмень"), ("г. Иркутск", "м. Іркутськ"),
    ("г. Барнаул", "м. Барнаул"), ("г. Курск", "м. Курськ"),
    ("г. Белгород", "м. Бєлгород"), ("г. Брянск", "м. Брянськ"),
    ("г. Улан-Удэ", "м. Улан-Уде"), ("г. Кызыл", "м. Кизил"),
    ("г. Махачкала", "м. Махачкала"), ("с. Ивановка", "с. Іванівка"),
)  # fmt: skip

#: Where persons of the Russian army were captured: (Ukrainian, Russian).
CAPTURE_PLACES_OF_RU: tuple[tuple[str, str], ...] = (
    ("м. Суджа", "г. Суджа"), ("Курська обл.", "Курская обл."),
    ("м. Бахмут", "г. Артёмовск"), ("м. Вугледар", "г. Угледар"),
    ("с. Роботине", "с. Работино"), ("с. Кринки", "с. Крынки"),
    ("м. Часів Яр", "г. Часов Яр"), ("м. Вовчанськ", "г. Волчанск"),
    ("м. Ізюм", "г. Изюм"), ("м. Херсон", "г. Херсон"), ("м. Авдіївка", "г. Авдеевка"),
    ("м. Покровськ", "г. Красноармейск"),
)  # fmt: skip

#: (code, weight): the health states a list records.
HEALTH: tuple[tuple[str, float], ...] = (
    ("healthy", 70), ("wounded", 14), ("seriously wounded", 5), ("sick", 8),
    ("seriously sick", 3),
)  # fmt: skip

#: Where a custody event is known from.
SOURCES: tuple[str, ...] = (
    "notification by the detaining power",
    "visit by the neutral intermediary",
    "camp register",
    "hospital record",
    "family report",
    "released detainee's statement",
)

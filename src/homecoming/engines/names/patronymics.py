"""How Ukrainian and Russian patronymics are formed from the father's given name.

``ukrainian_patronymics("Олексій") == (("Олексійович",), ("Олексіївна",))`` and
``russian_patronymics("Алексей") == (("Алексеевич",), ("Алексеевна",))``: masculine
forms, then feminine forms, the usual form first. The rules follow the standard
grammars; names whose patronymic does not follow them are listed in the exception
tables below (Микола -> Миколайович, Григорій -> Григорович, Илья -> Ильич, ...).
"""

from __future__ import annotations

Forms = tuple[tuple[str, ...], tuple[str, ...]]

_UK_EXCEPTIONS: dict[str, Forms] = {
    "Микола": (("Миколайович",), ("Миколаївна",)),
    "Григорій": (("Григорович", "Григорійович"), ("Григорівна", "Григоріївна")),
    "Яків": (("Якович",), ("Яківна",)),
    "Лев": (("Львович",), ("Львівна",)),
    "Федір": (("Федорович",), ("Федорівна",)),
    "Сидір": (("Сидорович",), ("Сидорівна",)),
    "Нестір": (("Несторович",), ("Несторівна",)),
    "Антін": (("Антонович",), ("Антонівна",)),
    "Прокіп": (("Прокопович",), ("Прокопівна",)),
    "Тихін": (("Тихонович",), ("Тихонівна",)),
    "Охрім": (("Охрімович",), ("Охрімівна",)),
    "Ілля": (("Ілліч",), ("Іллівна",)),
    "Кузьма": (("Кузьмич",), ("Кузьмівна",)),
    "Лука": (("Лукич",), ("Луківна",)),
    "Хома": (("Хомич",), ("Хомівна",)),
    "Сава": (("Савич", "Савович"), ("Савівна",)),
}
_RU_EXCEPTIONS: dict[str, Forms] = {
    "Павел": (("Павлович",), ("Павловна",)),
    "Лев": (("Львович",), ("Львовна",)),
    "Пётр": (("Петрович",), ("Петровна",)),
    "Яков": (("Яковлевич",), ("Яковлевна",)),
    "Михаил": (("Михайлович",), ("Михайловна",)),
    "Илья": (("Ильич",), ("Ильинична",)),
    "Кузьма": (("Кузьмич",), ("Кузьминична",)),
    "Фома": (("Фомич",), ("Фоминична",)),
    "Лука": (("Лукич",), ("Лукинична",)),
    "Никита": (("Никитич",), ("Никитична",)),
    "Савва": (("Саввич",), ("Саввична",)),
    "Данила": (("Данилович",), ("Даниловна",)),
    "Гаврила": (("Гаврилович",), ("Гавриловна",)),
    "Дмитрий": (("Дмитриевич",), ("Дмитриевна",)),
    "Георгий": (("Георгиевич",), ("Георгиевна",)),
    "Ерёма": (("Ерёмич",), ("Ерёмична",)),
}
_RU_HUSHING = frozenset("жшчщц")


def ukrainian_patronymics(name: str) -> Forms:
    """Masculine and feminine Ukrainian patronymics for a Ukrainian given name."""
    if name in _UK_EXCEPTIONS:
        return _UK_EXCEPTIONS[name]
    if name.endswith("й"):
        return (name + "ович",), (name[:-1] + "ївна",)
    if name.endswith("ь"):
        return (name + "ович",), (name[:-1] + "івна",)
    if name[-1:] in ("о", "а", "я"):
        stem = name[:-1]
        return (stem + "ович",), (stem + "івна",)
    return (name + "ович",), (name + "івна",)


def russian_patronymics(name: str) -> Forms:
    """Masculine and feminine Russian patronymics for a Russian given name."""
    if name in _RU_EXCEPTIONS:
        return _RU_EXCEPTIONS[name]
    if name.endswith("ий"):
        stem = name[:-2]
        return (
            (stem + "ьевич", stem + "иевич"),
            (stem + "ьевна", stem + "иевна"),
        )
    if name.endswith("й") or name.endswith("ь"):
        stem = name[:-1]
        return (stem + "евич",), (stem + "евна",)
    if name[-1:] in ("а", "я"):
        stem = name[:-1]
        return (stem + "ич",), (stem + "ична",)
    if name[-1:] in _RU_HUSHING:
        return (name + "евич",), (name + "евна",)
    return (name + "ович",), (name + "овна",)

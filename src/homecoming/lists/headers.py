"""Column headers of person lists: the canonical fields and the names lists give them.

Official lists name the same column many ways ("Прізвище", "ФАМИЛИЯ ", "Фамилия:",
"last_name", "Дата рождения (дд.мм.гггг)"). A header is recognised by its *key*: the
text case-folded, with spaces, line breaks, dots, commas, dashes, underscores and
apostrophes removed and ё read as е; when that key is unknown, the text in brackets
is dropped and the key tried again::

    header_key("Ім’я")                        == "імя"
    canonical_field("Дата рождения (дд.мм.гггг)") == "birth_date"
    canonical_field("Ф.И.О.")                 == "full_name"
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = [
    "CANONICAL_FIELDS",
    "DATE_FIELDS",
    "HEADER_ALIASES",
    "MAX_LENGTHS",
    "NAME_FIELDS",
    "canonical_field",
    "header_key",
]

#: Every field a list may carry, in the order lists usually give them.
CANONICAL_FIELDS: tuple[str, ...] = (
    "record_id",
    "surname",
    "given_name",
    "patronymic",
    "full_name",
    "birth_date",
    "birth_place",
    "sex",
    "rank",
    "service_number",
    "unit",
    "category",
    "capture_date",
    "capture_place",
    "health",
    "mother_maiden_name",
    "person_to_inform",
    "nationality",
    "address",
    "identity_document",
    "place_of_internment",
)

#: Fields that hold a person's name; a row needs at least one of them.
NAME_FIELDS: tuple[str, ...] = ("surname", "given_name", "patronymic", "full_name")
#: Fields read as partial dates.
DATE_FIELDS: tuple[str, ...] = ("birth_date", "capture_date")

#: The longest text each field may hold (the registry's column sizes).
MAX_LENGTHS: Mapping[str, int] = {
    "record_id": 64,
    "surname": 200,
    "given_name": 200,
    "patronymic": 200,
    "full_name": 400,
    "birth_date": 64,
    "birth_place": 200,
    "sex": 64,
    "rank": 120,
    "service_number": 64,
    "unit": 200,
    "category": 64,
    "capture_date": 64,
    "capture_place": 200,
    "health": 200,
    "mother_maiden_name": 200,
    "person_to_inform": 400,
    "nationality": 120,
    "address": 400,
    "identity_document": 200,
    "place_of_internment": 200,
}

#: canonical field -> the headers lists use for it (Ukrainian, Russian, English).
HEADER_ALIASES: Mapping[str, tuple[str, ...]] = {
    "record_id": (
        "record_id",
        "№ з/п",
        "№ п/п",
        "№",
        "N",
        "No",
        "Nr",
        "#",
        "id",
        "record id",
        "номер",
        "номер з/п",
        "номер п/п",
        "з/п",
        "п/п",
        "порядковий номер",
        "порядковый номер",
        "ідентифікатор",
        "идентификатор",
        "reference",
        "ref",
    ),
    "surname": (
        "surname",
        "Прізвище",
        "Фамилия",
        "last_name",
        "family_name",
        "last name",
        "family name",
        "прізвище (укр.)",
        "фамилия (рус.)",
    ),
    "given_name": (
        "given_name",
        "Ім'я",
        "Имя",
        "first_name",
        "first name",
        "given name",
        "given names",
        "forename",
        "name (given)",
    ),
    "patronymic": (
        "patronymic",
        "По батькові",
        "Отчество",
        "father_name",
        "father's name",
        "ім'я по батькові",
        "имя по отцу",
        "middle name",
        "middle_name",
    ),
    "full_name": (
        "full_name",
        "ПІБ",
        "П.І.Б.",
        "ФИО",
        "Ф.И.О.",
        "name",
        "full name",
        "Прізвище, ім'я, по батькові",
        "Прізвище ім'я по батькові",
        "Фамилия, имя, отчество",
        "Фамилия Имя Отчество",
        "Фамилия, имя, отчество (при наличии)",
        "прізвище та ім'я",
        "Прізвище, ім'я та по батькові",
        "Фамилия, имя и отчество",
        "ПІП",
        "ФІО",
        "П.І.П.",
        "фамилия и имя",
        "person",
        "особа",
    ),
    "birth_date": (
        "birth_date",
        "Дата народження",
        "Дата рождения",
        "dob",
        "date of birth",
        "birth date",
        "born",
        "д.н.",
        "д.р.",
        "дата нар.",
        "дата рожд.",
        "рік народження",
        "год рождения",
    ),
    "birth_place": (
        "birth_place",
        "Місце народження",
        "Место рождения",
        "place of birth",
        "birth place",
    ),
    "sex": ("sex", "Стать", "Пол", "gender"),
    "rank": (
        "rank",
        "Звання",
        "Звание",
        "військове звання",
        "воинское звание",
        "military rank",
        "чин",
    ),
    "service_number": (
        "service_number",
        "Військовий квиток",
        "Особовий номер",
        "Личный номер",
        "Жетон",
        "service number",
        "номер військового квитка",
        "номер военного билета",
        "Военный билет",
        "особистий номер",
        "личный жетон",
        "жетон №",
        "номер жетона",
        "service no",
        "personal number",
        "military id",
    ),
    "unit": (
        "unit",
        "Військова частина",
        "Воинская часть",
        "в/ч",
        "частина",
        "часть",
        "military unit",
        "підрозділ",
        "подразделение",
    ),
    "category": ("category", "Категорія", "Категория", "статус особи", "статус лица"),
    "capture_date": (
        "capture_date",
        "Дата полону",
        "Дата пленения",
        "Дата захоплення",
        "date of capture",
        "capture date",
        "дата потрапляння в полон",
        "дата взяття в полон",
        "дата задержания",
    ),
    "capture_place": (
        "capture_place",
        "Місце полону",
        "Место пленения",
        "place of capture",
        "capture place",
        "місце захоплення",
        "место задержания",
    ),
    "health": (
        "health",
        "Стан здоров'я",
        "Состояние здоровья",
        "health status",
        "condition",
        "стан",
        "состояние",
    ),
    "mother_maiden_name": (
        "mother_maiden_name",
        "mother's maiden name",
        "дівоче прізвище матері",
        "девичья фамилия матери",
    ),
    "person_to_inform": (
        "person_to_inform",
        "person to inform",
        "next of kin",
        "кого повідомити",
        "кого уведомить",
        "контактна особа",
        "контактное лицо",
    ),
    "nationality": (
        "nationality",
        "громадянство",
        "гражданство",
        "citizenship",
    ),
    "address": (
        "address",
        "адреса",
        "адрес",
        "last address",
        "місце проживання",
        "место жительства",
    ),
    "identity_document": (
        "identity_document",
        "identity document",
        "документ",
        "паспорт",
        "документ, що посвідчує особу",
        "документ, удостоверяющий личность",
    ),
    "place_of_internment": (
        "place_of_internment",
        "place of internment",
        "місце утримання",
        "место содержания",
    ),
}

# Everything that may decorate a header without changing its meaning.
_NOISE = re.compile(r"[\s\u00a0\u2007\u202f.,;:_\-–—*'’ʼ`‘´\"«»]+")
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def header_key(text: str) -> str:
    """The comparison key of a header: case, spacing and punctuation removed."""
    return _NOISE.sub("", text.casefold().replace("ё", "е"))


_ALIAS_KEYS: dict[str, str] = {}
for _field, _aliases in HEADER_ALIASES.items():
    for _alias in (_field, *_aliases):
        _ALIAS_KEYS.setdefault(header_key(_alias), _field)


def canonical_field(header: str) -> str | None:
    """The canonical field a header names, or None when it is not recognised."""
    key = header_key(header)
    if not key:
        return None
    field = _ALIAS_KEYS.get(key)
    if field is None and ("(" in header or "[" in header):
        field = _ALIAS_KEYS.get(header_key(_BRACKETED.sub("", header)))
    return field

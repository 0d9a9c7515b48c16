"""Writing a scenario's lists as the files parties send: official headers, their language.

Each party's lists carry the headers its officials use (``№ з/п, Прізвище, Ім'я, По
батькові, ПІБ, ...`` on Ukraine's, ``№ п/п, Фамилия, Имя, Отчество, ФИО, ...`` on
Russia's) below a title row, with dates as ``17.05.1990`` (``05.1990``, ``1990`` when
partial) and sex, category and health in words. Held lists are XLSX, sought lists
CSV (Ukraine's UTF-8 with BOM, Russia's Windows-1251 with ``;``);
``homecoming.lists.read_person_list`` reads them all back.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path

from homecoming.engines.linkage.dates import PartialDate
from homecoming.lists import CANONICAL_FIELDS, write_person_list
from homecoming.synth.model import Scenario, SynthPerson

__all__ = [
    "LIST_COLUMNS",
    "LIST_HEADERS",
    "write_scenario_lists",
    "write_scenario_truth",
]

#: The canonical list fields the generator fills, in the order lists give them.
_PERSON_FIELDS = {person_field.name for person_field in fields(SynthPerson)}
LIST_COLUMNS: tuple[str, ...] = tuple(
    name for name in CANONICAL_FIELDS if name in _PERSON_FIELDS
)

#: language -> canonical column -> the header officials write.
LIST_HEADERS: Mapping[str, Mapping[str, str]] = {
    "uk": {
        "record_id": "№ з/п", "surname": "Прізвище", "given_name": "Ім'я",
        "patronymic": "По батькові", "full_name": "ПІБ", "birth_date": "Дата народження",
        "birth_place": "Місце народження", "sex": "Стать", "rank": "Військове звання",
        "service_number": "Особовий номер", "unit": "Військова частина",
        "category": "Категорія", "capture_date": "Дата полону",
        "capture_place": "Місце полону", "health": "Стан здоров'я",
        "mother_maiden_name": "Дівоче прізвище матері",
        "person_to_inform": "Кого повідомити",
    },
    "ru": {
        "record_id": "№ п/п", "surname": "Фамилия", "given_name": "Имя",
        "patronymic": "Отчество", "full_name": "ФИО", "birth_date": "Дата рождения",
        "birth_place": "Место рождения", "sex": "Пол", "rank": "Воинское звание",
        "service_number": "Личный номер", "unit": "Воинская часть",
        "category": "Категория", "capture_date": "Дата пленения",
        "capture_place": "Место пленения", "health": "Состояние здоровья",
        "mother_maiden_name": "Девичья фамилия матери",
        "person_to_inform": "Кого уведомить",
    },
}  # fmt: skip

_WORDS: Mapping[str, Mapping[str, str]] = {
    "uk": {
        "m": "ч", "f": "ж", "military": "військовий", "civilian": "цивільний",
        "healthy": "здоровий", "wounded": "поранений", "seriously wounded": "тяжко поранений",
        "sick": "хворий", "seriously sick": "тяжко хворий",
    },
    "ru": {
        "m": "м", "f": "ж", "military": "военнослужащий", "civilian": "гражданский",
        "healthy": "здоров", "wounded": "ранен", "seriously wounded": "тяжело ранен",
        "sick": "болен", "seriously sick": "тяжело болен",
    },
}  # fmt: skip
_TITLES = {
    ("uk", "held"): "Список осіб, які утримуються Україною",
    ("uk", "sought"): "Список осіб, яких розшукує Україна",
    ("ru", "held"): "Список лиц, содержащихся Российской Федерацией",
    ("ru", "sought"): "Список лиц, разыскиваемых Российской Федерацией",
}


def _date_text(date: PartialDate | None) -> str:
    if date is None:
        return ""
    if date.month is None:
        return f"{date.year}"
    if date.day is None:
        return f"{date.month:02d}.{date.year}"
    return f"{date.day:02d}.{date.month:02d}.{date.year}"


def _row(person: SynthPerson, language: str) -> dict[str, str]:
    words = _WORDS[language]
    row = {column: str(getattr(person, column) or "") for column in LIST_COLUMNS}
    row["birth_date"] = _date_text(person.birth_date)
    row["capture_date"] = _date_text(person.capture_date)
    for column in ("sex", "category", "health"):
        row[column] = words.get(row[column], row[column])
    return row


def write_scenario_lists(scenario: Scenario, directory: str | Path) -> list[Path]:
    """Write every held and sought list of ``scenario`` into ``directory``.

    Returns the paths written: ``<party>-held.xlsx`` and ``<party>-sought.csv``. The
    Russian sought list is a Windows-1251 CSV separated by ``;``, as Excel on a Russian
    Windows saves one; the Ukrainian one is UTF-8 with a byte-order mark.
    """
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for kind, lists, fmt in (
        ("held", scenario.held, "xlsx"),
        ("sought", scenario.sought, "csv"),
    ):
        for code, persons in lists.items():
            language = scenario.party(code).language
            path = target / f"{code}-{kind}.{fmt}"
            windows = fmt == "csv" and language == "ru"
            write_person_list(
                (_row(p, language) for p in persons),
                columns=LIST_COLUMNS,
                destination=path,
                format=fmt,
                headers=LIST_HEADERS[language],
                title_rows=(_TITLES[(language, kind)],),
                encoding="cp1251" if windows else "utf-8-sig",
                delimiter=";" if windows else ",",
            )
            paths.append(path)
    return paths


def write_scenario_truth(scenario: Scenario, directory: str | Path) -> list[Path]:
    """Write the known links as link files (DESIGN.md section 5), one per seeking party.

    ``<seeker>-sought-<holder>-held-truth.csv`` has ``left_id,right_id,score,decision,
    reason`` with the sought record id on the left and the held one on the right, so
    the output of ``homecoming match`` on the two lists can be compared with it.
    """
    target = Path(directory)
    target.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    for seeker, holder in (("ua", "ru"), ("ru", "ua")):
        links = [
            {
                "left_id": sought_id,
                "right_id": held_id,
                "score": "1",
                "decision": "match",
                "reason": "generated truth",
            }
            for (seeking, sought_id), (_, held_id) in scenario.truth.items()
            if seeking == seeker
        ]
        path = target / f"{seeker}-sought-{holder}-held-truth.csv"
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(
                stream,
                fieldnames=["left_id", "right_id", "score", "decision", "reason"],
                lineterminator="\n",
            )
            writer.writeheader()
            writer.writerows(sorted(links, key=lambda link: link["left_id"]))
        paths.append(path)
    return paths

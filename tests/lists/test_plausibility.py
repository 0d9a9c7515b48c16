"""Plausibility: impossible dates are problems, implausible ages and damaged names
warnings (issue 11, defect 3)."""

from __future__ import annotations

import datetime as dt

import pytest

from homecoming.engines.linkage.dates import PartialDate
from homecoming.lists import read_person_list
from tests.lists.builders import csv_bytes

HEADER = ["№ з/п", "Прізвище", "Ім'я", "Дата народження", "Категорія", "Дата полону"]
GOOD = ["1", "Шевчук", "Олександр", "17.05.1990", "військовий", "01.03.2024"]
TODAY = dt.date(2026, 12, 4)


def read(*rows: list[str], today: dt.date = TODAY) -> object:
    data = csv_bytes([HEADER, GOOD, *rows])
    return read_person_list("held.csv", data=data, today=today)


@pytest.mark.parametrize(
    ("row", "field", "words"),
    [
        (["2", "Коваль", "Іван", "01.01.2090", "ВП", ""], "birth_date", "future"),
        (["2", "Коваль", "Іван", "1990", "ВП", "05.2090"], "capture_date", "future"),
        (["2", "Коваль", "Іван", "05.12.2026", "ВП", ""], "birth_date", "future"),
        (
            ["2", "Коваль", "Іван", "2001", "ВП", "1999"],
            "birth_date",
            "after the capture",
        ),
    ],
)
def test_an_impossible_date_is_a_problem_naming_file_row_and_field(
    row: list[str], field: str, words: str
) -> None:
    list_file = read(row)
    assert [(p.line, p.field) for p in list_file.problems] == [(3, field)]
    text = str(list_file.problems[0])
    assert text.startswith(f"held.csv, row 3, field {field}: ") and words in text
    assert list_file.rows[1].birth_date is None or field == "capture_date"


def test_a_date_is_judged_against_the_given_today() -> None:
    row = ["2", "Коваль", "Іван", "1990", "ВП", "05.2027"]
    assert read(row).problems != ()
    assert read(row, today=dt.date(2027, 6, 1)).problems == ()


def test_partial_dates_are_after_only_when_certainly_so() -> None:
    list_file = read(["2", "Коваль", "Іван", "1990", "ВП", "05.1990"])
    assert list_file.problems == ()
    assert list_file.rows[1].birth_date == PartialDate(1990)


@pytest.mark.parametrize(
    ("birth", "capture", "category", "warned"),
    [
        ("01.06.2012", "01.03.2024", "ВП", True),  # 11 at capture
        ("1930", "01.03.2024", "військовий", True),  # 93 or 94
        ("1930", "", "ВП", True),  # 96 today
        ("01.06.2012", "01.03.2024", "цивільний", False),  # a civilian child
        ("01.01.2010", "02.01.2024", "ВП", False),  # 14
        ("1944", "2024", "ВП", False),  # 79 or 80
    ],
)
def test_a_military_age_outside_14_to_80_is_a_warning_not_a_problem(
    birth: str, capture: str, category: str, warned: bool
) -> None:
    list_file = read(["2", "Коваль", "Іван", birth, category, capture])
    assert list_file.problems == ()
    assert [(w.line, w.field) for w in list_file.warnings] == (
        [(3, "birth_date")] if warned else []
    )
    if warned:
        assert "aged" in str(list_file.warnings[0])


@pytest.mark.parametrize(
    ("surname", "words"),
    [
        ("Коваленко".encode("koi8-u").decode("cp1251"), "wrong encoding"),
        ("Коваленко".encode().decode("cp1251"), "wrong encoding"),
        ("Коваленко".encode("cp1251").decode("latin-1"), "wrong encoding"),
        ("Ковал?нко", "'?'"),
        ("Ковал\ufffdнко", "'?'"),
        ('=HYPERLINK("http://x")', "formula"),
        ("+380501234567", "formula"),
    ],
)
def test_a_damaged_name_is_a_warning(surname: str, words: str) -> None:
    list_file = read(["2", surname, "Іван", "1990", "ВП", ""])
    assert list_file.problems == ()
    assert [(w.line, w.field) for w in list_file.warnings] == [(3, "surname")]
    assert words in str(list_file.warnings[0])


@pytest.mark.parametrize(
    "surname", ["КОВАЛЕНКО", "Коваленко-Шевчук", "О'Коннор", "Müller", "д'Артаньян"]
)
def test_ordinary_names_are_not_warned(surname: str) -> None:
    assert read(["2", surname, "Іван", "1990", "ВП", ""]).warnings == ()

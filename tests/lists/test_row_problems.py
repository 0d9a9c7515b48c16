"""Every kind of bad row is reported with its file, row (as a spreadsheet counts) and field."""

from __future__ import annotations

import pytest

from homecoming.engines.linkage.dates import PartialDate
from homecoming.lists import RowProblem, category_of, read_person_list, sex_of
from tests.lists.builders import csv_bytes

HEADER = [
    "№ з/п",
    "Прізвище",
    "Ім'я",
    "Дата народження",
    "Стать",
    "Категорія",
    "Дата полону",
]
GOOD = ["1", "Шевчук", "Олександр", "17.05.1990", "ч", "військовий", "2024-03-01"]


def problems_of(*bad_rows: list[str]) -> tuple[RowProblem, ...]:
    data = csv_bytes([HEADER, GOOD, *bad_rows])
    return read_person_list("sought.csv", data=data).problems


@pytest.mark.parametrize(
    ("row", "field", "value", "message"),
    [
        (
            ["2", "Коваль", "Ганна", "31.02.1990", "ж", "", ""],
            "birth_date",
            "31.02.1990",
            "'31.02.1990' is not a date (31.02.1990 is not a calendar day; expected",
        ),
        (
            ["2", "Коваль", "Ганна", "вчора", "ж", "", ""],
            "birth_date",
            "вчора",
            "'вчора' is not a date (expected 1990-05-17, 17.05.1990",
        ),
        (
            ["2", "Коваль", "Ганна", "", "ж", "", "13/13/2024"],
            "capture_date",
            "13/13/2024",
            "'13/13/2024' is not a date",
        ),
        (
            ["2", "", "", "1990", "ж", "", ""],
            "surname",
            "",
            "no name given (expected surname and given name, or a full name)",
        ),
        (
            ["", "Коваль", "Ганна", "", "", "", ""],
            "record_id",
            "",
            "the record id is empty",
        ),
        (
            ["1", "Коваль", "Ганна", "", "", "", ""],
            "record_id",
            "1",
            "the record id '1' is also on row 2 (expected each record once)",
        ),
        (
            ["2", "Коваль", "Ганна", "", "x", "", ""],
            "sex",
            "x",
            "'x' is not a sex (expected ч/ж, м/ж, m/f, male/female)",
        ),
        (
            ["2", "Коваль", "Ганна", "", "", "турист", ""],
            "category",
            "турист",
            "'турист' is not a category (expected military or civilian",
        ),
        (
            ["2", "Коваль" * 50, "Ганна", "", "", "", ""],
            "surname",
            ("Коваль" * 7)[:40] + "…",
            "the text is 300 characters long (expected at most 200)",
        ),
    ],
)
def test_each_bad_row_is_named_with_its_line_and_field(
    row: list[str], field: str, value: str, message: str
) -> None:
    # Given a good row on line 2 and one bad row on line 3
    # When the list is read
    (problem,) = problems_of(row)
    # Then the one problem names the file, line 3, the field and what was expected
    assert (problem.filename, problem.line, problem.field) == ("sought.csv", 3, field)
    assert problem.value == value
    assert problem.message.startswith(message)
    assert str(problem).startswith(f"sought.csv, row 3, field {field}: {message}")


def test_rows_with_problems_are_still_returned_with_what_could_be_read() -> None:
    data = csv_bytes([HEADER, ["7", "Коваль", "Ганна", "31.02.1990", "ж", "", ""]])
    list_file = read_person_list("sought.csv", data=data)
    (row,) = list_file.rows
    assert row.birth_date is None
    assert row.fields["birth_date"] == "31.02.1990"
    assert row.sex == "f"


def test_problems_of_several_rows_come_in_line_order() -> None:
    problems = problems_of(
        ["2", "Коваль", "Ганна", "1990-02-30", "", "", ""],
        ["3", "", "", "", "", "", ""],
        ["2", "Бондар", "Іван", "", "?", "", ""],
    )
    assert [(p.line, p.field) for p in problems] == [
        (3, "birth_date"),
        (4, "surname"),
        (5, "record_id"),
        (5, "sex"),
    ]


def test_an_extra_column_that_is_too_long_is_a_problem() -> None:
    data = csv_bytes([[*HEADER, "Примітка"], [*GOOD, "x" * 2001]])
    (problem,) = read_person_list("sought.csv", data=data).problems
    assert (problem.line, problem.field) == (2, "Примітка")


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("1990-05-17", PartialDate(1990, 5, 17)),
        ("17.05.1990", PartialDate(1990, 5, 17)),
        ("17/05/1990", PartialDate(1990, 5, 17)),
        ("05.1990", PartialDate(1990, 5)),
        ("1990", PartialDate(1990)),
        ("1990 р.", PartialDate(1990)),
        ("32915", PartialDate(1990, 2, 11)),
    ],
)
def test_the_date_forms_lists_use_are_read(text: str, date: PartialDate) -> None:
    data = csv_bytes([HEADER, ["1", "Шевчук", "Олександр", text, "", "", ""]])
    list_file = read_person_list("held.csv", data=data)
    assert list_file.problems == ()
    assert list_file.rows[0].birth_date == date
    assert list_file.rows[0].fields["birth_date"] == text


@pytest.mark.parametrize(
    ("text", "sex"),
    [
        ("ч", "m"), ("Ч.", "m"), ("чол", "m"), ("чоловіча", "m"), ("м", "m"),
        ("муж.", "m"), ("мужской", "m"), ("M", "m"), ("male", "m"),
        ("ж", "f"), ("Ж", "f"), ("жін.", "f"), ("жіноча", "f"), ("жен", "f"),
        ("женский", "f"), ("F", "f"), ("Female", "f"),
        ("«ч»", "m"), ("муж.*", "m"),  # punctuation ignored as in headers
        ("?", None), ("чж", None),
    ],
)  # fmt: skip
def test_sex_is_normalised_beside_the_text_as_written(
    text: str, sex: str | None
) -> None:
    assert sex_of(text) == sex


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("military", "military"), ("Військовий", "military"),
        ("військовослужбовець", "military"), ("ВП", "military"), ("военный", "military"),
        ("Военнопленный", "military"), ("civilian", "civilian"), ("цивільний", "civilian"),
        ("Цивільна особа", "civilian"), ("гражданский", "civilian"),
        ("гражданское лицо", "civilian"), ("другое", None),
    ],
)  # fmt: skip
def test_category_is_normalised_beside_the_text_as_written(
    text: str, category: str | None
) -> None:
    assert category_of(text) == category


def test_row_keeps_sex_and_category_text_as_written() -> None:
    list_file = read_person_list("held.csv", data=csv_bytes([HEADER, GOOD]))
    row = list_file.rows[0]
    assert (row.fields["sex"], row.sex) == ("ч", "m")
    assert (row.fields["category"], row.category) == ("військовий", "military")


@pytest.mark.parametrize(
    "written", ["-", "—", "невідомо", "Не відомо", "неизвестно", "н/д", "Н/В"]
)
def test_an_unknown_date_word_reads_as_no_date_and_no_problem(written: str) -> None:
    data = csv_bytes(
        [HEADER, GOOD, ["2", "Коваль", "Ганна", written, "ж", "", written]]
    )
    list_file = read_person_list("sought.csv", data=data)
    assert list_file.problems == ()
    row = list_file.rows[1]
    assert row.birth_date is None and row.capture_date is None
    assert row.fields["birth_date"] == written  # kept as written


@pytest.mark.parametrize(
    ("written", "reading"),
    [
        ("17.05.1990 р.", PartialDate(1990, 5, 17)),
        ("17.05.1990г.", PartialDate(1990, 5, 17)),
        ("17.05.1990 року", PartialDate(1990, 5, 17)),
        ("1990 года", PartialDate(1990)),
        ("05.1990 г", PartialDate(1990, 5)),
    ],
)
def test_the_year_word_after_a_date_is_dropped(
    written: str, reading: PartialDate
) -> None:
    data = csv_bytes([HEADER, GOOD, ["2", "Коваль", "Ганна", written, "ж", "", ""]])
    list_file = read_person_list("sought.csv", data=data)
    assert list_file.problems == ()
    assert list_file.rows[1].birth_date == reading

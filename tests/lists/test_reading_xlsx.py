"""Reading XLSX person lists: real date cells, serial numbers, title rows, sheets."""

from __future__ import annotations

import datetime as dt

import pytest

from homecoming.engines.linkage.dates import PartialDate
from homecoming.lists import ListFileError, read_person_list
from tests.lists.builders import RU_HEADER, UK_HEADER, UK_ROWS, xlsx_bytes


def test_xlsx_list_is_read_from_its_content_whatever_its_name() -> None:
    data = xlsx_bytes([UK_HEADER, *UK_ROWS])
    list_file = read_person_list("upload.bin", data=data, filename="upload.bin")
    assert list_file.format == "xlsx"
    assert list_file.encoding is None
    assert [r.fields["surname"] for r in list_file.rows] == ["Шевчук", "Ковальчук"]
    assert list_file.rows[0].line == 2


def test_real_date_cells_and_serial_numbers_and_years_are_dates() -> None:
    # Given a birth date column holding a real date, a datetime, a serial and a year
    data = xlsx_bytes(
        [
            RU_HEADER,
            ["1", "Иванов", "Иван", "Иванович", dt.date(1990, 5, 17), "м"],
            ["2", "Петров", "Пётр", "", dt.datetime(1985, 1, 2, 0, 0), "м"],
            ["3", "Сидоров", "Сидор", "", 32915, "м"],
            ["4", "Кузнецов", "Илья", "", 1977, "м"],
            ["5", "Павлов", "Павел", "", "17.05.1990", "м"],
        ]
    )
    list_file = read_person_list("held.xlsx", data=data)
    # Then each is read as the date it stands for, a year staying a year
    assert list_file.problems == ()
    assert [r.birth_date for r in list_file.rows] == [
        PartialDate(1990, 5, 17),
        PartialDate(1985, 1, 2),
        PartialDate(1990, 2, 11),
        PartialDate(1977),
        PartialDate(1990, 5, 17),
    ]
    assert list_file.rows[0].fields["birth_date"] == "1990-05-17"
    assert list_file.rows[3].fields["birth_date"] == "1977"


def test_numbers_in_text_columns_lose_no_digits_and_gain_no_decimals() -> None:
    data = xlsx_bytes(
        [
            ["№", "Прізвище", "Особовий номер"],
            [1, "Шевчук", 1234567],
            [2.0, "Коваль", 7.5],
        ]
    )
    rows = read_person_list("held.xlsx", data=data).rows
    assert [r.record_id for r in rows] == ["1", "2"]
    assert [r.fields["service_number"] for r in rows] == ["1234567", "7.5"]


def test_title_rows_above_the_header_in_a_sheet_are_skipped() -> None:
    data = xlsx_bytes(
        [
            ["СПИСОК військовополонених"],
            ["станом на", dt.date(2025, 1, 1)],
            [],
            UK_HEADER,
            *UK_ROWS,
            [],
            (*UK_ROWS[0][:1], "Бондар", "Іван", "", "", "ч"),
        ]
    )
    list_file = read_person_list("held.xlsx", data=data)
    assert list_file.header_line == 4
    assert [r.line for r in list_file.rows] == [5, 6, 8]
    assert [p.field for p in list_file.problems] == ["record_id"]  # "1." again


def test_the_first_sheet_with_a_header_is_read() -> None:
    data = xlsx_bytes(
        [["Пояснювальна записка"], ["Цей файл містить список."]],
        [UK_HEADER, *UK_ROWS],
        titles=("Записка", "Список"),
    )
    list_file = read_person_list("held.xlsx", data=data)
    assert list_file.sheet == "Список"
    assert len(list_file.rows) == 2


def test_a_workbook_without_a_header_is_a_file_error() -> None:
    data = xlsx_bytes([["a", "b"], [1, 2]])
    with pytest.raises(ListFileError, match=r"held\.xlsx: no header recognised"):
        read_person_list("held.xlsx", data=data)


def test_a_broken_workbook_is_a_file_error() -> None:
    with pytest.raises(
        ListFileError, match=r"held\.xlsx: the workbook cannot be opened"
    ):
        read_person_list("held.xlsx", data=b"PK\x03\x04not really a zip")


def test_a_text_file_named_xlsx_is_a_file_error() -> None:
    with pytest.raises(ListFileError, match=r"not a valid \.xlsx"):
        read_person_list("held.xlsx", data=b"Surname,Given name\nA,B\n")


def test_a_formula_cell_without_a_saved_value_is_a_problem_not_dropped() -> None:
    # openpyxl writes formulas without cached values, as scripts and some exports do
    header = ["№ з/п", "Прізвище", "Ім'я", "Дата народження", "Примітка"]
    data = xlsx_bytes(
        [
            header,
            ["1", "Шевчук", "Олександр", "17.05.1990", "ok"],
            ["2", "Коваль", '=UPPER("ганна")', "1985", "=1+1"],
        ]
    )
    list_file = read_person_list("held.xlsx", data=data)
    found = {(p.line, p.field): str(p) for p in list_file.problems}
    assert set(found) == {(3, "given_name"), (3, "Примітка")}
    assert found[(3, "given_name")].startswith("held.xlsx, row 3, field given_name: ")
    assert 'UPPER("ганна")' in found[(3, "given_name")]
    assert "without its value" in found[(3, "given_name")]
    assert "given_name" not in list_file.rows[1].fields

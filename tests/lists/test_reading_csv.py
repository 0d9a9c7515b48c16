"""Reading CSV person lists: encodings, delimiters, header names, title rows, --map."""

from __future__ import annotations

import pytest

from homecoming.engines.linkage.dates import PartialDate
from homecoming.lists import ListFileError, canonical_field, read_person_list
from tests.lists.builders import EN_HEADER, RU_HEADER, UK_HEADER, UK_ROWS, csv_bytes


def read_csv(data: bytes, name: str = "held.csv", **kwargs: object):  # type: ignore[no-untyped-def]
    return read_person_list(name, data=data, filename=name, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1251", "cp1251")],
)
def test_every_encoding_reads_the_same_names(encoding: str, reported: str) -> None:
    # Given a Ukrainian list saved in each encoding lists come in
    data = csv_bytes([UK_HEADER, *UK_ROWS], encoding=encoding)
    # When it is read
    list_file = read_csv(data)
    # Then the names are exactly as written and the encoding is named
    assert list_file.encoding == reported
    assert [r.fields["surname"] for r in list_file.rows] == ["Шевчук", "Ковальчук"]
    assert list_file.rows[0].fields["given_name"] == "Олександр"
    assert list_file.problems == ()


def test_utf16_with_bom_as_excel_unicode_text_is_read() -> None:
    data = csv_bytes([UK_HEADER, *UK_ROWS], encoding="utf-16", delimiter="\t")
    list_file = read_csv(data)
    assert list_file.encoding == "utf-16"
    assert list_file.rows[1].fields["surname"] == "Ковальчук"


def test_bytes_that_are_neither_utf8_nor_cp1251_are_a_file_error() -> None:
    # 0x98 is the one byte Windows-1251 leaves undefined
    data = "Прізвище,Ім'я\n".encode() + b"\xff\x98\n"
    with pytest.raises(ListFileError, match=r"held\.csv: unknown text encoding"):
        read_csv(data)


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_delimiter_is_sniffed(delimiter: str) -> None:
    data = csv_bytes([UK_HEADER, *UK_ROWS], delimiter=delimiter)
    list_file = read_csv(data)
    assert list_file.rows[0].fields["patronymic"] == "Іванович"
    assert list_file.rows[0].record_id == "1."


def test_semicolon_file_with_commas_in_a_title_row_is_read() -> None:
    title = ["Список осіб, станом на 01.01.2025, складений штабом"]
    data = csv_bytes([title, [], list(UK_HEADER), *UK_ROWS], delimiter=";")
    list_file = read_csv(data)
    assert list_file.header_line == 3
    assert [r.line for r in list_file.rows] == [4, 5]


@pytest.mark.parametrize("header", [UK_HEADER, RU_HEADER, EN_HEADER])
def test_headers_in_ukrainian_russian_and_english_are_recognised(
    header: tuple[str, ...],
) -> None:
    list_file = read_csv(csv_bytes([header, *UK_ROWS]))
    assert sorted(list_file.header_map.values()) == sorted(
        ["record_id", "surname", "given_name", "patronymic", "birth_date", "sex"]
    )
    row = list_file.rows[0]
    assert row.birth_date == PartialDate(1990, 5, 17)
    assert row.sex == "m"
    assert list_file.rows[1].birth_date == PartialDate(1985)


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("  ПРІЗВИЩЕ ", "surname"),
        ("Прізвище.", "surname"),
        ("Фами\u00a0лия", "surname"),
        ("Дата\nнародження", "birth_date"),
        ("Ім’я", "given_name"),
        ("Імʼя", "given_name"),
        ("Ім`я", "given_name"),
        ("ІМ'Я:", "given_name"),
        ("Прізвище, ім'я, по батькові", "full_name"),
        ("ПІБ", "full_name"),
        ("П.І.Б.", "full_name"),
        ("Ф.И.О.", "full_name"),
        ("Фамилия Имя Отчество", "full_name"),
        ("Дата рождения (дд.мм.гггг)", "birth_date"),
        ("Дата народження (дд.мм.рррр)", "birth_date"),
        ("№з/п", "record_id"),
        ("№ п/п.", "record_id"),
        ("Last Name", "surname"),
        ("FAMILY_NAME", "surname"),
        ("Личный номер", "service_number"),
        ("Военный билет", "service_number"),
        ("Жетон", "service_number"),
        ("Стан здоров’я", "health"),
        ("Состояние здоровья", "health"),
        ("Дата пленения", "capture_date"),
        ("Дата захоплення", "capture_date"),
        ("Місце полону", "capture_place"),
        ("Воинская часть", "unit"),
        ("Звание", "rank"),
        ("Категорія", "category"),
        ("Место рождения", "birth_place"),
        ("Примітка", None),
    ],
)
def test_header_variants_are_recognised_whatever_their_spacing_and_case(
    header: str, field: str | None
) -> None:
    assert canonical_field(header) == field


def test_title_rows_above_the_header_are_skipped() -> None:
    data = csv_bytes(
        [
            ["СПИСОК", "", ""],
            ["військовополонених, які утримуються", "", ""],
            list(UK_HEADER),
            *UK_ROWS,
        ]
    )
    list_file = read_csv(data)
    assert list_file.header_line == 3
    assert list_file.rows[0].line == 4
    assert list_file.rows[0].fields["surname"] == "Шевчук"


def test_rows_with_only_a_full_name_are_read_in_either_order() -> None:
    data = csv_bytes(
        [
            ["№ п/п", "ФИО", "Дата рождения"],
            ["1", "ШЕВЧЕНКО Олександр Іванович", "1990"],
            ["2", "Oleksandr Shevchenko", ""],
        ]
    )
    list_file = read_csv(data)
    assert [r.fields["full_name"] for r in list_file.rows] == [
        "ШЕВЧЕНКО Олександр Іванович",
        "Oleksandr Shevchenko",
    ]
    assert list_file.problems == ()


def test_a_single_full_name_column_is_a_header() -> None:
    data = csv_bytes([["ПІБ"], ["Шевчук Олександр Іванович"], ["Коваль Ганна"]])
    list_file = read_csv(data)
    assert list_file.generated_ids
    assert [r.record_id for r in list_file.rows] == ["row-2", "row-3"]


def test_without_a_record_id_column_ids_are_generated_from_the_line() -> None:
    data = csv_bytes(
        [["Прізвище", "Ім'я"], ["Шевчук", "Олександр"], [], ["Коваль", "Ганна"]]
    )
    list_file = read_csv(data)
    assert list_file.generated_ids
    assert [r.record_id for r in list_file.rows] == ["row-2", "row-4"]


def test_record_ids_are_kept_as_written() -> None:
    list_file = read_csv(csv_bytes([UK_HEADER, *UK_ROWS]))
    assert [r.record_id for r in list_file.rows] == ["1.", "2."]
    assert not list_file.generated_ids


def test_empty_rows_are_skipped_and_lines_still_count_them() -> None:
    data = csv_bytes([UK_HEADER, UK_ROWS[0], [], ["", " ", "", "", "", ""], UK_ROWS[1]])
    list_file = read_csv(data)
    assert [r.line for r in list_file.rows] == [2, 5]
    assert list_file.problems == ()


def test_unrecognised_columns_are_kept_as_extra() -> None:
    data = csv_bytes([[*UK_HEADER, "Примітка"], [*UK_ROWS[0], "поранений у руку"]])
    list_file = read_csv(data)
    assert list_file.extra_columns == ("Примітка",)
    assert list_file.rows[0].extra == {"Примітка": "поранений у руку"}
    assert "Примітка" not in list_file.header_map


def test_cells_are_stripped_of_surrounding_spaces_only() -> None:
    data = csv_bytes(
        [UK_HEADER, ["  1 ", " Шевчук-Коваль ", "Олександр\u00a0", "", "", ""]]
    )
    row = read_csv(data).rows[0]
    assert row.record_id == "1"
    assert row.fields == {
        "record_id": "1",
        "surname": "Шевчук-Коваль",
        "given_name": "Олександр",
    }


def test_mapping_names_a_column_the_aliases_do_not_know() -> None:
    data = csv_bytes([["Код", "Хто", "Колонка"], ["A1", "Шевчук Олександр", "1990"]])
    list_file = read_csv(
        data, mapping={"Код": "record_id", "Хто": "full_name", "Колонка": "birth_date"}
    )
    row = list_file.rows[0]
    assert row.record_id == "A1"
    assert row.birth_date == PartialDate(1990)
    assert list_file.header_map == {
        "Код": "record_id",
        "Хто": "full_name",
        "Колонка": "birth_date",
    }


def test_a_single_column_named_only_by_the_mapping_is_a_header() -> None:
    # given a one-column list whose header no alias knows
    data = csv_bytes([["Хто"], ["Шевчук Олександр"], ["Коваль Ганна"]])
    # when the caller maps it to the full name
    list_file = read_csv(data, mapping={"Хто": "full_name"})
    # then it is read as the header, as --map in the error message promises
    assert list_file.header_map == {"Хто": "full_name"}
    assert [r.fields["full_name"] for r in list_file.rows] == [
        "Шевчук Олександр",
        "Коваль Ганна",
    ]


def test_mapping_wins_over_a_recognised_header() -> None:
    data = csv_bytes([["Прізвище", "Ім'я", "Номер"], ["Шевчук", "Олександр", "АБ123"]])
    list_file = read_csv(data, mapping={"Номер": "service_number"})
    assert list_file.rows[0].fields["service_number"] == "АБ123"
    assert list_file.generated_ids


def test_mapping_to_an_unknown_field_is_a_file_error() -> None:
    data = csv_bytes([UK_HEADER, *UK_ROWS])
    with pytest.raises(ListFileError, match="names no known field"):
        read_csv(data, mapping={"Прізвище": "lastname"})


def test_mapping_a_column_not_in_the_file_is_a_file_error() -> None:
    data = csv_bytes([UK_HEADER, *UK_ROWS])
    with pytest.raises(ListFileError, match="not in the header: Відсутня"):
        read_csv(data, mapping={"Відсутня": "rank"})


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b" \r\n \r\n", "the file is empty"),
        (csv_bytes([["a", "b"], ["1", "2"]]), "no header recognised"),
        (
            csv_bytes([["Звання", "Дата полону"], ["солдат", "2024"]]),
            "neither a record-id",
        ),
        (csv_bytes([["Прізвище", "Фамилия"], ["a", "b"]]), "both give surname"),
        (csv_bytes([["Прізвище", "X", "X"], ["a", "b", "c"]]), "'X' appears twice"),
        (csv_bytes([list(UK_HEADER)]), "header but no rows"),
        (b"\xd0\xcf\x11\xe0" + b"\x00" * 100, "old Excel .xls"),
    ],
)
def test_file_level_faults_raise_a_list_file_error_naming_the_file(
    data: bytes, message: str
) -> None:
    with pytest.raises(ListFileError, match=message) as caught:
        read_csv(data, name="sought.csv")
    assert str(caught.value).startswith("sought.csv: ")


def test_a_path_is_read_from_disk(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "held.csv"
    path.write_bytes(csv_bytes([UK_HEADER, *UK_ROWS], encoding="cp1251"))
    list_file = read_person_list(path)
    assert list_file.filename == "held.csv"
    assert list_file.format == "csv"
    assert len(list_file.rows) == 2


def test_a_missing_path_is_a_file_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ListFileError, match=r"missing\.csv: the file cannot be read"):
        read_person_list(tmp_path / "missing.csv")


def test_a_quoted_cell_with_a_line_break_is_one_row() -> None:
    data = csv_bytes(
        [
            UK_HEADER,
            ["1", "Шевчук", "Олександр", "", "", ""],
            ["2", "Коваль\nБондар", "Ганна", "", "", ""],
            ["3", "Бойко", "Іван", "", "", ""],
        ]
    )
    list_file = read_csv(data)
    assert [r.line for r in list_file.rows] == [2, 3, 4]
    assert list_file.rows[1].fields["surname"] == "Коваль\nБондар"


def test_mapping_headers_match_as_forgivingly_as_aliases() -> None:
    data = csv_bytes([["Прізвище", "ОСОБИСТА  ПОЗНАЧКА."], ["Шевчук", "x-1"]])
    list_file = read_csv(data, mapping={"Особиста позначка": "service_number"})
    assert list_file.rows[0].fields["service_number"] == "x-1"

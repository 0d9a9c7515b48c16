"""Writing person lists: CSV with BOM and XLSX, formulas neutralised, exact round trips."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from homecoming.engines.linkage.dates import PartialDate
from homecoming.lists import (
    ListWriteError,
    escape_cell,
    read_person_list,
    unescape_cell,
    write_person_list,
)

COLUMNS = ("record_id", "surname", "given_name", "birth_date")
DANGEROUS = ("==1+1", "=1+1", "+", "-", "@", "\t=", "\r=", "+380501234567", "@SUM(A1)")


def written(rows: list[dict[str, object]], fmt: str, **kwargs: object) -> bytes:
    buffer = io.BytesIO()
    write_person_list(rows, columns=COLUMNS, destination=buffer, format=fmt, **kwargs)  # type: ignore[arg-type]
    return buffer.getvalue()


def test_csv_is_utf8_with_a_byte_order_mark_and_crlf() -> None:
    data = written([{"record_id": "1", "surname": "Шевчук"}], "csv")
    assert data.startswith(b"\xef\xbb\xbfrecord_id,surname,given_name,birth_date\r\n")
    assert "1,Шевчук,,\r\n".encode() in data


@pytest.mark.parametrize("value", DANGEROUS)
def test_csv_cells_that_start_a_formula_get_a_protecting_quote(value: str) -> None:
    data = written([{"record_id": "1", "surname": value}], "csv")
    line = data.decode("utf-8-sig").split("\r\n", 1)[1]
    surname_cell = line.split(",", 2)[1].strip('"')
    assert surname_cell.startswith("'")
    assert surname_cell[1:2] == value[0]


@pytest.mark.parametrize("value", DANGEROUS)
def test_xlsx_cells_are_text_never_formulas(value: str) -> None:
    data = written([{"record_id": "1", "surname": value}], "xlsx")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    cell = sheet["B2"]
    assert cell.data_type == "s"
    # XML reads a carriage return as a line feed; it stays quoted all the same
    assert cell.value == "'" + value.replace("\r", "\n")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(
    "value", [*DANGEROUS, "-", "-5", "-1990", "'=x", "''", "O'Neil"]
)
def test_escaped_values_read_back_exactly(fmt: str, value: str) -> None:
    data = written([{"record_id": "1", "surname": "Шевчук", "given_name": value}], fmt)
    row = read_person_list(f"out.{fmt}", data=data).rows[0]
    expected = value.replace("\r", "\n") if fmt == "xlsx" else value
    assert row.fields["given_name"] == expected


@pytest.mark.parametrize("value", [*DANGEROUS, "-5", "'=x", "''", "O'Neil", "'a", "a="])
def test_unescape_undoes_escape(value: str) -> None:
    assert unescape_cell(escape_cell(value)) == value


def test_dates_and_partial_dates_are_written_in_iso_form() -> None:
    data = written(
        [
            {"record_id": "1", "surname": "А", "birth_date": PartialDate(1990, 5)},
            {"record_id": "2", "surname": "Б", "birth_date": PartialDate(1990, 5, 17)},
        ],
        "csv",
    )
    rows = read_person_list("out.csv", data=data).rows
    assert [r.fields["birth_date"] for r in rows] == ["1990-05", "1990-05-17"]
    assert rows[0].birth_date == PartialDate(1990, 5)


def test_headers_give_the_column_titles() -> None:
    data = written(
        [{"record_id": "1", "surname": "Шевчук"}],
        "csv",
        headers={"record_id": "№ з/п", "surname": "Прізвище"},
    )
    assert data.decode("utf-8-sig").startswith("№ з/п,Прізвище,given_name")
    assert read_person_list("out.csv", data=data).rows[0].record_id == "1"


def test_a_path_destination_is_written(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "out.xlsx"
    count = write_person_list(
        [{"record_id": "1", "surname": "Шевчук"}],
        columns=COLUMNS,
        destination=path,
        format="xlsx",
    )
    assert count == 1
    assert read_person_list(path).rows[0].fields["surname"] == "Шевчук"


def test_a_stream_destination_is_left_open() -> None:
    buffer = io.BytesIO()
    write_person_list([], columns=COLUMNS, destination=buffer, format="csv")
    assert not buffer.closed


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ListWriteError, match="unknown list format 'ods'"):
        write_person_list([], columns=COLUMNS, destination=io.BytesIO(), format="ods")


def test_a_control_character_cannot_go_into_xlsx() -> None:
    with pytest.raises(ListWriteError, match=r"row 2: .* control character"):
        written([{"record_id": "1", "surname": "a\x01b"}], "xlsx")


# Names of any script, as a clerk may type them (no control characters, no
# surrounding spaces, which the reader strips).
cell_text = (
    st.text(
        alphabet=st.characters(
            blacklist_categories=("Cc", "Cs", "Zl", "Zp"), blacklist_characters="\ufeff"
        ),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)


@settings(max_examples=60, deadline=None)
@given(
    names=st.lists(st.tuples(cell_text, cell_text), min_size=1, max_size=8),
    fmt=st.sampled_from(["csv", "xlsx"]),
)
def test_write_then_read_preserves_every_value_exactly(
    names: list[tuple[str, str]], fmt: str
) -> None:
    rows = [
        {"record_id": f"R-{i}", "surname": surname, "given_name": given_name}
        for i, (surname, given_name) in enumerate(names)
    ]
    list_file = read_person_list(f"out.{fmt}", data=written(rows, fmt))
    assert [dict(r.fields) for r in list_file.rows] == rows
    assert list_file.problems == ()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_title_rows_go_above_the_header_and_the_reader_skips_them(fmt: str) -> None:
    buffer = io.BytesIO()
    write_person_list(
        [{"record_id": "1", "surname": "Шевчук"}],
        columns=COLUMNS,
        destination=buffer,
        format=fmt,
        headers={"record_id": "№ з/п", "surname": "Прізвище"},
        title_rows=("Список осіб, станом на 01.01.2026", "=not a formula"),
    )
    list_file = read_person_list(f"out.{fmt}", data=buffer.getvalue())
    assert list_file.header_line == 3
    assert list_file.rows[0].line == 4
    assert list_file.rows[0].fields["surname"] == "Шевчук"


def test_csv_may_be_written_as_excel_on_a_cyrillic_windows_saves_it() -> None:
    buffer = io.BytesIO()
    write_person_list(
        [{"record_id": "1", "surname": "Ґудзь-Їжакевич", "given_name": "Євгенія"}],
        columns=COLUMNS,
        destination=buffer,
        format="csv",
        encoding="cp1251",
        delimiter=";",
    )
    data = buffer.getvalue()
    assert data.startswith(
        "record_id;surname;given_name;birth_date\r\n".encode("cp1251")
    )
    list_file = read_person_list("out.csv", data=data)
    assert list_file.encoding == "cp1251"
    assert list_file.rows[0].fields["surname"] == "Ґудзь-Їжакевич"


def test_a_value_the_encoding_cannot_hold_is_named_with_its_row() -> None:
    with pytest.raises(
        ListWriteError, match=r"row 3: '漢' cannot be written in cp1251"
    ):
        write_person_list(
            [
                {"record_id": "1", "surname": "Шевчук"},
                {"record_id": "2", "surname": "漢"},
            ],
            columns=COLUMNS,
            destination=io.BytesIO(),
            format="csv",
            encoding="cp1251",
        )

"""Whatever is uploaded, the reader answers with rows and problems or a ListFileError."""

from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homecoming.lists import ListFileError, read_person_list
from tests.lists.builders import UK_HEADER, UK_ROWS, csv_bytes, xlsx_bytes

cells = st.text(max_size=12)


def read_or_refuse(data: bytes, name: str) -> None:
    try:
        list_file = read_person_list(name, data=data, filename=name)
    except ListFileError as exc:
        assert str(exc).startswith(f"{name}: ")
        return
    assert all(row.line > list_file.header_line for row in list_file.rows)
    assert all(str(p).startswith(f"{name}, row ") for p in list_file.problems)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=400))
def test_any_bytes_are_read_or_refused_with_a_list_file_error(data: bytes) -> None:
    read_or_refuse(data, "upload.csv")


@settings(max_examples=150, deadline=None)
@given(
    rows=st.lists(st.lists(cells, max_size=7), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_any_table_under_a_real_header_is_read_or_refused(
    rows: list[list[str]], delimiter: str
) -> None:
    try:
        data = csv_bytes([UK_HEADER, *rows], delimiter=delimiter)
    except UnicodeEncodeError:
        return  # lone surrogates cannot be written to a file at all
    read_or_refuse(data, "upload.csv")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(min_size=1, max_size=200), at=st.integers(min_value=0))
def test_damaged_workbooks_are_refused_with_a_list_file_error(
    data: bytes, at: int
) -> None:
    workbook = bytearray(xlsx_bytes([UK_HEADER, *UK_ROWS]))
    position = at % len(workbook)
    workbook[position : position + len(data)] = data
    read_or_refuse(bytes(workbook), "upload.xlsx")


def test_a_zip_that_is_not_a_workbook_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    with pytest.raises(ListFileError) as refused:
        read_person_list("upload.xlsx", data=buffer.getvalue(), filename="upload.xlsx")
    assert str(refused.value).startswith("upload.xlsx: ")

"""Encodings lists arrive in without saying so, and a spreadsheet format not read
(issue 11, defect 5)."""

from __future__ import annotations

import io
import zipfile

import pytest

from homecoming.lists import ENCODING_NAMES, ListFileError, read_person_list
from tests.lists.builders import csv_bytes

HEADER = ["№ з/п", "Прізвище", "Ім'я", "По батькові", "Дата народження"]
ROWS = [
    ["1", "Коваленко", "Олександр", "Іванович", "17.05.1990"],
    ["2", "Шевчук", "Ганна", "Петрівна", "1985"],
    ["3", "Їжакевич", "Євген", "Ґедеонович", "05.1979"],
]
SURNAMES = ["Коваленко", "Шевчук", "Їжакевич"]


def read(data: bytes, name: str = "held.csv"):  # type: ignore[no-untyped-def]
    return read_person_list(name, data=data, filename=name)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-16-le", "\t"), ("utf-16-be", "\t"), ("utf-16-le", ",")],
)
def test_utf16_without_a_bom_is_detected(encoding: str, delimiter: str) -> None:
    data = csv_bytes([HEADER, *ROWS], encoding=encoding, delimiter=delimiter)
    list_file = read(data)
    assert list_file.encoding == encoding
    assert [r.fields["surname"] for r in list_file.rows] == SURNAMES
    assert list_file.problems == () and list_file.warnings == ()


def test_koi8u_is_detected_and_read_without_mojibake() -> None:
    header = ["N з/п", *HEADER[1:]]  # KOI8-U has no №
    list_file = read(csv_bytes([header, *ROWS], encoding="koi8-u", delimiter=";"))
    assert list_file.encoding == "koi8-u"
    assert [r.fields["surname"] for r in list_file.rows] == SURNAMES
    assert list_file.warnings == ()
    assert ENCODING_NAMES["koi8-u"] == "KOI8-U"


def test_windows_1251_stays_windows_1251_even_in_capitals() -> None:
    rows = [[cell.upper() for cell in row] for row in ROWS]
    for body in (ROWS, rows):
        list_file = read(csv_bytes([HEADER, *body], encoding="cp1251", delimiter=";"))
        assert list_file.encoding == "cp1251"
        assert list_file.rows[0].fields["given_name"].lower() == "олександр"


def _ods_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"),
            "application/vnd.oasis.opendocument.spreadsheet",
        )
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data"),
    [("sought.ods", _ods_bytes()), ("renamed.xlsx", _ods_bytes())],
)
def test_an_ods_workbook_is_refused_with_a_clear_message(
    name: str, data: bytes
) -> None:
    with pytest.raises(ListFileError) as refused:
        read(data, name)
    message = str(refused.value)
    assert message.startswith(f"{name}: ") and "OpenDocument" in message
    assert "save it as .xlsx or CSV" in message


def test_utf16_of_only_ascii_and_cyrillic_that_is_also_valid_utf8_is_utf16() -> None:
    # "Шевчук" in UTF-16 LE is 28 04 35 04 ...: every byte ASCII, so valid UTF-8
    data = csv_bytes([["id", "surname"], ["1", "Шевчук"]], encoding="utf-16-le")
    data.decode("utf-8")
    list_file = read(data)
    assert list_file.encoding == "utf-16-le"
    assert list_file.rows[0].fields["surname"] == "Шевчук"

"""The lean XLSX reader against hand-made workbooks and against openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from homecoming.engines.linkage.dates import PartialDate
from homecoming.lists import ListFileError, read_person_list
from homecoming.lists import sources as list_sources
from homecoming.lists.xlsx import XlsxFormatError
from tests.lists.builders import xlsx_bytes

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def workbook(
    sheet_rows: str, *, date1904: bool = False, shared: list[str] = ()
) -> bytes:  # type: ignore[assignment]
    """A minimal workbook as Excel lays it out, with ``sheet_rows`` as sheetData."""
    strings = "".join(shared)  # each item is a whole <si>...</si>
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        "xl/workbook.xml": (
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">'
            f'<workbookPr date1904="{1 if date1904 else 0}"/>'
            '<sheets><sheet name="Список" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{PKG}">'
            '<Relationship Id="rId1" Target="worksheets/sheet1.xml" Type="x"/>'
            '<Relationship Id="rId2" Target="sharedStrings.xml" Type="y"/>'
            '<Relationship Id="rId3" Target="styles.xml" Type="z"/></Relationships>'
        ),
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}">{strings}</sst>',
        "xl/styles.xml": (
            f'<styleSheet xmlns="{MAIN}"><numFmts count="1">'
            '<numFmt numFmtId="164" formatCode="dd.mm.yyyy"/></numFmts>'
            '<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/>'
            "</cellXfs></styleSheet>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{MAIN}"><sheetData>{sheet_rows}</sheetData></worksheet>'
        ),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


HEADER_ROW = (
    '<row r="3"><c r="A3" t="s"><v>0</v></c><c r="B3" t="s"><v>1</v></c>'
    '<c r="C3" t="inlineStr"><is><t>Дата народження</t></is></c></row>'
)
SHARED = [
    "<si><t>№ з/п</t></si>",
    "<si><r><t>Прі</t></r><r><rPr><b/></rPr><t>звище</t></r><rPh><t>x</t></rPh></si>",
    "<si><t>Шевчук_x000D_</t></si>",
]


def test_excel_parts_are_read_title_gaps_rich_text_inline_strings_and_dates() -> None:
    # Given a title on row 1, the header on row 3 (rich text, inline string), then
    # rows whose cells skip columns, with a date in a custom and a built-in format
    rows = (
        '<row r="1"><c r="A1" t="inlineStr"><is><t>СПИСОК</t></is></c></row>'
        + HEADER_ROW
        + '<row r="4"><c r="A4"><v>1</v></c><c r="B4" t="s"><v>2</v></c>'
        '<c r="C4" s="2"><v>32915</v></c></row>'
        '<row r="6"><c r="A6" t="str"><v>2</v></c><c r="C6" s="1"><v>32915</v></c></row>'
        '<row r="7"><c r="A7"><v>3</v></c><c r="B7" t="inlineStr"><is><t>Бойко</t></is></c>'
        '<c r="C7"><v>1990</v></c></row>'
    )
    list_file = read_person_list("held.xlsx", data=workbook(rows, shared=SHARED))
    assert list_file.header_line == 3
    assert list_file.header_map == {
        "№ з/п": "record_id",
        "Прізвище": "surname",
        "Дата народження": "birth_date",
    }
    assert [r.line for r in list_file.rows] == [4, 6, 7]
    assert list_file.rows[0].fields["surname"] == "Шевчук"  # the CR is stripped
    assert [r.birth_date for r in list_file.rows] == [
        PartialDate(1990, 2, 11),
        PartialDate(1990, 2, 11),
        PartialDate(1990),
    ]
    assert [p.field for p in list_file.problems] == ["surname"]  # row 6 has no name


def test_the_1904_date_system_is_honoured() -> None:
    rows = (
        HEADER_ROW
        + '<row r="4"><c r="A4"><v>1</v></c><c r="B4" t="s"><v>2</v></c><c r="C4" s="1"><v>0</v></c></row>'
    )
    list_file = read_person_list(
        "held.xlsx", data=workbook(rows, date1904=True, shared=SHARED)
    )
    assert list_file.rows[0].birth_date == PartialDate(1904, 1, 1)


def test_a_damaged_sheet_is_a_file_error() -> None:
    rows = HEADER_ROW + '<row r="4"><c r="B4"><v>1</v></c><c r="A4"><v>2</v></c></row>'
    with pytest.raises(ListFileError, match=r"held\.xlsx: the workbook is damaged"):
        read_person_list("held.xlsx", data=workbook(rows, shared=SHARED))


def test_lean_reader_and_openpyxl_read_the_same(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Given a workbook made by openpyxl with every kind of cell a list holds
    data = xlsx_bytes(
        [
            ["Список", None, dt.date(2025, 1, 1)],
            [],
            [
                "№",
                "Прізвище",
                "Дата народження",
                "Особовий номер",
                "Примітка",
                "Дата полону",
            ],
            [
                1,
                "Шевчук",
                dt.date(1990, 5, 17),
                1234567,
                True,
                dt.datetime(2024, 3, 1, 12, 30),
            ],
            [2.0, "Коваль", "1985", 7.5, None, 45352],
            ["3", "Бондар", 1977, "АВ 123456", "=SUM(1,2)", "03.2023"],
        ]
    )
    lean = read_person_list("held.xlsx", data=data)

    def refuse(archive: object) -> object:
        raise XlsxFormatError("not today")

    monkeypatch.setattr("homecoming.lists.xlsx.xlsx_sheets_fast", refuse)
    with_openpyxl = read_person_list("held.xlsx", data=data)
    # Then both readings agree on every row
    assert lean.rows == with_openpyxl.rows
    assert lean.problems == with_openpyxl.problems
    assert lean.header_line == with_openpyxl.header_line == 3
    assert lean.rows[0].capture_date == PartialDate(2024, 3, 1)


def test_sources_module_uses_the_lean_reader_first() -> None:
    data = xlsx_bytes([["Прізвище", "Ім'я"], ["Шевчук", "Олександр"]])
    sheets = list_sources.xlsx_sheets("held.xlsx", data)
    first = next(sheets)
    assert first.name == "Sheet1"
    assert list(first.rows) == [(1, ["Прізвище", "Ім'я"]), (2, ["Шевчук", "Олександр"])]

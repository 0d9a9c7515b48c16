"""A lean streaming reader for the sheets of an XLSX workbook.

openpyxl's read-only mode spends most of its time building cell objects; a list needs
only each row's values. This reads the workbook's parts directly (``xl/workbook.xml``,
its relationships, shared strings, the number formats that mark dates, and each
sheet's XML, streamed with ``iterparse``) and yields rows as lists of values: str,
int, float, bool, ``datetime`` (for cells with a date format) or None. It understands
shared, inline and formula strings, the 1904 date system, and cell references that
skip columns or rows. Anything it does not understand raises :class:`XlsxFormatError`,
and the caller falls back to openpyxl.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree.ElementTree import Element, fromstring, iterparse

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

from homecoming.lists.model import UncachedFormula

__all__ = ["UncachedFormula", "XlsxFormatError", "XlsxSheet", "xlsx_sheets_fast"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_C, _ROW, _V, _IS, _T, _SI, _RPH, _F = (
    _MAIN + "c", _MAIN + "row", _MAIN + "v", _MAIN + "is", _MAIN + "t", _MAIN + "si",
    _MAIN + "rPh", _MAIN + "f",
)  # fmt: skip
_COLUMN = re.compile(r"^([A-Z]+)")
_EPOCH_1900 = dt.datetime(1899, 12, 30)
_EPOCH_1904 = dt.datetime(1904, 1, 1)


class XlsxFormatError(Exception):
    """The workbook uses something this reader does not handle."""


@dataclass(frozen=True)
class XlsxSheet:
    name: str
    rows: Iterator[tuple[int, list[object]]]


def _column_index(reference: str) -> int:
    match = _COLUMN.match(reference)
    if match is None:
        raise XlsxFormatError(f"cell reference {reference!r}")
    index = 0
    for letter in match.group(1):
        index = index * 26 + ord(letter) - 64
    return index - 1


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")


def _unescape(text: str) -> str:
    """Excel writes characters XML cannot hold as ``_xHHHH_`` (``_x000D_`` for CR)."""
    if "_x" not in text:
        return text
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _text_of(element: Element) -> str:
    """The text of a string item: its <t>, or its rich-text runs (phonetics left out)."""
    parts: list[str] = []
    for child in element:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag != _RPH:
            parts.extend(t.text or "" for t in child.iter(_T))
    return _unescape("".join(parts))


def _shared_strings(archive: zipfile.ZipFile, path: str | None) -> list[str]:
    if path is None or path not in archive.namelist():
        return []
    strings: list[str] = []
    with archive.open(path) as stream:
        for _, element in iterparse(stream):  # noqa: S314 - see _parse
            if element.tag == _SI:
                strings.append(_text_of(element))
                element.clear()
    return strings


def _date_styles(archive: zipfile.ZipFile, path: str | None) -> set[int]:
    """Indexes of the cell formats (``s=`` attribute) that show a date."""
    if path is None or path not in archive.namelist():
        return set()
    root = _parse(archive, path)
    codes = {int(k): v for k, v in BUILTIN_FORMATS.items()}
    formats = root.find(_MAIN + "numFmts")
    if formats is not None:
        for number_format in formats:
            codes[int(number_format.get("numFmtId", "0"))] = number_format.get(
                "formatCode", ""
            )
    cell_formats = root.find(_MAIN + "cellXfs")
    dates: set[int] = set()
    if cell_formats is not None:
        for index, xf in enumerate(cell_formats):
            format_id = int(xf.get("numFmtId", "0"))
            code = codes.get(format_id)
            if (
                (code is not None and is_date_format(code))
                or 27 <= format_id <= 36
                or 50 <= format_id <= 58
            ):
                dates.add(index)
    return dates


def _parse(archive: zipfile.ZipFile, path: str) -> Element:
    # The standard library's expat (2.4+) refuses entity-expansion bombs and never
    # fetches external entities, the same parser openpyxl uses here.
    return fromstring(archive.read(path))  # noqa: S314


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id -> target path inside the archive, for ``part``."""
    folder, name = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", name + ".rels")
    if rels_path not in archive.namelist():
        return {}
    root = _parse(archive, rels_path)
    targets: dict[str, str] = {}
    for rel in root.iter(_PKG_REL + "Relationship"):
        target = rel.get("Target", "")
        path = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        targets[rel.get("Id", "")] = path
    return targets


def xlsx_sheets_fast(archive: zipfile.ZipFile) -> Iterator[XlsxSheet]:
    """The sheets of ``archive`` in workbook order, each with its rows."""
    workbook_path = "xl/workbook.xml"
    if workbook_path not in archive.namelist():
        raise XlsxFormatError("no xl/workbook.xml")
    workbook = _parse(archive, workbook_path)
    properties = workbook.find(_MAIN + "workbookPr")
    date1904 = properties is not None and properties.get("date1904") in ("1", "true")
    relationships = _relationships(archive, workbook_path)
    by_type = {posixpath.basename(p): p for p in relationships.values()}
    strings = _shared_strings(archive, by_type.get("sharedStrings.xml"))
    dates = _date_styles(archive, by_type.get("styles.xml"))
    sheets = workbook.find(_MAIN + "sheets")
    if sheets is None:
        raise XlsxFormatError("no sheets")
    for sheet in sheets:
        path = relationships.get(sheet.get(_REL + "id", ""))
        if path is None or path not in archive.namelist():
            raise XlsxFormatError(f"sheet {sheet.get('name')!r} has no part")
        yield XlsxSheet(
            name=sheet.get("name", ""),
            rows=_rows(
                archive, path, strings, dates, _EPOCH_1904 if date1904 else _EPOCH_1900
            ),
        )


def _rows(
    archive: zipfile.ZipFile,
    path: str,
    strings: list[str],
    dates: set[int],
    epoch: dt.datetime,
) -> Iterator[tuple[int, list[object]]]:
    expected = 1
    with archive.open(path) as stream:
        for _, element in iterparse(stream):  # noqa: S314 - see _parse
            if element.tag != _ROW:
                continue
            number = int(element.get("r") or expected)
            while expected < number:
                yield expected, []
                expected += 1
            values: list[object] = []
            for cell in element.iter(_C):
                reference = cell.get("r")
                if reference is not None:
                    column = _column_index(reference)
                    if column < len(values):
                        raise XlsxFormatError(f"cell {reference} out of order")
                    values.extend([None] * (column - len(values)))
                values.append(_value(cell, strings, dates, epoch))
            element.clear()
            yield number, values
            expected = number + 1


def _value(
    cell: Element, strings: list[str], dates: set[int], epoch: dt.datetime
) -> object:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(_IS)
        return _text_of(inline) if inline is not None else None
    v = cell.find(_V)
    text = v.text if v is not None else None
    if text is None:
        formula = cell.find(_F)
        if formula is not None:
            return UncachedFormula(_unescape(formula.text or ""))
        return None
    if kind == "s":
        return strings[int(text)]
    if kind in ("str", "e"):
        return _unescape(text)
    if kind == "b":
        return text == "1"
    if kind == "d":
        return dt.datetime.fromisoformat(text)
    number = float(text)
    style = cell.get("s")
    if style is not None and int(style) in dates:
        return _from_serial(number, epoch)
    return (
        int(number)
        if number.is_integer() and "E" not in text and "e" not in text
        else number
    )


def _from_serial(serial: float, epoch: dt.datetime) -> dt.datetime:
    """A date cell's value, rounded to the millisecond as Excel (and openpyxl) do."""
    days = int(serial)
    if epoch is _EPOCH_1900 and 0 < serial < 60:
        days += 1  # Excel's phantom 29 February 1900 comes after these
    milliseconds = round((serial - int(serial)) * 86_400_000)
    return epoch + dt.timedelta(days=days, milliseconds=milliseconds)

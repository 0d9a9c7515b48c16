"""The raw rows of a list file: decoding CSV and opening XLSX.

Each source yields ``(line, cells)`` pairs, ``line`` counted as a spreadsheet shows it
(1 for the first row) and ``cells`` the values as the file holds them: strings for
CSV; strings, numbers, dates or None for XLSX.

CSV encodings are told apart in this order: a byte-order mark (UTF-8 or UTF-16), a
UTF-16 without a byte-order mark (recognised by its high bytes), a strict UTF-8
decode, then Windows-1251 (the encoding Excel on a Ukrainian or Russian Windows saves "CSV")
or KOI8-U, whichever reads as capitalised words. The delimiter (``,`` ``;`` or tab) is
the one under which a header row is recognised.

The last two are heuristics, documented in docs/lists.md: charset-normalizer is not a
dependency of the project (it is in a test environment only through schemathesis),
and these three cases are the ones lists meet.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from homecoming.lists.model import ListFileError, UncachedFormula

__all__ = ["ENCODING_NAMES", "RawRows", "csv_rows", "sniff_format", "xlsx_sheets"]

Cells = list[object]
RawRows = Iterator[tuple[int, Cells]]

_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_ODF_MIMETYPE = b"application/vnd.oasis.opendocument"
#: How the encodings read are named to people (in import reports).
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16 with BOM",
    "utf-16-le": "UTF-16 LE without BOM",
    "utf-16-be": "UTF-16 BE without BOM",
    "cp1251": "Windows-1251",
    "koi8-u": "KOI8-U",
}
_DELIMITERS = (",", ";", "\t")
#: How many rows at the top of a file may come before the header.
HEADER_SEARCH_ROWS = 30


def sniff_format(filename: str, data: bytes) -> str:
    """``"csv"`` or ``"xlsx"`` from the content, then the extension."""
    # An OpenDocument file is a zip too, its "mimetype" stored first and uncompressed.
    if (
        data.startswith(_ZIP_MAGIC) and _ODF_MIMETYPE in data[:200]
    ) or filename.lower().endswith((".ods", ".odt", ".fods")):
        raise ListFileError(
            f"{filename}: this is an OpenDocument spreadsheet (.ods), which is not "
            "read here; save it as .xlsx or CSV (File, Save as)"
        )
    if data.startswith(_ZIP_MAGIC):
        return "xlsx"
    if data.startswith(_OLE_MAGIC) or filename.lower().endswith(".xls"):
        raise ListFileError(
            f"{filename}: this is an old Excel .xls workbook; save it as .xlsx or CSV"
        )
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise ListFileError(f"{filename}: the file is not a valid .xlsx workbook")
    return "csv"


def decode(filename: str, data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in."""
    if data.startswith(codecs.BOM_UTF8):
        encoding = "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    else:
        # Before UTF-8: UTF-16 text of Latin and Cyrillic letters (high bytes 0x00
        # and 0x04) can be valid UTF-8 too, full of NULs.
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            encoding = utf16
        else:
            try:
                return data.decode("utf-8"), "utf-8"
            except UnicodeDecodeError:
                encoding = _cyrillic_single_byte(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ListFileError(
            f"{filename}: unknown text encoding (expected UTF-8, UTF-16, Windows-1251 or "
            f"KOI8-U; byte {exc.start} does not decode)"
        ) from exc
    if "\x00" in text:
        raise ListFileError(f"{filename}: the file is binary, not a CSV or XLSX list")
    return text, encoding


def _utf16_without_bom(data: bytes) -> str | None:
    """``"utf-16-le"`` / ``"utf-16-be"`` for UTF-16 text without a byte-order mark.

    In UTF-16 the high byte of every Latin, digit, punctuation and Cyrillic character
    is 0x00 or 0x04: when nine in ten of the odd (little-endian) or even (big-endian)
    bytes are, the text is UTF-16. Single-byte encodings never look like that.
    """
    sample = data[:65536]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) // 2 * 2]
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        if high.count(0) + high.count(4) >= 0.9 * len(high):
            try:
                data[: len(data) // 2 * 2].decode(encoding)
            except UnicodeDecodeError:
                continue
            return encoding
    return None


_CAPITALISED = re.compile(r"\b[А-ЯЁІЇЄҐ][а-яёіїєґ'’ʼ]+")


def _cyrillic_single_byte(data: bytes) -> str:
    """``"cp1251"`` or ``"koi8-u"``: the one that reads the start as capitalised words.

    The two put upper and lower case the other way round (Windows-1251's capitals are
    KOI8's small letters), so a KOI8-U file read as Windows-1251 gives ``лПЧБМЕОЛП``
    and not ``Коваленко``. Windows-1251, the encoding Excel saves, wins a tie (a file
    all in capitals).
    """
    sample = data[:65536]
    counts = {
        encoding: len(_CAPITALISED.findall(sample.decode(encoding, "replace")))
        for encoding in ("cp1251", "koi8-u")
    }
    return "koi8-u" if counts["koi8-u"] > counts["cp1251"] else "cp1251"


def csv_rows(
    filename: str, data: bytes, header_test: Callable[[Cells], int]
) -> tuple[str, RawRows]:
    """The encoding and the rows of a CSV file.

    ``header_test`` scores a row as a header (the number of fields it recognises);
    the delimiter chosen is the one whose best header row scores highest.
    """
    text, encoding = decode(filename, data)
    if not text.strip():
        raise ListFileError(f"{filename}: the file is empty")
    # The header is near the top: sniff on the first rows only (a 64 KiB slice).
    head = "\n".join(text[:65536].splitlines()[:HEADER_SEARCH_ROWS])
    best, best_score = ",", (-1, -1)
    for delimiter in _DELIMITERS:
        try:
            sample = list(csv.reader(io.StringIO(head), delimiter=delimiter))
        except csv.Error:
            continue
        score = max(
            ((header_test(list(cells)), len(cells)) for cells in sample if cells),
            default=(0, 0),
        )
        if score > best_score:
            best, best_score = delimiter, score
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=best)

    def rows() -> RawRows:
        try:
            for line, cells in enumerate(reader, start=1):
                yield line, list(cells)
        except csv.Error as exc:
            raise ListFileError(
                f"{filename}: row {reader.line_num}: the CSV is malformed ({exc})"
            ) from exc

    return encoding, rows()


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: RawRows


def xlsx_sheets(filename: str, data: bytes) -> Iterator[Sheet]:
    """The sheets of a workbook in order, each with its rows (streaming).

    The lean reader in ``xlsx`` is used when it understands the workbook (four times
    quicker); otherwise openpyxl's read-only mode. A damaged upload can make the zip,
    XML and spreadsheet layers fail in many ways (bad CRC, truncated deflate stream,
    malformed XML, wrong types); to the caller all of them are a ListFileError.
    """
    from zipfile import ZipFile

    from homecoming.lists.xlsx import xlsx_sheets_fast

    try:
        archive = ZipFile(io.BytesIO(data))
    except Exception as exc:  # a bad upload, whatever the zip layer says
        raise ListFileError(_damaged(filename, exc, "cannot be opened")) from exc
    with archive:
        try:
            fast = [Sheet(s.name, s.rows) for s in xlsx_sheets_fast(archive)]
        except Exception:  # anything the lean reader does not expect: openpyxl tries
            fast = None
        if fast is not None:
            for sheet in fast:
                yield Sheet(sheet.name, _guarded(filename, sheet.rows))
            return
    yield from _openpyxl_sheets(filename, data)


def _damaged(filename: str, exc: Exception, what: str) -> str:
    return f"{filename}: the workbook {what} ({type(exc).__name__}: {exc})"


def _guarded(filename: str, rows: RawRows) -> RawRows:
    """``rows``, with any failure of the workbook's parsing made a ListFileError."""
    try:
        yield from rows
    except ListFileError:
        raise
    except Exception as exc:
        raise ListFileError(_damaged(filename, exc, "is damaged")) from exc


def _openpyxl_sheets(filename: str, data: bytes) -> Iterator[Sheet]:
    """The sheets as openpyxl's read-only mode reads them.

    The workbook is opened twice, for the values and for the formulas, so that a
    formula saved without its value is an :class:`UncachedFormula` here too, as the
    lean reader gives it (this fallback is rare; the second reading is its price).
    """
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # see xlsx_sheets
        raise ListFileError(_damaged(filename, exc, "cannot be opened")) from exc
    try:
        for worksheet, formula_sheet in zip(
            workbook.worksheets, formulas.worksheets, strict=True
        ):
            for sheet in (worksheet, formula_sheet):
                if hasattr(sheet, "reset_dimensions"):
                    # Some writers record wrong sheet dimensions; read every row.
                    sheet.reset_dimensions()
            rows = worksheet.iter_rows(min_row=1, values_only=True)
            formula_rows = formula_sheet.iter_rows(min_row=1, values_only=True)
            numbered: RawRows = (
                (line, _with_uncached(cells, written))
                for line, cells, written in zip(
                    itertools.count(1), rows, formula_rows, strict=False
                )
            )
            yield Sheet(name=worksheet.title, rows=_guarded(filename, numbered))
    finally:
        workbook.close()
        formulas.close()


def _with_uncached(cells: tuple[object, ...], written: tuple[object, ...]) -> Cells:
    """``cells``, with a formula that has no value made an :class:`UncachedFormula`."""
    values = list(cells)
    for index, value in enumerate(values):
        if value is None and index < len(written):
            formula = written[index]
            if isinstance(formula, str) and formula.startswith("="):
                values[index] = UncachedFormula(formula[1:])
    return values

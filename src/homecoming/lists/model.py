"""What reading a person list gives: the file, its rows, and the problems found.

Shape::

    ListFile(filename="sought.csv", format="csv", encoding="utf-8-sig",
             header_map={"Прізвище": "surname", ...}, header_line=1,
             rows=(ListRow(line=2, record_id="1.", fields={"surname": "Шевчук", ...},
                           birth_date=PartialDate(1990, 5, 17), sex="m", ...), ...),
             problems=(RowProblem("sought.csv", 14, "birth_date", "31.02.1990", ...),),
             extra_columns=("Примітка",), generated_ids=False)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from homecoming.engines.linkage.dates import PartialDate

__all__ = [
    "ListFile",
    "ListFileError",
    "ListRow",
    "ListWriteError",
    "RowProblem",
    "UncachedFormula",
]

ListFormat = Literal["csv", "xlsx"]


@dataclass(frozen=True, slots=True)
class UncachedFormula:
    """A formula cell saved without its value (written by a program, not Excel, or
    never recalculated): the reader cannot know what it shows, so the row reports it
    rather than dropping the cell. Its text is empty (it is not a header)."""

    formula: str

    def __str__(self) -> str:
        return ""


class ListFileError(Exception):
    """The file as a whole cannot be read as a person list; the message names the file.

    Raised for an unreadable or empty file, an unknown encoding, no recognisable
    header, a header with neither a record id nor a name column, or a header that
    gives the same field twice.

    ``mapping_help`` is True when mapping a column to a field could fix it (no header
    recognised, two columns giving one field): each surface then says how (``--map``
    on the command line, the mapping box on the import page).
    """

    def __init__(self, message: str, *, mapping_help: bool = False) -> None:
        super().__init__(message)
        self.mapping_help = mapping_help


class ListWriteError(ListFileError):
    """A list cannot be written (an unknown format or column, a value a sheet cannot hold)."""


@dataclass(frozen=True, slots=True)
class RowProblem:
    """One thing wrong with one cell (or row) of a list.

    ``line`` counts as a spreadsheet shows it (the first row of the file is 1);
    ``field`` is the canonical field; ``value`` the text as written.
    """

    filename: str
    line: int
    field: str
    value: str
    message: str

    def __str__(self) -> str:
        return f"{self.filename}, row {self.line}, field {self.field}: {self.message}"


@dataclass(frozen=True, slots=True)
class ListRow:
    """One person as a list gives them.

    ``fields`` maps canonical field -> the text exactly as written (surrounding spaces
    stripped; empty cells left out). ``birth_date``, ``capture_date``, ``sex`` ("m"/"f")
    and ``category`` ("military"/"civilian") are the normalised readings beside it, None
    when absent or not understood (then a :class:`RowProblem` says why).
    ``extra`` keeps the unrecognised columns: original header -> text.
    """

    line: int
    record_id: str
    fields: Mapping[str, str]
    birth_date: PartialDate | None = None
    capture_date: PartialDate | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
    sex: str | None = None
    category: str | None = None


@dataclass(frozen=True, slots=True)
class ListFile:
    """A person list as read: its rows in file order and every problem found.

    Rows with problems are still in ``rows`` (with the readings that failed left as
    None): the caller decides whether to import them. ``generated_ids`` is True when
    the file has no record-id column and each row's id is ``row-<line>``.
    """

    filename: str
    format: ListFormat
    encoding: str | None
    header_map: Mapping[str, str]
    rows: tuple[ListRow, ...]
    problems: tuple[RowProblem, ...]
    extra_columns: tuple[str, ...]
    generated_ids: bool = False
    header_line: int = 1
    sheet: str | None = None
    #: Worth a look but not refused: implausible ages, names that look damaged.
    warnings: tuple[RowProblem, ...] = ()

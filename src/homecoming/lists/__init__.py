"""Person lists as files: reading CSV/XLSX lists into canonical rows, and writing them.

Pure Python (no Django), shared by the import service, the command line, the demo
scenario and the benchmarks::

    from homecoming.lists import read_person_list, write_person_list

    lf = read_person_list("sought.csv")            # or data=..., filename=...
    for row in lf.rows:                            # ListRow(line, record_id, fields, ...)
        ...
    for problem in lf.problems:                    # "sought.csv, row 14, field ...: ..."
        print(problem)

    write_person_list(rows, columns=["record_id", "surname"], destination="out.xlsx",
                      format="xlsx")              # formulas neutralised

See docs/lists.md for the formats, the header names recognised and the messages.
"""

from homecoming.lists.escaping import FORMULA_TRIGGERS, escape_cell, unescape_cell
from homecoming.lists.headers import (
    CANONICAL_FIELDS,
    DATE_FIELDS,
    HEADER_ALIASES,
    NAME_FIELDS,
    canonical_field,
    header_key,
)
from homecoming.lists.model import (
    ListFile,
    ListFileError,
    ListRow,
    ListWriteError,
    RowProblem,
)
from homecoming.lists.reader import read_person_list
from homecoming.lists.sources import ENCODING_NAMES
from homecoming.lists.values import category_of, sex_of
from homecoming.lists.writer import write_person_list

__all__ = [
    "CANONICAL_FIELDS",
    "DATE_FIELDS",
    "ENCODING_NAMES",
    "FORMULA_TRIGGERS",
    "HEADER_ALIASES",
    "NAME_FIELDS",
    "ListFile",
    "ListFileError",
    "ListRow",
    "ListWriteError",
    "RowProblem",
    "canonical_field",
    "category_of",
    "escape_cell",
    "header_key",
    "read_person_list",
    "sex_of",
    "unescape_cell",
    "write_person_list",
]

"""Reading JSON strictly, before anything is hashed or signed (I-JSON, RFC 7493).

A signature covers the canonical bytes of the value a reader sees. A text that two readers
can see differently (``"persons"`` given twice: one keeps the first, another the last), or
that a reader cannot see at all (a 5,000-digit number, ``NaN``, nesting ten thousand
deep), must therefore be refused before hashing, with a reason a person can act on::

    loads_strict(b'{"a": 1, "a": 2}')  ->  JSONInputError: duplicate member "a" in an
                                            object (members "a")

Refused: invalid UTF-8; duplicate members;
``NaN``, ``Infinity`` and numbers outside what an IEEE double holds exactly (integers
beyond +/-(2**53 - 1), decimals carrying more digits than a double keeps, or overflowing
to infinity); number literals longer than :data:`MAX_NUMBER_CHARS`; nesting deeper than
``max_depth``; texts larger than ``max_bytes``. A byte-order mark at the start is
skipped (it is not part of the value). Unpaired surrogates (``"\\ud800"``) are
refused when the value is written canonically (:func:`canonical_json`).
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

from homecoming.engines.ledger.errors import JSONInputError

MAX_DOCUMENT_BYTES = 256 * 1024 * 1024  # a 100,000-person manifest is about 45 MB
MAX_DEPTH = 64  # a manifest is 5 deep, a ledger entry about 4
MAX_NUMBER_CHARS = 40
_MAX_EXACT_INT = 2**53 - 1
_BOM = "\ufeff"


def _position(text: str, index: int) -> str:
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"line {line}, column {column}"


def _utf8(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start].decode("utf-8", errors="replace")
        raise JSONInputError(
            f"{_position(before, len(before))}: not UTF-8 (byte 0x{data[exc.start]:02x}"
            f" at offset {exc.start})"
        ) from None
    return text[1:] if text.startswith(_BOM) else text


class _Reader:
    """The hooks ``json.loads`` calls; each refuses what I-JSON does not allow."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.saw_float = False

    def members(self, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        # Called once per object (500,000 times for a 100,000-person manifest): keep it
        # to one dict and one comparison on the usual path.
        members = dict(pairs)
        if len(members) != len(pairs):
            seen: set[str] = set()
            for name, _value in pairs:
                if name in seen:
                    # json.loads does not say where the object is; its members do
                    others = ", ".join(
                        json.dumps(n, ensure_ascii=False) for n in members
                    )
                    raise JSONInputError(
                        f"duplicate member {json.dumps(name, ensure_ascii=False)} in an"
                        f" object (members {others[:120]})"
                    )
                seen.add(name)
        return members

    def integer(self, literal: str) -> int:
        if len(literal) > MAX_NUMBER_CHARS:
            raise JSONInputError(self._number(literal, "has too many digits"))
        value = int(literal)
        if abs(value) > _MAX_EXACT_INT:
            raise JSONInputError(
                self._number(
                    literal, "is beyond +/-(2**53 - 1), the integers JSON holds"
                )
            )
        return value

    def decimal(self, literal: str) -> float:
        if len(literal) > MAX_NUMBER_CHARS:
            raise JSONInputError(self._number(literal, "has too many digits"))
        value = float(literal)
        if not math.isfinite(value):
            raise JSONInputError(
                self._number(literal, "is too large for a JSON number")
            )
        if Decimal(literal) != Decimal(repr(value)):
            raise JSONInputError(
                self._number(
                    literal,
                    f"is not exactly a JSON number: it would be read as {value!r}",
                )
            )
        self.saw_float = True
        return value

    def constant(self, literal: str) -> Any:
        raise JSONInputError(f"{literal} is not a JSON number")

    def _number(self, literal: str, problem: str) -> str:
        shown = (
            literal if len(literal) <= 24 else f"{literal[:12]}…({len(literal)} chars)"
        )
        # json.loads does not say where a number is: name the place when it is unambiguous
        index = self.text.find(literal)
        unique = index >= 0 and self.text.find(literal, index + 1) < 0
        where = f"{_position(self.text, index)}: " if unique else ""
        return f"{where}the number {shown} {problem}"


def loads_strict(data: bytes, *, max_bytes: int = MAX_DOCUMENT_BYTES) -> Any:
    """The JSON value in ``data`` (UTF-8), or JSONInputError saying what is wrong and where.

    Nesting is limited here only by the interpreter's recursion limit; the canonical writer
    (:func:`~homecoming.engines.ledger.canonical.parse_json`) applies ``MAX_DEPTH``.
    """
    return load_strict(data, max_bytes=max_bytes)[0]


def load_strict(
    data: bytes, *, max_bytes: int = MAX_DOCUMENT_BYTES
) -> tuple[Any, bool]:
    """:func:`loads_strict`, and whether the text held a number with a fraction or an
    exponent (read as a float, which only the RFC 8785 writer writes correctly)."""
    if len(data) > max_bytes:
        raise JSONInputError(
            f"{len(data):,} bytes is more than the {max_bytes:,} a document may have"
        )
    text = _utf8(data)
    reader = _Reader(text)
    try:
        value = json.loads(
            text,
            object_pairs_hook=reader.members,
            parse_int=reader.integer,
            parse_float=reader.decimal,
            parse_constant=reader.constant,
        )
    except json.JSONDecodeError as exc:
        raise JSONInputError(
            f"line {exc.lineno}, column {exc.colno}: not JSON ({exc.msg})"
        ) from None
    except RecursionError:
        raise JSONInputError(
            f"arrays and objects nest deeper than {MAX_DEPTH}"
        ) from None
    return value, reader.saw_float

"""Header mappings given by the user: ``"Колонка=canonical"`` pairs, read one way for the
command line (``--map``), the upload form's box (a pair a line) and the API's
``mapping`` field. No Django here: the command line parses its options before Django
starts.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from homecoming.lists import CANONICAL_FIELDS


class MappingError(ValueError):
    """A pair that is not ``Column=canonical``, or names no canonical field.

    ``position`` is the pair's place (1 for the first), ``pair`` its text and
    ``problem`` either ``"not_a_pair"`` or ``"unknown_field"`` (then ``field`` is the
    name given), so each caller can say it in its own words and language.
    """

    def __init__(self, position: int, pair: str, problem: str, field: str = "") -> None:
        self.position, self.pair, self.problem, self.field = (
            position,
            pair,
            problem,
            field,
        )
        if problem == "unknown_field":
            message = f"{pair!r}: {field!r} is not a field one can map to"
        else:
            message = f"{pair!r} is not a mapping (expected Column=canonical)"
        super().__init__(message)


def parse_mapping(
    pairs: Iterable[str], *, fields: Collection[str] | None = CANONICAL_FIELDS
) -> dict[str, str]:
    """``["Колонка=canonical", ...]`` as a dict; :class:`MappingError` for a bad pair.

    ``fields`` are the names a pair may map to (the list fields, or more for a
    command that reads other columns; None for any). Blank pairs are skipped.
    Canonical names never hold "=", so the last one splits: a header may contain "=".
    Whether each column is in the file is the reader's check.
    """
    mapping: dict[str, str] = {}
    for position, pair in enumerate(pairs, start=1):
        if not pair.strip():
            continue
        column, sep, canonical = pair.rpartition("=")
        column, canonical = column.strip(), canonical.strip()
        if not sep or not column or not canonical:
            raise MappingError(position, pair, "not_a_pair")
        if fields is not None and canonical not in fields:
            raise MappingError(position, pair, "unknown_field", canonical)
        mapping[column] = canonical
    return mapping

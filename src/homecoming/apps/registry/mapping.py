"""Header mappings given by the user: ``"Колонка=canonical"`` pairs (``--map``, the
upload form, the API's ``mapping`` field). No Django here: the command line parses its
options before Django starts."""

from __future__ import annotations

from collections.abc import Iterable


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """``["Колонка=canonical", ...]`` as a dict; ValueError naming a malformed pair.

    The reader checks that each canonical name exists and each column is in the file.
    Canonical names never hold "=", so the last one splits: a header may contain "="
    (as the upload form reads it too).
    """
    mapping: dict[str, str] = {}
    for pair in pairs:
        column, sep, canonical = pair.rpartition("=")
        if not sep or not column.strip() or not canonical.strip():
            raise ValueError(f"{pair!r} is not a mapping (expected Column=canonical)")
        mapping[column.strip()] = canonical.strip()
    return mapping

"""Spreadsheet formula injection: neutralising cells on export, and undoing it on import.

A cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
may run as a formula when a spreadsheet opens the file. The writer prefixes such a
cell with a single quote (``'=1+1``); a spreadsheet then shows it as text. So that a
file written here reads back exactly, the reader removes that one quote again, and
the writer also quotes a text that itself starts with a quote followed by one of
those characters (or by another quote)::

    escape_cell("==1+1") == "'==1+1"      unescape_cell("'==1+1") == "==1+1"
    escape_cell("'=x")   == "''=x"        unescape_cell("''=x")   == "'=x"
    escape_cell("O'Neil") == "O'Neil"
"""

from __future__ import annotations

__all__ = ["FORMULA_TRIGGERS", "escape_cell", "unescape_cell"]

#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_TRIGGERS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
_QUOTABLE = (*FORMULA_TRIGGERS, "'", "\n")


def escape_cell(text: str) -> str:
    """``text`` made safe to open in a spreadsheet (a quote before a formula start)."""
    if text.startswith(FORMULA_TRIGGERS) or (
        text.startswith("'") and text[1:].startswith(_QUOTABLE)
    ):
        return "'" + text
    return text


def unescape_cell(text: str) -> str:
    """The text before :func:`escape_cell` (one protecting quote removed)."""
    if text.startswith("'") and text[1:].startswith(_QUOTABLE):
        return text[1:]
    return text

"""Record linkage: which records on two lists (or within one) are the same person.

Public names come from here. Splink and DuckDB are imported only when scoring runs,
so that reading dates or parsing lists stays light.
"""

from homecoming.engines.linkage.dates import (
    DateFormatError,
    PartialDate,
    parse_partial_date,
)

__all__ = ["DateFormatError", "PartialDate", "parse_partial_date"]

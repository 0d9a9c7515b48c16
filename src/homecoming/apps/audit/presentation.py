"""Ledger entries as people read them: one row per entry with its sentence and links.

Shape::

    entry_rows(entries, by) -> [EntryRow(seq=42, time=..., organisation="ua",
                                         sentence=<safe html>), ...]

Used by the ledger page and by every object's History (``{% ledger_history obj %}``),
so both read alike: never raw data or action codes, the subject linked for a caller who
may open it, the actor named as the caller may know them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils.safestring import SafeString

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.audit.catalogue import sentence_of, subject_links
from homecoming.apps.audit.models import LedgerEntry


@dataclass(frozen=True, slots=True)
class EntryRow:
    seq: int
    time: datetime
    organisation: str
    sentence: SafeString


def entry_rows(entries: Iterable[LedgerEntry], by: Actor) -> list[EntryRow]:
    """The entries as rows for ``by`` (subjects resolved in one query per kind)."""
    listed = list(entries)
    links = subject_links(listed, by)
    return [
        EntryRow(
            seq=entry.seq,
            time=entry.time,
            organisation=entry.organisation,
            sentence=sentence_of(entry, by, links),
        )
        for entry in listed
    ]

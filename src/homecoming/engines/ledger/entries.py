"""One ledger entry, the JSON that is hashed for it, and its leaf hash.

Shape of the hashed JSON (RFC 8785 canonical; every key always present)::

    {"seq": 42, "time": "2026-11-25T13:02:11.123456Z", "actor_id": 7,
     "actor": "officer.ua.1", "organisation": "ua", "action": "person.register",
     "subject_type": "registry.person", "subject_id": "118",
     "data": {...}, "audience": ["ru"]}

``seq`` starts at 1 and is gapless; the entry with sequence number ``seq`` is leaf
``seq - 1`` of the RFC 9162 tree. Because ``seq`` and ``time`` are inside the hashed bytes,
moving an entry to another place changes its hash.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from homecoming.engines.ledger.canonical import canonical_json
from homecoming.engines.ledger.merkle import leaf_hash


def format_time(moment: dt.datetime) -> str:
    """A timezone-aware moment as UTC ISO 8601 with microseconds and a ``Z``."""
    if moment.tzinfo is None:
        raise ValueError("ledger times must be timezone-aware")
    utc = moment.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass(frozen=True, slots=True)
class LedgerRecord:
    """The content of one ledger entry, as hashed. ``data`` must be JSON (no dates)."""

    seq: int
    time: dt.datetime
    action: str
    organisation: str = ""
    actor_id: int | None = None
    actor: str = ""
    subject_type: str = ""
    subject_id: str = ""
    data: Mapping[str, Any] = field(default_factory=dict)
    audience: Sequence[str] = ()

    def payload(self) -> dict[str, Any]:
        """The JSON value whose canonical bytes are the leaf."""
        return {
            "seq": self.seq,
            "time": format_time(self.time),
            "actor_id": self.actor_id,
            "actor": self.actor,
            "organisation": self.organisation,
            "action": self.action,
            "subject_type": self.subject_type,
            "subject_id": self.subject_id,
            "data": dict(self.data),
            "audience": list(self.audience),
        }

    def canonical_bytes(self) -> bytes:
        """RFC 8785 bytes of :meth:`payload`."""
        return canonical_json(self.payload())

    def leaf_hash(self) -> bytes:
        """The RFC 9162 leaf hash of this entry."""
        return leaf_hash(self.canonical_bytes())

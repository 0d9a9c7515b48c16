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
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from homecoming.engines.ledger.canonical import canonical_json
from homecoming.engines.ledger.errors import EntryFormatError
from homecoming.engines.ledger.merkle import leaf_hash

_TIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?Z"
)


def format_time(moment: dt.datetime) -> str:
    """A timezone-aware moment as UTC ISO 8601 with microseconds and a ``Z``."""
    if moment.tzinfo is None:
        raise ValueError("ledger times must be timezone-aware")
    utc = moment.astimezone(dt.UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_time(text: str) -> dt.datetime:
    """Read a time written by :func:`format_time` (or without microseconds); else an error."""
    if not isinstance(text, str) or not _TIME.fullmatch(text):
        raise EntryFormatError(
            f"{str(text)[:40]!r} is not a UTC time like 2026-11-25T13:02:11.123456Z"
        )
    try:
        return dt.datetime.fromisoformat(text[:-1]).replace(tzinfo=dt.UTC)
    except ValueError:
        raise EntryFormatError(f"{text!r} is not a real date and time") from None


def visibility_key(organisation: str, audience: Iterable[str]) -> str:
    """``"|ua|ru|"``: the organisations that may read an entry (the service's one-LIKE
    scoping column), derived from what is hashed so that a verifier can recompute it."""
    codes = sorted({code for code in (organisation, *audience) if code})
    return "|" + "|".join(codes) + "|" if codes else ""


_TEXT_MEMBERS = ("actor", "organisation", "action", "subject_type", "subject_id")
_MEMBERS = frozenset({"seq", "time", "actor_id", "data", "audience", *_TEXT_MEMBERS})


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

    @classmethod
    def from_payload(cls, value: Any) -> LedgerRecord:
        """The record an entry's hashed JSON (:meth:`payload`) shows; EntryFormatError
        names the member that is missing or of the wrong kind."""
        if not isinstance(value, dict):
            raise EntryFormatError("an entry is a JSON object")
        missing = sorted(_MEMBERS - value.keys())
        if missing:
            raise EntryFormatError(f'the entry has no "{missing[0]}"')
        unknown = sorted(value.keys() - _MEMBERS)
        if unknown:
            raise EntryFormatError(
                f'the entry has a member "{unknown[0]}" that is not hashed'
            )
        seq, actor_id = value["seq"], value["actor_id"]
        if type(seq) is not int or seq < 1:
            raise EntryFormatError('the entry\'s "seq" is not a whole number >= 1')
        if actor_id is not None and type(actor_id) is not int:
            raise EntryFormatError('the entry\'s "actor_id" is not a number or null')
        for member in _TEXT_MEMBERS:
            if not isinstance(value[member], str):
                raise EntryFormatError(f'the entry\'s "{member}" is not text')
        if not isinstance(value["data"], dict):
            raise EntryFormatError('the entry\'s "data" is not an object')
        audience = value["audience"]
        if not isinstance(audience, list) or not all(
            isinstance(a, str) for a in audience
        ):
            raise EntryFormatError('the entry\'s "audience" is not a list of codes')
        try:
            time = parse_time(value["time"])
        except EntryFormatError as exc:
            raise EntryFormatError(f'the entry\'s "time": {exc}') from None
        return cls(
            seq=seq,
            time=time,
            action=value["action"],
            organisation=value["organisation"],
            actor_id=actor_id,
            actor=value["actor"],
            subject_type=value["subject_type"],
            subject_id=value["subject_id"],
            data=value["data"],
            audience=tuple(audience),
        )

    def canonical_bytes(self) -> bytes:
        """RFC 8785 bytes of :meth:`payload`."""
        return canonical_json(self.payload())

    def leaf_hash(self) -> bytes:
        """The RFC 9162 leaf hash of this entry."""
        return leaf_hash(self.canonical_bytes())

"""The first checkpoint form, ``homecoming-checkpoint/1``: signed JSON, read and still made.

Shape of the signed document (the envelope signs its canonical bytes, ``time`` included)::

    {"type": "homecoming-checkpoint/1", "origin": "homecoming", "size": 1042,
     "root_hash": "<hex MTH of entries 1..1042>", "time": "2026-11-25T13:00:00.000000Z"}

Parties kept files of this form; the service stores it until it signs C2SP notes
(:mod:`homecoming.engines.ledger.checkpoints`; docs/decisions/ledger-checkpoint-notes.md
says how the stored ones move over). Verification gives the same
:class:`~homecoming.engines.ledger.checkpoints.CheckpointVerification` as a note's, the
signed ``time`` as ``signed_at`` and no cosignatures.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from homecoming.engines.ledger.checkpoints import Checkpoint, CheckpointVerification
from homecoming.engines.ledger.entries import format_time, parse_time
from homecoming.engines.ledger.errors import NoteFormatError
from homecoming.engines.ledger.keys import KeyRing
from homecoming.engines.ledger.signatures import (
    DocumentVerification,
    SignatureEnvelope,
    sign_document,
    verify_document,
)

CHECKPOINT_TYPE = "homecoming-checkpoint/1"
_HEX_ROOT = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True, slots=True)
class JSONCheckpoint:
    """The size and root hash of the log at a moment, as signed JSON."""

    origin: str
    size: int
    root_hash: str
    time: str

    @property
    def checkpoint(self) -> Checkpoint:
        return Checkpoint(self.origin, self.size, self.root_hash)

    def document(self) -> dict[str, Any]:
        """The JSON value that is signed."""
        return {
            "type": CHECKPOINT_TYPE,
            "origin": self.origin,
            "size": self.size,
            "root_hash": self.root_hash,
            "time": self.time,
        }

    @classmethod
    def from_document(cls, value: Any) -> JSONCheckpoint:
        """Read a checkpoint document back; NoteFormatError names the member at fault."""
        if not isinstance(value, dict) or value.get("type") != CHECKPOINT_TYPE:
            raise NoteFormatError(f'a checkpoint has "type": "{CHECKPOINT_TYPE}"')
        origin, size = value.get("origin"), value.get("size")
        root, time = value.get("root_hash"), value.get("time")
        if not isinstance(origin, str):
            raise NoteFormatError('the checkpoint has no "origin" text')
        if type(size) is not int or size < 0:
            raise NoteFormatError('the checkpoint\'s "size" is not a whole number >= 0')
        if not isinstance(root, str) or not _HEX_ROOT.fullmatch(root):
            raise NoteFormatError('the checkpoint\'s "root_hash" is not 64 hex digits')
        if not isinstance(time, str):
            raise NoteFormatError('the checkpoint has no "time" text')
        parse_time(time)
        return cls(origin=origin, size=size, root_hash=root, time=time)


@dataclass(frozen=True, slots=True)
class SignedJSONCheckpoint:
    """A JSON checkpoint and the signature envelope over its document."""

    json_checkpoint: JSONCheckpoint
    envelope: SignatureEnvelope

    @property
    def checkpoint(self) -> Checkpoint:
        return self.json_checkpoint.checkpoint


def json_checkpoint_at(
    *, origin: str, size: int, root: bytes, moment: dt.datetime
) -> JSONCheckpoint:
    """A JSON checkpoint for a log of ``size`` entries whose Merkle root is ``root``."""
    return JSONCheckpoint(
        origin=origin, size=size, root_hash=root.hex(), time=format_time(moment)
    )


def sign_json_checkpoint(
    checkpoint: JSONCheckpoint, private_key: Ed25519PrivateKey, *, signer: str
) -> SignedJSONCheckpoint:
    """Sign a JSON checkpoint with the log operator's (the mediator's) key."""
    return SignedJSONCheckpoint(
        checkpoint, sign_document(checkpoint.document(), private_key, signer=signer)
    )


def verify_json_checkpoint(
    signed: SignedJSONCheckpoint, keys: KeyRing, *, operator: str = ""
) -> CheckpointVerification:
    """Is the JSON checkpoint signed by a registered, unrevoked key of ``operator``?"""
    trusted = keys.get(signed.envelope.key_id)
    owner = operator or (trusted.owner if trusted is not None else "")
    verdict: DocumentVerification = verify_document(
        signed.json_checkpoint.document(),
        [signed.envelope],
        keys,
        required_signers=[owner] if owner else [],
    )
    problems = [c.problem for c in verdict.checks if c.problem]
    if verdict.missing:
        problems.append(f"not signed by a key of {owner or 'the operator'}")
    intact = verdict.intact and bool(owner)
    return CheckpointVerification(
        checkpoint=signed.checkpoint,
        operator=owner,
        operator_key_id=signed.envelope.key_id if intact else "",
        signed_at=parse_time(signed.json_checkpoint.time),
        cosignatures=(),
        problems=tuple(problems) or (() if intact else ("not validly signed",)),
    )

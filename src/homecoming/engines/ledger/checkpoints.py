"""Checkpoints: the signed statement "the log had this size and this root at this time".

Shape of the signed document::

    {"type": "homecoming-checkpoint/1", "origin": "homecoming.example",
     "size": 1042, "root_hash": "<hex MTH of entries 1..1042>",
     "time": "2026-11-25T13:00:00.000000Z"}

A party keeps the checkpoints it fetched. Later it asks for a consistency proof from its
kept checkpoint to the current one: if the proof fails, the history it saw was rewritten,
truncated or forked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from homecoming.engines.ledger.entries import format_time
from homecoming.engines.ledger.keys import KeyRing
from homecoming.engines.ledger.merkle import verify_consistency
from homecoming.engines.ledger.signatures import (
    DocumentVerification,
    SignatureEnvelope,
    sign_document,
    verify_document,
)

CHECKPOINT_TYPE = "homecoming-checkpoint/1"


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The size and root hash of the log at a moment, as signed."""

    origin: str
    size: int
    root_hash: str
    time: str

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
    def from_document(cls, value: Any) -> Checkpoint:
        """Read a checkpoint document back; ValueError names the member at fault."""
        if not isinstance(value, dict) or value.get("type") != CHECKPOINT_TYPE:
            raise ValueError(f'a checkpoint has "type": "{CHECKPOINT_TYPE}"')
        try:
            return cls(
                origin=str(value["origin"]),
                size=int(value["size"]),
                root_hash=str(value["root_hash"]),
                time=str(value["time"]),
            )
        except KeyError as exc:
            raise ValueError(f"the checkpoint has no {exc.args[0]!r}") from exc


@dataclass(frozen=True, slots=True)
class SignedCheckpoint:
    """A checkpoint and the signature over its document."""

    checkpoint: Checkpoint
    envelope: SignatureEnvelope


def checkpoint_at(
    *, origin: str, size: int, root: bytes, moment: dt.datetime
) -> Checkpoint:
    """A checkpoint for a log of ``size`` entries whose Merkle root is ``root``."""
    return Checkpoint(
        origin=origin, size=size, root_hash=root.hex(), time=format_time(moment)
    )


def sign_checkpoint(
    checkpoint: Checkpoint, private_key: Ed25519PrivateKey, *, signer: str
) -> SignedCheckpoint:
    """Sign a checkpoint with the log operator's (the mediator's) key."""
    return SignedCheckpoint(
        checkpoint, sign_document(checkpoint.document(), private_key, signer=signer)
    )


def verify_checkpoint(
    signed: SignedCheckpoint, keys: KeyRing, *, operator: str
) -> DocumentVerification:
    """Is the checkpoint signed by a registered, unrevoked key of ``operator``?"""
    return verify_document(
        signed.checkpoint.document(),
        [signed.envelope],
        keys,
        required_signers=[operator],
    )


def checkpoints_consistent(
    old: Checkpoint, new: Checkpoint, proof: Sequence[bytes]
) -> bool:
    """Does ``proof`` show that the log at ``new`` extends the log at ``old``?"""
    return verify_consistency(
        old.size,
        new.size,
        bytes.fromhex(old.root_hash),
        bytes.fromhex(new.root_hash),
        proof,
    )

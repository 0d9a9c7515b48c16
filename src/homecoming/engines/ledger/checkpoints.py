"""Checkpoints: the signed statement "the log had this size and this root", as C2SP notes.

A checkpoint is a c2sp.org/tlog-checkpoint note, readable by the transparency-log tools of
the Go checksum database and Sigsum::

    homecoming.example/ledger                     <- origin: the log's name
    1042                                          <- size: number of entries
    Q2hlY2twb2ludCByb290IGhhc2ggb2YgMTA0Mg==      <- root: base64 of the RFC 9162 root

    — homecoming.example/ledger AbCd...  <- the mediator's Ed25519 signature (0x01)
    — homecoming.example/ledger EfGh...  <- the mediator's cosignature/v1 (0x04): its time
    — ua IjKl...                         <- a party's cosignature/v1: "I checked it, at t"

The mediator signs with one key under the log's name twice: a plain Ed25519 note
signature (what every tool verifies as the log's) and a timestamped cosignature carrying
the signing time (c2sp.org/tlog-cosignature: "as of this time, this is the largest tree
I have seen"), which is what a party's freshness check reads. A party's own key adds its
cosignature after checking the checkpoint: a witness, as in the Go checksum database.

Who signed is established only by the key list: a line whose name and key id match no
key there is ignored, as the signed-note specification requires. The older JSON form
(``homecoming-checkpoint/1``) is read by :mod:`homecoming.engines.ledger.json_checkpoints`.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from homecoming.engines.ledger.errors import KeyFormatError, NoteFormatError
from homecoming.engines.ledger.keys import REVOKED, KeyRing, TrustedKey
from homecoming.engines.ledger.merkle import verify_consistency
from homecoming.engines.ledger.notes import (
    COSIGNATURE_V1,
    ED25519,
    NoteSignature,
    SignedNote,
    check_key_name,
    cosign_note_text,
    note_signature_type,
    note_signature_valid,
    parse_note,
    sign_note_text,
)

_SIZE = re.compile(r"0|[1-9][0-9]{0,18}")


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The size and root hash (hex) of the log named ``origin``."""

    origin: str
    size: int
    root_hash: str

    def body(self) -> str:
        """The note text: origin, size and base64 root, each on its own line."""
        root = base64.b64encode(bytes.fromhex(self.root_hash)).decode("ascii")
        return f"{check_key_name(self.origin)}\n{self.size}\n{root}\n"

    @classmethod
    def from_body(cls, text: str) -> Checkpoint:
        """Read a note text; NoteFormatError names the line at fault."""
        lines = text.split("\n")
        if len(lines) != 4 or lines[3] != "":
            raise NoteFormatError(
                "a checkpoint is three lines (origin, size, root hash);"
                " this log writes no extension lines"
            )
        origin, size, root = lines[:3]
        if origin == "cosignature/v1":  # would blur a signature and a cosignature
            raise NoteFormatError("line 1: 'cosignature/v1' is not a log's origin")
        check_key_name(origin)
        if not _SIZE.fullmatch(size):
            raise NoteFormatError(f"line 2: {size[:30]!r} is not a tree size")
        try:
            raw = base64.b64decode(root, validate=True)
        except (binascii.Error, ValueError):
            raw = b""
        if len(raw) != 32:
            raise NoteFormatError("line 3: the root hash is not base64 of 32 bytes")
        return cls(origin, int(size), raw.hex())


@dataclass(frozen=True, slots=True)
class SignedCheckpoint:
    """A checkpoint and the signature lines of its note."""

    checkpoint: Checkpoint
    signatures: tuple[NoteSignature, ...]

    def note(self) -> str:
        """The signed note as served and kept (a text file)."""
        return SignedNote(self.checkpoint.body(), self.signatures).encode()

    @classmethod
    def from_note(cls, note: str | bytes) -> SignedCheckpoint:
        signed = parse_note(note)
        return cls(Checkpoint.from_body(signed.text), signed.signatures)

    def with_signature(self, signature: NoteSignature) -> SignedCheckpoint:
        if signature in self.signatures:
            return self
        return SignedCheckpoint(self.checkpoint, (*self.signatures, signature))


def posix_seconds(moment: dt.datetime) -> int:
    """A timezone-aware moment as whole POSIX seconds (what cosignatures carry)."""
    if moment.tzinfo is None:
        raise ValueError("checkpoint times must be timezone-aware")
    return int(moment.timestamp())


def sign_checkpoint(
    checkpoint: Checkpoint, private_key: Ed25519PrivateKey, *, moment: dt.datetime
) -> SignedCheckpoint:
    """The log operator's (the mediator's) signature and signed time, under the origin."""
    text = checkpoint.body()
    name = checkpoint.origin
    return SignedCheckpoint(
        checkpoint,
        (
            sign_note_text(text, private_key, name=name),
            cosign_note_text(
                text, private_key, name=name, timestamp=posix_seconds(moment)
            ),
        ),
    )


def cosign_checkpoint(
    signed: SignedCheckpoint,
    private_key: Ed25519PrivateKey,
    *,
    name: str,
    moment: dt.datetime,
) -> SignedCheckpoint:
    """``signed`` with a witness's cosignature/v1 added: "I checked it, as of ``moment``"."""
    line = cosign_note_text(
        signed.checkpoint.body(),
        private_key,
        name=name,
        timestamp=posix_seconds(moment),
    )
    return signed.with_signature(line)


@dataclass(frozen=True, slots=True)
class Cosignature:
    """A valid cosignature by a known key: whose, under what name, at what time."""

    owner: str
    name: str
    key_id: str
    time: dt.datetime


@dataclass(frozen=True, slots=True)
class CheckpointVerification:
    """What checking a checkpoint's signatures against a key list found.

    ``intact``: signed by a registered, unrevoked key of ``operator`` and no signature
    from a known key failed. ``signed_at`` is the operator's signed time (None when the
    checkpoint carries none); ``cosignatures`` are the other organisations' witnesses.
    """

    checkpoint: Checkpoint
    operator: str
    operator_key_id: str
    signed_at: dt.datetime | None
    cosignatures: tuple[Cosignature, ...]
    problems: tuple[str, ...]
    ignored: int = 0

    @property
    def intact(self) -> bool:
        return bool(self.operator_key_id) and not self.problems

    @property
    def witnesses(self) -> tuple[str, ...]:
        """Owners with a valid cosignature (other than the operator), each once."""
        return tuple(dict.fromkeys(c.owner for c in self.cosignatures))


def _known_keys(keys: KeyRing) -> list[tuple[TrustedKey, Ed25519PublicKey]]:
    known = []
    for trusted in keys.keys.values():
        try:
            known.append((trusted, trusted.ed25519()))
        except KeyFormatError:
            continue
    return known


def verify_checkpoint_note(
    signed: SignedCheckpoint, keys: KeyRing, *, operator: str = ""
) -> CheckpointVerification:
    """Check every signature line of ``signed`` that a key in ``keys`` made.

    ``operator`` is the organisation whose key must make the log's signature (the
    mediator); empty means whoever made the first valid one, for the caller to show.
    """
    text = signed.checkpoint.body()
    problems: list[str] = []
    log_keys: list[TrustedKey] = []
    times: dict[str, int] = {}
    cosigned: list[tuple[TrustedKey, NoteSignature]] = []
    ignored = 0
    known = _known_keys(keys)
    for line in signed.signatures:
        matches = [
            (trusted, kind)
            for trusted, public in known
            if (kind := note_signature_type(line, public)) is not None
        ]
        if not matches:
            ignored += 1
            continue
        for trusted, kind in matches:
            label = f"{line.name} (key {trusted.key_id[:16]}, {trusted.owner})"
            public = trusted.ed25519()
            if not note_signature_valid(text, line, public):
                problems.append(f"the signature line of {label} does not verify")
            elif trusted.status == REVOKED:
                problems.append(f"the signature line of {label} uses a revoked key")
            elif kind == ED25519:
                log_keys.append(trusted)
            elif kind == COSIGNATURE_V1 and line.timestamp is not None:
                times.setdefault(trusted.key_id, line.timestamp)
                cosigned.append((trusted, line))
    owner = operator or (log_keys[0].owner if log_keys else "")
    by_operator = [k for k in log_keys if k.owner == owner]
    if not by_operator:
        problems.append(
            f"no valid signature by a key of {owner or 'the operator'}"
            " (the log's Ed25519 signature)"
        )
    elif any(k.owner != owner for k in log_keys):
        problems.append(
            "the log's signature is also made by another organisation's key"
        )
    operator_key = by_operator[0].key_id if by_operator else ""
    stamp = max(
        (
            times[k.key_id]
            for k, _ in cosigned
            if k.owner == owner and k.key_id in times
        ),
        default=None,
    )
    cosignatures = tuple(
        Cosignature(
            trusted.owner,
            line.name,
            trusted.key_id,
            dt.datetime.fromtimestamp(line.timestamp or 0, dt.UTC),
        )
        for trusted, line in cosigned
        if trusted.owner != owner
    )
    return CheckpointVerification(
        checkpoint=signed.checkpoint,
        operator=owner,
        operator_key_id=operator_key,
        signed_at=dt.datetime.fromtimestamp(stamp, dt.UTC)
        if stamp is not None
        else None,
        cosignatures=cosignatures,
        problems=tuple(problems),
        ignored=ignored,
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

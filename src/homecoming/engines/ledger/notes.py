"""C2SP signed notes (c2sp.org/signed-note): text signed by one or more keys.

The format that transparency logs (the Go checksum database, Sigsum, Certificate
Transparency's static logs) use for checkpoints and their witnesses' cosignatures::

    homecoming.example/ledger          <- the note text: lines ending in a newline
    1042
    Zm9vYmFy...=
                                       <- one blank line
    — homecoming.example/ledger Az3g...  <- em dash, space, key name, space,
    — ua jWbP...                            base64(4-byte key id || signature)

Two signature types are made and checked here, both Ed25519 over the note text:

- ``0x01`` plain Ed25519 (signed-note): the signature is 64 bytes over the text itself.
- ``0x04`` timestamped cosignature (c2sp.org/tlog-cosignature, ``cosignature/v1``): 8
  bytes of big-endian POSIX time then 64 bytes of signature over
  ``"cosignature/v1\\ntime <seconds>\\n" || text``.

A key id is ``SHA-256(name || 0x0A || type || 32-byte public key)[:4]``; a verifier key
(vkey) is ``name+hex(key id)+base64(type || public key)``. Signature lines from keys a
verifier does not know are ignored, as the specification requires.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from homecoming.engines.ledger.errors import NoteFormatError
from homecoming.engines.ledger.keys import public_key_bytes

ED25519 = 0x01
COSIGNATURE_V1 = 0x04
SIGNATURE_TYPES = (ED25519, COSIGNATURE_V1)
MAX_SIGNATURES = 64  # the specification asks verifiers to accept at least 16
MAX_NOTE_BYTES = 1_000_000
_DASH = "\u2014 "
_NAME = re.compile(r"[^\s+]+")
_SIGNATURE_LINE = re.compile(r"\u2014 ([^\s+]+) ([A-Za-z0-9+/]+={0,2})\n")


def check_key_name(name: str) -> str:
    """``name`` when it is a valid key name (non-empty, no spaces, no ``+``); else an error."""
    if not _NAME.fullmatch(name):
        raise NoteFormatError(
            f"{name!r} is not a key name (non-empty, no spaces, no '+')"
        )
    return name


def note_key_id(name: str, signature_type: int, public_key: Ed25519PublicKey) -> bytes:
    """The 4-byte key id a signature line gives for ``public_key`` under ``name``."""
    material = bytes([signature_type]) + public_key_bytes(public_key)
    return hashlib.sha256(name.encode("utf-8") + b"\n" + material).digest()[:4]


def vkey(name: str, signature_type: int, public_key: Ed25519PublicKey) -> str:
    """The verifier key text other tools are configured with (``name+id+base64``)."""
    material = bytes([signature_type]) + public_key_bytes(public_key)
    key_hash = note_key_id(name, signature_type, public_key).hex()
    return f"{check_key_name(name)}+{key_hash}+{base64.b64encode(material).decode()}"


@dataclass(frozen=True, slots=True)
class NoteSignature:
    """One signature line: the key's name, its 4-byte id and the signature bytes."""

    name: str
    key_hash: bytes
    signature: bytes

    def line(self) -> str:
        payload = base64.b64encode(self.key_hash + self.signature).decode("ascii")
        return f"{_DASH}{self.name} {payload}\n"

    @property
    def timestamp(self) -> int | None:
        """The POSIX time of a cosignature/v1 (72 bytes); None for other lengths."""
        if len(self.signature) != 72:
            return None
        return int.from_bytes(self.signature[:8], "big")


@dataclass(frozen=True, slots=True)
class SignedNote:
    """A note text (ending in a newline) and its signature lines, in order."""

    text: str
    signatures: tuple[NoteSignature, ...]

    def encode(self) -> str:
        """The note as it is written to a file or served."""
        return self.text + "\n" + "".join(s.line() for s in self.signatures)

    def with_signature(self, signature: NoteSignature) -> SignedNote:
        """This note with one more signature line (a line already present is not doubled)."""
        if signature in self.signatures:
            return self
        return SignedNote(self.text, (*self.signatures, signature))


def parse_note(note: str | bytes) -> SignedNote:
    """Read a signed note; NoteFormatError says what breaks the format."""
    if isinstance(note, bytes):
        if len(note) > MAX_NOTE_BYTES:
            raise NoteFormatError(f"a note has at most {MAX_NOTE_BYTES:,} bytes")
        try:
            note = note.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise NoteFormatError(f"not UTF-8 at byte {exc.start}") from None
    if len(note) > MAX_NOTE_BYTES:
        raise NoteFormatError(f"a note has at most {MAX_NOTE_BYTES:,} bytes")
    if re.search(r"[\x00-\x09\x0b-\x1f]", note):
        raise NoteFormatError("a note holds no control characters but newlines")
    split = note.rfind("\n\n")
    if split < 0 or not note.endswith("\n"):
        raise NoteFormatError(
            "a signed note is text, a blank line, then signature lines, each ending in"
            " a newline"
        )
    text, block = note[: split + 1], note[split + 2 :]
    signatures = []
    for number, match in enumerate(_lines(block), start=1):
        if number > MAX_SIGNATURES:
            raise NoteFormatError(f"more than {MAX_SIGNATURES} signature lines")
        try:
            raw = base64.b64decode(match.group(2), validate=True)
        except (binascii.Error, ValueError):
            raise NoteFormatError(f"signature line {number}: not base64") from None
        if len(raw) < 5:
            raise NoteFormatError(f"signature line {number}: too short")
        signatures.append(NoteSignature(match.group(1), raw[:4], raw[4:]))
    if not signatures:
        raise NoteFormatError("the note has no signature lines")
    return SignedNote(text, tuple(signatures))


def _lines(block: str) -> list[re.Match[str]]:
    matches, position = [], 0
    while position < len(block):
        match = _SIGNATURE_LINE.match(block, position)
        if match is None:
            line = block[position:].split("\n", 1)[0]
            raise NoteFormatError(f"not a signature line: {line[:60]!r}")
        matches.append(match)
        position = match.end()
    return matches


def _cosigned_message(text: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n{text}".encode()


def sign_note_text(
    text: str, private_key: Ed25519PrivateKey, *, name: str
) -> NoteSignature:
    """A plain Ed25519 (``0x01``) signature line over ``text``."""
    key_hash = note_key_id(check_key_name(name), ED25519, private_key.public_key())
    return NoteSignature(name, key_hash, private_key.sign(text.encode("utf-8")))


def cosign_note_text(
    text: str, private_key: Ed25519PrivateKey, *, name: str, timestamp: int
) -> NoteSignature:
    """A timestamped cosignature/v1 (``0x04``) line over ``text`` at POSIX ``timestamp``."""
    if not 0 <= timestamp < 2**63:
        raise NoteFormatError(f"timestamp {timestamp} is outside 0..2**63-1")
    key_hash = note_key_id(
        check_key_name(name), COSIGNATURE_V1, private_key.public_key()
    )
    signature = private_key.sign(_cosigned_message(text, timestamp))
    return NoteSignature(name, key_hash, timestamp.to_bytes(8, "big") + signature)


def note_signature_type(
    signature: NoteSignature, public_key: Ed25519PublicKey
) -> int | None:
    """Which type (``0x01`` or ``0x04``) ``signature`` claims for this key; None if neither.

    A line is "from" a key when its name and 4-byte id match that key's under one type;
    a line that matches no known key is to be ignored, not failed.
    """
    for signature_type in SIGNATURE_TYPES:
        if (
            note_key_id(signature.name, signature_type, public_key)
            == signature.key_hash
        ):
            return signature_type
    return None


def note_signature_valid(
    text: str, signature: NoteSignature, public_key: Ed25519PublicKey
) -> bool:
    """Does ``signature`` (of the type its key id names) verify over ``text``?"""
    signature_type = note_signature_type(signature, public_key)
    if signature_type == ED25519:
        message, raw = text.encode("utf-8"), signature.signature
    elif signature_type == COSIGNATURE_V1 and signature.timestamp is not None:
        if signature.timestamp >= 2**63:
            return False
        message = _cosigned_message(text, signature.timestamp)
        raw = signature.signature[8:]
    else:
        return False
    try:
        public_key.verify(raw, message)
    except InvalidSignature:
        return False
    return True


@dataclass(frozen=True, slots=True)
class VerifierKey:
    """A key as other transparency-log tools are configured with it (a vkey)."""

    name: str
    signature_type: int
    public_key: Ed25519PublicKey

    @classmethod
    def parse(cls, text: str) -> VerifierKey:
        """Read ``name+hex id+base64(type || key)``; NoteFormatError if it does not hold."""
        parts = text.strip().split("+", 2)  # base64 may hold '+'; names and ids do not
        if len(parts) != 3:
            raise NoteFormatError("a verifier key is name+keyid+base64 key")
        name, key_hash, material = parts
        try:
            raw = base64.b64decode(material, validate=True)
        except (binascii.Error, ValueError):
            raise NoteFormatError("the verifier key is not base64") from None
        if len(raw) != 33 or raw[0] not in SIGNATURE_TYPES:
            raise NoteFormatError("not an Ed25519 verifier key (type 0x01 or 0x04)")
        key = cls(
            check_key_name(name), raw[0], Ed25519PublicKey.from_public_bytes(raw[1:])
        )
        if note_key_id(name, raw[0], key.public_key).hex() != key_hash.lower():
            raise NoteFormatError("the verifier key's id does not match its key")
        return key

    def encode(self) -> str:
        return vkey(self.name, self.signature_type, self.public_key)

"""Ed25519 keys: generating, reading and writing them, key ids, and the key list.

A key id is the lower-case hex SHA-256 of the 32 raw bytes of the public key, so anyone can
recompute it from the public key alone. Public keys travel as base64 of those 32 bytes;
private keys as unencrypted PKCS#8 PEM files that only their owner can read (0600).

The key list (``KEYS.json``, served by the service at ``/api/v1/keys/``) says which
organisation owns which key and whether the key is active, retired (rotated out: still
valid for what it signed before) or revoked (compromised: no longer trusted at all)::

    {"type": "homecoming-keys/1",
     "keys": [{"key_id": "9f2c...", "owner": "ua", "public_key": "MCow...",
               "status": "active", "label": "ua signing key 2026"}]}
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from homecoming.engines.ledger.errors import KeyFormatError

KEYS_TYPE = "homecoming-keys/1"
ACTIVE, RETIRED, REVOKED = "active", "retired", "revoked"
KEY_STATUSES = (ACTIVE, RETIRED, REVOKED)


def generate_private_key() -> Ed25519PrivateKey:
    """A fresh Ed25519 private key from the operating system's randomness."""
    return Ed25519PrivateKey.generate()


def private_key_to_pem(private_key: Ed25519PrivateKey) -> bytes:
    """PKCS#8 PEM bytes of a private key (unencrypted: protect the file instead)."""
    return private_key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )


def load_private_key(pem: bytes) -> Ed25519PrivateKey:
    """Read a PKCS#8 PEM Ed25519 private key; KeyFormatError for anything else."""
    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as exc:
        raise KeyFormatError("not an unencrypted PEM private key") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFormatError("the private key is not an Ed25519 key")
    return key


def public_key_bytes(public_key: Ed25519PublicKey) -> bytes:
    """The 32 raw bytes of a public key."""
    return public_key.public_bytes(
        encoding=serialization.Encoding.Raw, format=serialization.PublicFormat.Raw
    )


def public_key_text(public_key: Ed25519PublicKey) -> str:
    """Base64 of the 32 raw bytes: how public keys are written in JSON and on pages."""
    return base64.b64encode(public_key_bytes(public_key)).decode("ascii")


def load_public_key(text: str) -> Ed25519PublicKey:
    """Read a public key from :func:`public_key_text` form; KeyFormatError otherwise."""
    try:
        raw = base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise KeyFormatError("the public key is not base64") from exc
    if len(raw) != 32:
        raise KeyFormatError("an Ed25519 public key has 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def key_id(public_key: Ed25519PublicKey) -> str:
    """Hex SHA-256 of the raw public key: the name a signature gives its key."""
    return hashlib.sha256(public_key_bytes(public_key)).hexdigest()


FINGERPRINT_DIGITS = 40


def key_fingerprint(key: Ed25519PublicKey | str) -> str:
    """The fingerprint people compare on paper or read aloud: 40 digits in groups of five.

    ``key`` is a public key or its key id (hex). Digits, not hex, because the parties
    read them in Ukrainian, Russian and English and write them by hand: there is no
    Latin ``c`` to confuse with a Cyrillic ``с``. The digits are the key id (SHA-256 of
    the raw key) taken modulo 10**40, about 133 bits: finding another key with the same
    fingerprint costs about 2**133 tries.
    """
    identifier = key if isinstance(key, str) else key_id(key)
    try:
        number = int(identifier, 16) % 10**FINGERPRINT_DIGITS
    except ValueError:
        raise KeyFormatError("a key id is 64 hex digits") from None
    digits = f"{number:0{FINGERPRINT_DIGITS}d}"
    return " ".join(digits[i : i + 5] for i in range(0, FINGERPRINT_DIGITS, 5))


@dataclass(frozen=True, slots=True)
class TrustedKey:
    """One entry of the key list: whose key it is and whether it is still trusted."""

    key_id: str
    owner: str
    public_key: str
    status: str = ACTIVE
    label: str = ""

    def ed25519(self) -> Ed25519PublicKey:
        """The public key itself (KeyFormatError when the stored text is not one)."""
        return load_public_key(self.public_key)

    @property
    def fingerprint(self) -> str:
        return key_fingerprint(self.key_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "key_id": self.key_id,
            "owner": self.owner,
            "public_key": self.public_key,
            "status": self.status,
            "label": self.label,
        }


@dataclass(frozen=True, slots=True)
class KeyRing:
    """The key list a verifier trusts, by key id."""

    keys: Mapping[str, TrustedKey]

    @classmethod
    def of(cls, keys: Iterable[TrustedKey]) -> KeyRing:
        return cls({key.key_id: key for key in keys})

    def get(self, key_id: str) -> TrustedKey | None:
        return self.keys.get(key_id)

    def to_json(self) -> dict[str, Any]:
        """The ``KEYS.json`` document."""
        return {
            "type": KEYS_TYPE,
            "keys": [self.keys[k].to_json() for k in sorted(self.keys)],
        }

    @classmethod
    def from_json(cls, value: Any) -> KeyRing:
        """Read ``KEYS.json``; checks each key id against its public key."""
        if not isinstance(value, dict) or value.get("type") != KEYS_TYPE:
            raise KeyFormatError(f'a key list has "type": "{KEYS_TYPE}"')
        return cls.of(trusted_keys_from_json(value.get("keys")))


def trusted_keys_from_json(entries: Any) -> list[TrustedKey]:
    """The ``"keys"`` array of a key list, each checked; KeyFormatError names the key.

    A key listed twice is refused (the key id is the hash of the public key, so the same
    key cannot hide under two ids): with two entries, two readers could trust the first
    or the last, with different owners or statuses.
    """
    if not isinstance(entries, list):
        raise KeyFormatError('a key list has a "keys" array')
    keys: list[TrustedKey] = []
    seen: dict[str, int] = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise KeyFormatError(f"key {number}: not an object")
        for member in ("key_id", "owner", "public_key"):
            if not isinstance(entry.get(member), str) or not entry[member]:
                raise KeyFormatError(f'key {number}: no "{member}" text')
        for member in ("status", "label"):
            if not isinstance(entry.get(member, ""), str):
                raise KeyFormatError(f'key {number}: "{member}" is not text')
        trusted = TrustedKey(
            key_id=entry["key_id"],
            owner=entry["owner"],
            public_key=entry["public_key"],
            status=entry.get("status", ACTIVE),
            label=entry.get("label", ""),
        )
        if trusted.status not in KEY_STATUSES:
            raise KeyFormatError(f"key {number}: status {trusted.status!r} unknown")
        try:
            public = load_public_key(trusted.public_key)
        except KeyFormatError as exc:
            raise KeyFormatError(f"key {number}: {exc}") from None
        if key_id(public) != trusted.key_id:
            raise KeyFormatError(f"key {number}: key_id is not the key's hash")
        if trusted.key_id in seen:
            raise KeyFormatError(
                f"key {number}: key {trusted.key_id[:16]}… is already key"
                f" {seen[trusted.key_id]} of the list (a key is listed once)"
            )
        seen[trusted.key_id] = number
        keys.append(trusted)
    return keys

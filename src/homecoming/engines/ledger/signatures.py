"""Signature envelopes: who signed which document, and checking them offline.

The signature is Ed25519 over the RFC 8785 canonical bytes of the document itself, so
anyone with the document, the envelope and the public key can check it with any Ed25519
implementation. Every document names its kind in a ``"type"`` member (a manifest, a
checkpoint, an agreement...), so a signature on one kind can never pass for another.

Shape of an envelope (``SIG.json``)::

    {"type": "homecoming-signature/1", "algorithm": "Ed25519",
     "key_id": "<hex sha256 of the public key>", "public_key": "<base64>",
     "document_sha256": "<hex>", "signer": "ua", "signed_at": "2026-11-25T13:00:00Z",
     "signature": "<base64 of 64 bytes>"}

``signer`` and ``signed_at`` are what the signer said; they are not covered by the
signature. Who signed is established only by looking the key id up in a key list.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from homecoming.engines.ledger.canonical import canonical_bytes_of
from homecoming.engines.ledger.entries import format_time
from homecoming.engines.ledger.errors import EnvelopeFormatError, KeyFormatError
from homecoming.engines.ledger.keys import (
    REVOKED,
    KeyRing,
    key_id,
    load_public_key,
    public_key_text,
)

ENVELOPE_TYPE = "homecoming-signature/1"
ALGORITHM = "Ed25519"


@dataclass(frozen=True, slots=True)
class SignatureEnvelope:
    """One signature over one document, with what is needed to check it."""

    key_id: str
    public_key: str
    document_sha256: str
    signature: str
    signer: str = ""
    signed_at: str = ""
    algorithm: str = ALGORITHM

    def to_json(self) -> dict[str, Any]:
        return {
            "type": ENVELOPE_TYPE,
            "algorithm": self.algorithm,
            "key_id": self.key_id,
            "public_key": self.public_key,
            "document_sha256": self.document_sha256,
            "signer": self.signer,
            "signed_at": self.signed_at,
            "signature": self.signature,
        }

    @classmethod
    def from_json(cls, value: Any) -> SignatureEnvelope:
        """Read an envelope; EnvelopeFormatError names the member at fault."""
        if not isinstance(value, dict) or value.get("type") != ENVELOPE_TYPE:
            raise EnvelopeFormatError(f'a signature has "type": "{ENVELOPE_TYPE}"')
        for member in ("key_id", "public_key", "document_sha256", "signature"):
            if not isinstance(value.get(member), str):
                raise EnvelopeFormatError(f'the signature has no "{member}" string')
        return cls(
            key_id=value["key_id"],
            public_key=value["public_key"],
            document_sha256=value["document_sha256"],
            signature=value["signature"],
            signer=str(value.get("signer", "")),
            signed_at=str(value.get("signed_at", "")),
            algorithm=str(value.get("algorithm", "")),
        )


def sign_document(
    document: Any,
    private_key: Ed25519PrivateKey,
    *,
    signer: str = "",
    signed_at: dt.datetime | None = None,
) -> SignatureEnvelope:
    """Sign the canonical bytes of ``document`` (a JSON value with a ``"type"``, or a
    :class:`~homecoming.engines.ledger.canonical.CanonicalDocument` read from a file)."""
    data = canonical_bytes_of(document)
    public_key = private_key.public_key()
    moment = signed_at or dt.datetime.now(dt.UTC)
    return SignatureEnvelope(
        key_id=key_id(public_key),
        public_key=public_key_text(public_key),
        document_sha256=hashlib.sha256(data).hexdigest(),
        signature=base64.b64encode(private_key.sign(data)).decode("ascii"),
        signer=signer,
        signed_at=format_time(moment),
    )


@dataclass(frozen=True, slots=True)
class SignatureCheck:
    """The outcome for one envelope: valid or not, and whose key made it."""

    key_id: str
    claimed_signer: str
    owner: str | None
    valid: bool
    problem: str = ""


@dataclass(frozen=True, slots=True)
class DocumentVerification:
    """Whether a document is intact and signed by everyone it needs, and by whom.

    ``intact`` needs a key list: every signature valid, made with a registered key that
    is not revoked, and a valid signature from each required signer. Without a key list
    ``signatures_valid`` still says whether the bytes match the signatures.
    """

    document_sha256: str
    checks: tuple[SignatureCheck, ...]
    missing: tuple[str, ...]
    keys_known: bool

    @property
    def signatures_valid(self) -> bool:
        """Every signature matches the document's bytes (whoever made it)."""
        return bool(self.checks) and all(
            c.valid or c.problem.startswith("key not in the key list")
            for c in self.checks
        )

    @property
    def signed_by(self) -> tuple[str, ...]:
        """Owners (per the key list) with a valid signature, in order, each once."""
        owners: list[str] = []
        for check in self.checks:
            if check.valid and check.owner and check.owner not in owners:
                owners.append(check.owner)
        return tuple(owners)

    @property
    def intact(self) -> bool:
        return (
            self.keys_known
            and bool(self.checks)
            and all(c.valid for c in self.checks)
            and not self.missing
        )


def _check_one(
    data: bytes, digest: str, envelope: SignatureEnvelope, keys: KeyRing | None
) -> SignatureCheck:
    def fail(problem: str, owner: str | None = None) -> SignatureCheck:
        return SignatureCheck(envelope.key_id, envelope.signer, owner, False, problem)

    if envelope.algorithm != ALGORITHM:
        return fail(f"algorithm {envelope.algorithm!r} is not {ALGORITHM}")
    if envelope.document_sha256 != digest:
        return fail("signs a different document (its document_sha256 differs)")
    trusted = keys.get(envelope.key_id) if keys is not None else None
    if keys is not None and trusted is None:
        public_text = envelope.public_key
        unknown = "key not in the key list (a foreign signature)"
    else:
        public_text = trusted.public_key if trusted is not None else envelope.public_key
        unknown = ""
    try:
        public_key = load_public_key(public_text)
    except KeyFormatError as exc:
        return fail(str(exc))
    if key_id(public_key) != envelope.key_id:
        return fail("key_id is not the hash of the public key")
    try:
        signature = base64.b64decode(envelope.signature, validate=True)
        public_key.verify(signature, data)
    except (InvalidSignature, binascii.Error, ValueError):
        return fail("the signature does not match the document's bytes")
    if unknown:
        return fail(unknown)
    owner = trusted.owner if trusted is not None else None
    if trusted is not None and trusted.status == REVOKED:
        return fail("the key was revoked", owner)
    return SignatureCheck(envelope.key_id, envelope.signer, owner, True)


def verify_document(
    document: Any,
    envelopes: Iterable[SignatureEnvelope],
    keys: KeyRing | None,
    *,
    required_signers: Sequence[str] = (),
) -> DocumentVerification:
    """Check every envelope against ``document`` and the key list ``keys``.

    ``required_signers`` are the owners (organisation codes) that must each have a valid
    signature; a manifest names them in its ``"signatories"``.
    """
    data = canonical_bytes_of(document)
    digest = hashlib.sha256(data).hexdigest()
    checks = tuple(_check_one(data, digest, envelope, keys) for envelope in envelopes)
    signed = {c.owner for c in checks if c.valid and c.owner}
    if keys is None:  # without a key list, only the signers' claims are available
        signed = {c.claimed_signer for c in checks if c.problem == ""}
    missing = tuple(owner for owner in required_signers if owner not in signed)
    return DocumentVerification(digest, checks, missing, keys is not None)


def required_signers_of(
    document: Mapping[str, Any], *, also: Iterable[str] = ()
) -> tuple[str, ...]:
    """The ``"signatories"`` a document names, then those in ``also`` (each once).

    ``also`` is what the verifier requires on top (``verify --require``): it adds to the
    document's signatories and never replaces them.
    """
    signatories = document.get("signatories", ())
    named = [str(s) for s in signatories] if isinstance(signatories, list) else []
    return tuple(dict.fromkeys([*named, *also]))

"""Signed key lists, checked against the fingerprints each party registered in person.

Whoever hands a party its key list would otherwise choose whom the party trusts. So the
mediator signs the list, and a party trusts it only when the signature is made by a key
whose fingerprint it wrote down in person (:func:`key_fingerprint`), and only when every
key the list gives to an organisation whose fingerprints the party wrote down is among
them. Shape of ``KEYS.json``::

    {"document": {"type": "homecoming-keys/2", "issuer": "icrc",
                  "issued_at": "2026-11-25T13:00:00.000000Z",
                  "keys": [{"key_id": "9f2c...", "owner": "ua", "public_key": "...",
                            "status": "active", "label": "ua signing key 2026"}]},
     "signatures": [<homecoming-signature/1 envelope over the document>]}

The fingerprints a party registered in person (``TRUSTED.txt``), one key a line::

    # written down at the meeting of 25 November 2026
    icrc  12345 67890 12345 67890 12345 67890 12345 67890
    ua    ...

The first form (``{"type": "homecoming-keys/1", "keys": [...]}``, unsigned) is read only
when the caller explicitly accepts an unsigned list.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from homecoming.engines.ledger.entries import format_time
from homecoming.engines.ledger.errors import (
    EnvelopeFormatError,
    KeyFormatError,
    KeyListError,
)
from homecoming.engines.ledger.keys import (
    FINGERPRINT_DIGITS,
    KEYS_TYPE,
    REVOKED,
    KeyRing,
    TrustedKey,
    key_fingerprint,
    trusted_keys_from_json,
)
from homecoming.engines.ledger.signatures import (
    SignatureEnvelope,
    sign_document,
    verify_document,
)

SIGNED_KEYS_TYPE = "homecoming-keys/2"
_CODE = re.compile(r"[a-z0-9][a-z0-9_-]{0,31}")


@dataclass(frozen=True, slots=True)
class TrustAnchor:
    """A key fingerprint an organisation registered in person (40 digits, grouped)."""

    owner: str
    fingerprint: str


def parse_anchors(text: str) -> tuple[TrustAnchor, ...]:
    """Read ``TRUSTED.txt`` (``owner fingerprint`` a line, ``#`` comments); KeyListError
    names the line. A fingerprint may be written with spaces or dashes between groups,
    or given as the 64-hex key id."""
    anchors = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        owner, _, rest = line.partition(" ")
        digits = re.sub(r"[\s-]", "", rest)
        if not _CODE.fullmatch(owner):
            raise KeyListError(f"line {number}: {owner!r} is not an organisation code")
        if re.fullmatch(r"[0-9a-fA-F]{64}", digits):
            fingerprint = key_fingerprint(digits.lower())
        elif re.fullmatch(rf"[0-9]{{{FINGERPRINT_DIGITS}}}", digits):
            fingerprint = " ".join(digits[i : i + 5] for i in range(0, len(digits), 5))
        else:
            raise KeyListError(
                f"line {number}: a fingerprint is {FINGERPRINT_DIGITS} digits"
                " (or a 64-hex key id)"
            )
        anchors.append(TrustAnchor(owner, fingerprint))
    if not anchors:
        raise KeyListError("no fingerprints in the file")
    return tuple(anchors)


def key_list_document(
    keys: KeyRing, *, issuer: str, moment: dt.datetime
) -> dict[str, Any]:
    """The document the issuer (the mediator) signs: every key, sorted by key id."""
    return {
        "type": SIGNED_KEYS_TYPE,
        "issuer": issuer,
        "issued_at": format_time(moment),
        "keys": [keys.keys[k].to_json() for k in sorted(keys.keys)],
    }


def sign_key_list(
    keys: KeyRing,
    private_key: Ed25519PrivateKey,
    *,
    issuer: str,
    moment: dt.datetime,
) -> dict[str, Any]:
    """``KEYS.json``: the key list document and the issuer's signature over it."""
    document = key_list_document(keys, issuer=issuer, moment=moment)
    envelope = sign_document(document, private_key, signer=issuer, signed_at=moment)
    return {"document": document, "signatures": [envelope.to_json()]}


@dataclass(frozen=True, slots=True)
class KeyList:
    """A key list a party may trust, and on what grounds.

    ``signed_by``: key ids of valid issuer signatures (empty when accepted unsigned);
    ``anchored``: key ids of the list found among the fingerprints registered in person.
    """

    keys: KeyRing
    issuer: str
    issued_at: str
    signed_by: tuple[str, ...]
    anchored: tuple[str, ...]

    @property
    def unsigned(self) -> bool:
        return not self.signed_by


def _document_and_envelopes(
    value: Any,
) -> tuple[dict[str, Any], list[SignatureEnvelope]]:
    if isinstance(value, dict) and value.get("type") == KEYS_TYPE:
        return value, []  # the first, unsigned form
    if not isinstance(value, dict) or not isinstance(value.get("document"), dict):
        raise KeyListError(
            'a key list is {"document": {...}, "signatures": [...]}'
            f' (or the unsigned "{KEYS_TYPE}" form)'
        )
    document = value["document"]
    if document.get("type") != SIGNED_KEYS_TYPE:
        raise KeyListError(f'the key list document has "type": "{SIGNED_KEYS_TYPE}"')
    signatures = value.get("signatures", [])
    if not isinstance(signatures, list):
        raise KeyListError('the key list\'s "signatures" is not an array')
    try:
        envelopes = [SignatureEnvelope.from_json(s) for s in signatures]
    except EnvelopeFormatError as exc:
        raise KeyListError(f"the key list's signature: {exc}") from None
    return document, envelopes


def read_key_list(
    value: Any,
    *,
    anchors: Sequence[TrustAnchor] = (),
    allow_unsigned: bool = False,
) -> KeyList:
    """The key list in ``value`` if it may be trusted; KeyListError says why not.

    With ``anchors``: a valid signature by a key anchored for the list's issuer is
    required, and every unrevoked key the list gives to an anchored organisation must be
    anchored for it. Without anchors, only ``allow_unsigned`` (the caller got the file
    itself in person) lets the list through, signed or not.
    """
    document, envelopes = _document_and_envelopes(value)
    try:
        keys = KeyRing.of(trusted_keys_from_json(document.get("keys")))
    except KeyFormatError as exc:
        raise KeyListError(str(exc)) from None
    issuer = document.get("issuer", "")
    issued_at = document.get("issued_at", "")
    if not isinstance(issuer, str) or not isinstance(issued_at, str):
        raise KeyListError('the key list\'s "issuer" and "issued_at" are text')
    if not anchors:
        if not allow_unsigned:
            raise KeyListError(
                "the key list is not signed: give the fingerprints you registered in"
                " person, or accept it explicitly as given"
                if not envelopes
                else "give the fingerprints you registered in person to check the key"
                f" list's signature (made by {issuer or 'an unnamed issuer'})"
            )
        return KeyList(keys, issuer, issued_at, (), ())
    if not envelopes:
        raise KeyListError("the key list is not signed")
    fingerprints = {(a.owner, a.fingerprint) for a in anchors}
    signers = [
        e for e in envelopes if (issuer, key_fingerprint(e.key_id)) in fingerprints
    ]
    # The signer's key comes from its envelope; verification checks that it hashes to
    # the key id whose fingerprint was registered in person.
    anchor_ring = KeyRing.of(
        TrustedKey(e.key_id, issuer, e.public_key) for e in signers
    )
    verdict = verify_document(document, signers, anchor_ring, required_signers=[issuer])
    if not signers or not verdict.intact:
        raise KeyListError(
            f"the key list is not signed by a key whose fingerprint you registered"
            f" in person for {issuer or 'its issuer'}"
        )
    problems = _unanchored(keys, anchors)
    if problems:
        raise KeyListError(problems[0])
    anchored = tuple(
        k.key_id for k in keys.keys.values() if (k.owner, k.fingerprint) in fingerprints
    )
    signed_by = tuple(c.key_id for c in verdict.checks if c.valid)
    return KeyList(keys, issuer, issued_at, signed_by, anchored)


def _unanchored(keys: KeyRing, anchors: Sequence[TrustAnchor]) -> list[str]:
    """Keys given to an anchored organisation that it did not register in person."""
    by_owner: dict[str, set[str]] = {}
    for anchor in anchors:
        by_owner.setdefault(anchor.owner, set()).add(anchor.fingerprint)
    owner_of = {a.fingerprint: a.owner for a in anchors}
    problems = []
    for key in sorted(keys.keys.values(), key=lambda k: k.key_id):
        claimed = owner_of.get(key.fingerprint)
        if claimed is not None and claimed != key.owner:
            problems.append(
                f"key {key.key_id[:16]}… is registered in person for {claimed},"
                f" but the list gives it to {key.owner}"
            )
        elif (
            key.owner in by_owner
            and key.status != REVOKED
            and key.fingerprint not in by_owner[key.owner]
        ):
            problems.append(
                f"the list gives {key.owner} the key {key.key_id[:16]}…"
                f" (fingerprint {key.fingerprint}), which is not among the"
                f" fingerprints you registered in person for {key.owner}"
            )
    return problems

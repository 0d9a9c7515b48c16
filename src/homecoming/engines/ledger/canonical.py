"""Canonical JSON (RFC 8785, JCS): the exact bytes that are hashed and signed.

Two programs that agree on a JSON value agree on its canonical bytes: keys sorted by
UTF-16 code units, no insignificant white space, numbers in their shortest ECMAScript
form, strings in UTF-8 as written (no escaping of non-ASCII letters, so Cyrillic names
keep their own script). Only JSON values are accepted: dicts with string keys, lists,
strings, ints within +/-2**53, finite floats, booleans and None. Dates must be turned into
ISO strings by the caller.
"""

from __future__ import annotations

import hashlib
from typing import Any

import rfc8785

from homecoming.engines.ledger.errors import CanonicalJSONError


def canonical_json(value: Any) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of a JSON value; CanonicalJSONError otherwise."""
    try:
        return bytes(rfc8785.dumps(value))
    except (rfc8785.CanonicalizationError, TypeError, ValueError) as exc:
        raise CanonicalJSONError(f"not canonical JSON: {exc}") from exc


def document_sha256(value: Any) -> str:
    """Lower-case hex SHA-256 of a JSON value's canonical bytes (what a printed copy carries)."""
    return hashlib.sha256(canonical_json(value)).hexdigest()


def format_fingerprint(hex_digest: str, group: int = 4) -> str:
    """A hex digest in groups of four for reading aloud or printing: ``3f2a 9c10 ...``."""
    return " ".join(hex_digest[i : i + group] for i in range(0, len(hex_digest), group))

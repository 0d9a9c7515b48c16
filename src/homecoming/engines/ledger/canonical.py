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
import json
from typing import Any

import rfc8785

from homecoming.engines.ledger.errors import CanonicalJSONError

_MAX_EXACT_INT = 2**53


def _plain(value: Any) -> bool:
    """True when the standard library writes ``value`` exactly as RFC 8785 does.

    That holds without floats (whose ECMAScript form differs from Python's), with integers
    that JSON numbers represent exactly, and with text inside the Basic Multilingual Plane
    apart from surrogates (where UTF-16 key order equals code point order). Ledger
    entries nearly always qualify; anything else goes through the ``rfc8785`` package.
    """
    stack = [value]
    while stack:
        item = stack.pop()
        if item is None or item is True or item is False:
            continue
        kind = type(item)
        if kind is str:
            if not item.isascii() and any(
                ord(c) > 0xFFFF or 0xD800 <= ord(c) <= 0xDFFF for c in item
            ):
                return False
        elif kind is int:
            if not -_MAX_EXACT_INT < item < _MAX_EXACT_INT:
                return False
        elif kind is dict:
            for key in item:
                if type(key) is not str:
                    return False
                stack.append(key)
            stack.extend(item.values())
        elif kind is list or kind is tuple:
            stack.extend(item)
        else:
            return False
    return True


def canonical_json(value: Any) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of a JSON value; CanonicalJSONError otherwise."""
    if _plain(value):  # the common case, about five times faster (tested to agree)
        return json.dumps(
            value, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        ).encode("utf-8")
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

"""Canonical JSON (RFC 8785, JCS): the exact bytes that are hashed and signed.

Two programs that agree on a JSON value agree on its canonical bytes: keys sorted by
UTF-16 code units, no insignificant white space, numbers in their shortest ECMAScript
form, strings in UTF-8 as written (no escaping of non-ASCII letters, so Cyrillic names
keep their own script). Only JSON values are accepted: dicts with string keys, lists,
strings, integers within +/-(2**53 - 1), finite floats, booleans and None, nested at most
:data:`MAX_DEPTH` deep. Dates must be turned into ISO strings by the caller.

A document read from a file goes through :func:`read_document`, which refuses what two
readers could see differently (see :mod:`homecoming.engines.ledger.strict_json`) and
writes the canonical bytes once::

    CanonicalDocument(value={"type": ..., "persons": [...]}, canonical=b'{"persons":...}')
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import rfc8785

from homecoming.engines.ledger.errors import CanonicalJSONError
from homecoming.engines.ledger.strict_json import (
    MAX_DEPTH,
    MAX_DOCUMENT_BYTES,
    load_strict,
    loads_strict,
)

_MAX_EXACT_INT = 2**53 - 1
_SCALARS = frozenset({str, int, float, bool, type(None)})
_CONTAINERS = frozenset({dict, list, tuple})
_JSON_TYPES = _SCALARS | _CONTAINERS
# The UTF-8 lead bytes of characters outside the Basic Multilingual Plane (looked for
# with ``in``, a memchr each: a regular expression took 0.8 s on 45 MB).
_NON_BMP_LEADS = (b"\xf0", b"\xf1", b"\xf2", b"\xf3", b"\xf4")


def check_json_value(value: Any, max_depth: int = MAX_DEPTH) -> bool:
    """CanonicalJSONError for values JSON cannot carry; True when the fast writer may be used.

    True means: plain dicts, lists, tuples, strings, integers within +/-(2**53 - 1),
    booleans and None, no float, nested at most ``max_depth`` deep. False (a float, or a
    subclass such as a text choice or an ordered dict) leaves the value to the ``rfc8785``
    package, which accepts or refuses it. One pass per level of nesting, the type tests
    done by ``map`` and ``set`` rather than per item in Python: a 100,000-person manifest
    (2.5 million values) takes a fraction of a second.
    """
    level: list[Any] = [value]
    depth = 0
    plain = True
    while level:
        kinds = set(map(type, level))
        if not kinds <= _JSON_TYPES:
            return False
        if int in kinds:
            integers = [v for v in level if type(v) is int]
            if max(integers) > _MAX_EXACT_INT or min(integers) < -_MAX_EXACT_INT:
                raise CanonicalJSONError(
                    "an integer beyond +/-(2**53 - 1), which JSON numbers do not hold"
                )
        plain = plain and float not in kinds
        if kinds <= _SCALARS:
            return plain
        depth += 1
        if depth > max_depth:
            raise CanonicalJSONError(f"arrays and objects nest deeper than {max_depth}")
        below: list[Any] = []
        if dict in kinds:
            objects = [v for v in level if type(v) is dict]
            keys: list[Any] = []
            for members in objects:
                keys.extend(members)
                below.extend(members.values())
            if set(map(type, keys)) - {str}:
                raise CanonicalJSONError("an object has a member name that is not text")
        if list in kinds or tuple in kinds:
            for items in level:
                if type(items) is list or type(items) is tuple:
                    below.extend(items)
        level = below
    return plain


def _write(value: Any, plain: bool) -> bytes:
    if plain:
        # The standard library writes exactly the RFC 8785 bytes when there is no float
        # (tested to agree) and when key order by code point equals order by UTF-16 code
        # unit, that is without characters beyond the Basic Multilingual Plane.
        text = json.dumps(
            value, ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise CanonicalJSONError(
                f"a string holds an unpaired surrogate (\\u{ord(exc.object[exc.start]):04x})"
            ) from None
        if not any(lead in data for lead in _NON_BMP_LEADS):
            return data
    try:
        return bytes(rfc8785.dumps(value))
    except UnicodeEncodeError:
        raise CanonicalJSONError("a string holds an unpaired surrogate") from None
    except (rfc8785.CanonicalizationError, TypeError, ValueError) as exc:
        raise CanonicalJSONError(f"not canonical JSON: {exc}") from exc
    except RecursionError:
        raise CanonicalJSONError("arrays and objects nest too deeply") from None


def canonical_json(value: Any) -> bytes:
    """The RFC 8785 canonical UTF-8 bytes of a JSON value; CanonicalJSONError otherwise."""
    return _write(value, check_json_value(value))


def document_sha256(value: Any) -> str:
    """Lower-case hex SHA-256 of a JSON value's canonical bytes (what a printed copy carries)."""
    if isinstance(value, CanonicalDocument):
        return value.sha256
    return hashlib.sha256(canonical_json(value)).hexdigest()


@dataclass(frozen=True, slots=True)
class CanonicalDocument:
    """A JSON value read strictly from a file, with its canonical bytes written once."""

    value: Any
    canonical: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.canonical).hexdigest()


def parse_json(
    data: bytes, *, max_bytes: int = MAX_DOCUMENT_BYTES, max_depth: int = MAX_DEPTH
) -> Any:
    """The JSON value in ``data``, read strictly (I-JSON); JSONInputError says why not."""
    value = loads_strict(data, max_bytes=max_bytes)
    check_json_value(value, max_depth)
    return value


def read_document(
    data: bytes,
    *,
    max_bytes: int = MAX_DOCUMENT_BYTES,
    max_depth: int = MAX_DEPTH,
    shape: Callable[[Any], bool] | None = None,
) -> CanonicalDocument:
    """Parse ``data`` strictly and write its canonical bytes; a LedgerError says why not.

    ``shape`` (such as :func:`~homecoming.engines.ledger.manifest.manifest_shape`) is
    called on the parsed value: it raises for a value of its kind that does not fit, and
    returns True when it has checked every member, so that the value is known to nest
    only as deep as its schema; the generic walk of :func:`check_json_value` is then
    skipped (half a second on a 100,000-person manifest).
    """
    value, saw_float = load_strict(data, max_bytes=max_bytes)
    if shape is None:
        return CanonicalDocument(
            value, _write(value, check_json_value(value, max_depth))
        )
    # A value the strict reader made has only str keys, ints within 2**53, no NaN and a
    # depth the interpreter could build: the fast writer is safe on it before any check.
    if shape(value):
        return CanonicalDocument(value, _write(value, not saw_float))
    return CanonicalDocument(value, _write(value, check_json_value(value, max_depth)))


def canonical_bytes_of(document: Any) -> bytes:
    """The canonical bytes of a value or of a :class:`CanonicalDocument` (not rewritten)."""
    if isinstance(document, CanonicalDocument):
        return document.canonical
    return canonical_json(document)


def format_fingerprint(hex_digest: str, group: int = 4) -> str:
    """A hex digest in groups of four for reading aloud or printing: ``3f2a 9c10 ...``."""
    return " ".join(hex_digest[i : i + group] for i in range(0, len(hex_digest), group))

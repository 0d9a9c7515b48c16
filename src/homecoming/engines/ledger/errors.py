"""The ledger engine's exceptions: one base class, one subclass per kind of failure."""

from __future__ import annotations


class LedgerError(Exception):
    """Base class for every error the ledger engine raises."""


class CanonicalJSONError(LedgerError):
    """A value cannot be written as RFC 8785 canonical JSON (a float NaN, a set, ...)."""


class ProofError(LedgerError):
    """A Merkle proof was asked for sizes or indexes the tree does not have."""


class KeyFormatError(LedgerError):
    """A key file or a public key string is not an Ed25519 key in a form we read."""


class EnvelopeFormatError(LedgerError):
    """A signature envelope is not valid JSON of the expected shape."""


class ManifestFormatError(LedgerError):
    """A manifest does not follow the manifest JSON Schema; the message names the field."""


class JSONInputError(CanonicalJSONError):
    """A JSON text is refused before hashing (duplicate member, huge number, ...)."""


class NoteFormatError(LedgerError):
    """A signed note or checkpoint is not in the C2SP format; the message says where."""


class KeyListError(KeyFormatError):
    """A key list is refused: unsigned, badly signed, naming a key twice, or unanchored."""


class EntryFormatError(LedgerError):
    """A ledger entry as shown (JSON) lacks a member or has one of the wrong kind."""

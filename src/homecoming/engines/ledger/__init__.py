"""The tamper-evident ledger: canonical JSON, an RFC 9162 Merkle log, signatures.

Pure Python (no Django). The service stores entries and calls these functions; the
command line uses them offline. Public names:

- canonical JSON: :func:`canonical_json`, :func:`document_sha256`, :func:`format_fingerprint`
- the log: :class:`LedgerRecord`, :func:`leaf_hash`, :func:`node_hash`, :class:`Frontier`,
  :func:`tree_root`, :func:`inclusion_proof`, :func:`consistency_proof`,
  :func:`verify_inclusion`, :func:`verify_consistency`
"""

from homecoming.engines.ledger.canonical import (
    canonical_json,
    document_sha256,
    format_fingerprint,
)
from homecoming.engines.ledger.entries import LedgerRecord, format_time
from homecoming.engines.ledger.errors import (
    CanonicalJSONError,
    EnvelopeFormatError,
    KeyFormatError,
    LedgerError,
    ManifestFormatError,
    ProofError,
)
from homecoming.engines.ledger.merkle import (
    EMPTY_ROOT,
    Frontier,
    consistency_proof,
    inclusion_proof,
    leaf_hash,
    node_hash,
    subtree_root,
    tree_root,
    verify_consistency,
    verify_inclusion,
)

__all__ = [
    "EMPTY_ROOT",
    "CanonicalJSONError",
    "EnvelopeFormatError",
    "Frontier",
    "KeyFormatError",
    "LedgerError",
    "LedgerRecord",
    "ManifestFormatError",
    "ProofError",
    "canonical_json",
    "consistency_proof",
    "document_sha256",
    "format_fingerprint",
    "format_time",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "subtree_root",
    "tree_root",
    "verify_consistency",
    "verify_inclusion",
]

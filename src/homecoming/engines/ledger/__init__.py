"""The tamper-evident ledger: canonical JSON, an RFC 9162 Merkle log, Ed25519 signatures.

Pure Python (no Django). The service stores entries and calls these functions; the
command line uses them offline on a party's own machine.

- canonical JSON: :func:`canonical_json`, :func:`document_sha256`, :func:`format_fingerprint`
- the log: :class:`LedgerRecord`, :func:`leaf_hash`, :func:`node_hash`, :class:`Frontier`,
  :func:`tree_root`, :func:`inclusion_proof`, :func:`consistency_proof`,
  :func:`verify_inclusion`, :func:`verify_consistency`, :func:`verify_log`
- keys and signatures: :func:`generate_private_key`, :func:`key_id`, :class:`KeyRing`,
  :func:`sign_document`, :func:`verify_document`, :class:`SignatureEnvelope`
- checkpoints: :class:`Checkpoint`, :func:`sign_checkpoint`, :func:`checkpoints_consistent`
- manifests: :func:`validate_manifest`, :func:`manifest_fingerprint`, :func:`manifest_schema`
"""

from homecoming.engines.ledger.canonical import (
    canonical_json,
    document_sha256,
    format_fingerprint,
)
from homecoming.engines.ledger.checkpoints import (
    CHECKPOINT_TYPE,
    Checkpoint,
    SignedCheckpoint,
    checkpoint_at,
    checkpoints_consistent,
    sign_checkpoint,
    verify_checkpoint,
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
from homecoming.engines.ledger.keys import (
    ACTIVE,
    KEY_STATUSES,
    KEYS_TYPE,
    RETIRED,
    REVOKED,
    KeyRing,
    TrustedKey,
    generate_private_key,
    key_id,
    load_private_key,
    load_public_key,
    private_key_to_pem,
    public_key_text,
)
from homecoming.engines.ledger.manifest import (
    MANIFEST_TYPE,
    manifest_fingerprint,
    manifest_schema,
    validate_manifest,
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
from homecoming.engines.ledger.signatures import (
    ENVELOPE_TYPE,
    DocumentVerification,
    SignatureCheck,
    SignatureEnvelope,
    required_signers_of,
    sign_document,
    verify_document,
)
from homecoming.engines.ledger.verification import (
    LogProblem,
    LogReport,
    StoredEntry,
    verify_log,
)

__all__ = [
    "ACTIVE",
    "CHECKPOINT_TYPE",
    "EMPTY_ROOT",
    "ENVELOPE_TYPE",
    "KEYS_TYPE",
    "KEY_STATUSES",
    "MANIFEST_TYPE",
    "RETIRED",
    "REVOKED",
    "CanonicalJSONError",
    "Checkpoint",
    "DocumentVerification",
    "EnvelopeFormatError",
    "Frontier",
    "KeyFormatError",
    "KeyRing",
    "LedgerError",
    "LedgerRecord",
    "LogProblem",
    "LogReport",
    "ManifestFormatError",
    "ProofError",
    "SignatureCheck",
    "SignatureEnvelope",
    "SignedCheckpoint",
    "StoredEntry",
    "TrustedKey",
    "canonical_json",
    "checkpoint_at",
    "checkpoints_consistent",
    "consistency_proof",
    "document_sha256",
    "format_fingerprint",
    "format_time",
    "generate_private_key",
    "inclusion_proof",
    "key_id",
    "leaf_hash",
    "load_private_key",
    "load_public_key",
    "manifest_fingerprint",
    "manifest_schema",
    "node_hash",
    "private_key_to_pem",
    "public_key_text",
    "required_signers_of",
    "sign_checkpoint",
    "sign_document",
    "subtree_root",
    "tree_root",
    "validate_manifest",
    "verify_checkpoint",
    "verify_consistency",
    "verify_document",
    "verify_inclusion",
    "verify_log",
]

"""The JSON shapes the API serves and the pages offer for download.

A party saves these files and later checks them offline with ``homecoming ledger check``
and ``homecoming verify``::

    checkpoint:  {"id": 3, "document": {<signed checkpoint>}, "signature": {<envelope>}}
    inclusion:   {"seq": 7, "hashed": {<entry as hashed>}, "leaf_index": 6, "tree_size": 12,
                  "root": "..", "proof": [...], "checkpoint": <checkpoint> | null}
    consistency: {"old_size": 5, "new_size": 12, "old_root": "..", "new_root": "..",
                  "proof": ["<hex>", ...], "new_checkpoint": <checkpoint> | null}
    keys:        {"type": "homecoming-keys/1", "keys": [...]}
"""

from __future__ import annotations

from typing import Any

from homecoming.apps.audit.models import Checkpoint
from homecoming.apps.audit.selectors import ConsistencyAnswer, InclusionAnswer


def checkpoint_as_json(checkpoint: Checkpoint) -> dict[str, Any]:
    return {
        "id": checkpoint.pk,
        "reason": checkpoint.reason,
        "document": checkpoint.document,
        "signature": checkpoint.signature,
    }


def consistency_as_json(answer: ConsistencyAnswer) -> dict[str, Any]:
    return {
        "old_size": answer.old_size,
        "new_size": answer.new_size,
        "old_root": answer.old_root,
        "new_root": answer.new_root,
        "proof": list(answer.proof),
        "new_checkpoint": (
            checkpoint_as_json(answer.new_checkpoint)
            if answer.new_checkpoint is not None
            else None
        ),
    }


def inclusion_as_json(answer: InclusionAnswer) -> dict[str, Any]:
    """``{"seq", "hashed": <the entry as hashed>, "leaf_index", "tree_size", "root",
    "proof": [...], "checkpoint": <checkpoint> | null}``."""
    return {
        "seq": answer.entry.seq,
        "hashed": answer.payload,
        "leaf_index": answer.entry.seq - 1,
        "tree_size": answer.tree_size,
        "root": answer.root,
        "proof": list(answer.proof),
        "checkpoint": (
            checkpoint_as_json(answer.checkpoint)
            if answer.checkpoint is not None
            else None
        ),
    }

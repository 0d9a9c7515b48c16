"""The mediator's server-side checkpoint key: where it lives and how it is loaded.

Parties' private keys never touch the server. The one private key the server holds is
the mediator's *checkpoint* key, which signs checkpoints (the ledger's size and root).
It is read from the file named by the ``HOMECOMING_CHECKPOINT_KEY_FILE`` setting or
environment variable. In embedded mode (no such variable, not production) it is generated
once into ``var/checkpoint_ed25519.pem`` with permissions 0600. In production
(``HOMECOMING_PRODUCTION=1``) the file must be provided: a missing key is a configuration
error, so that a redeployed server never silently starts signing with a new key.

Its public key is registered as a mediator key (``PartyKey.is_checkpoint_key``) the first
time a checkpoint is signed, with a ledger entry, so parties can fetch it with the key list.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from homecoming.engines.ledger import (
    KeyFormatError,
    generate_private_key,
    load_private_key,
    private_key_to_pem,
)

_cache: dict[Path, Ed25519PrivateKey] = {}


def checkpoint_key_path() -> Path:
    """The file holding the mediator's checkpoint private key."""
    configured = getattr(
        settings, "HOMECOMING_CHECKPOINT_KEY_FILE", None
    ) or os.environ.get("HOMECOMING_CHECKPOINT_KEY_FILE")
    if configured:
        return Path(configured)
    return Path(getattr(settings, "VAR_DIR", "var")) / "checkpoint_ed25519.pem"


def ledger_origin() -> str:
    """The name checkpoints give the log (``HOMECOMING_LEDGER_ORIGIN``, default homecoming)."""
    return str(
        getattr(settings, "HOMECOMING_LEDGER_ORIGIN", None)
        or os.environ.get("HOMECOMING_LEDGER_ORIGIN")
        or "homecoming"
    )


def write_private_key(path: Path, private_key: Ed25519PrivateKey) -> None:
    """Write a PEM private key readable by its owner only (0600); never overwrite one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(private_key_to_pem(private_key))


def checkpoint_private_key() -> Ed25519PrivateKey:
    """Load (or, in embedded mode, create once) the mediator's checkpoint key."""
    path = checkpoint_key_path()
    if path in _cache:
        return _cache[path]
    if not path.exists():
        if getattr(settings, "PRODUCTION", False):
            raise ImproperlyConfigured(
                f"the checkpoint key {path} is missing: set HOMECOMING_CHECKPOINT_KEY_FILE"
                " to the mediator's key file (homecoming keygen writes one)"
            )
        with contextlib.suppress(FileExistsError):  # another process was first
            write_private_key(path, generate_private_key())
    try:
        key = load_private_key(path.read_bytes())
    except KeyFormatError as exc:
        raise ImproperlyConfigured(f"the checkpoint key {path}: {exc}") from exc
    _cache[path] = key
    return key

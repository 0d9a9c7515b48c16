"""Sub-commands of the `homecoming` command line, one module each (see `homecoming.cli`).

A command module parses its arguments, calls one engine or service function, and prints.
It raises :class:`CommandError` with a one-line message naming the file, row and field
when the input is at fault.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class CommandError(Exception):
    """A problem with the user's input, reported as one line and exit status 2."""


def setup_django() -> None:
    """Configure Django for commands that use the service (import, demo, serve, ledger)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homecoming.site.settings")
    django.setup()


def read_bytes(path: Path, what: str, *, max_bytes: int | None = None) -> bytes:
    """The bytes of ``path`` (at most ``max_bytes``); CommandError naming the file otherwise."""
    from homecoming.engines.ledger.strict_json import MAX_DOCUMENT_BYTES

    limit = MAX_DOCUMENT_BYTES if max_bytes is None else max_bytes
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file ({what})") from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot read the {what}: {exc.strerror}") from None
    if len(data) > limit:
        raise CommandError(f"{path}: the {what} is larger than {limit:,} bytes")
    return data


def read_json(path: Path, what: str) -> Any:
    """The JSON value in ``path``, read strictly (no duplicate member, no huge number, no
    deep nesting, UTF-8 only); CommandError naming the file and the fault otherwise."""
    from homecoming.engines.ledger import LedgerError, parse_json

    try:
        return parse_json(read_bytes(path, what))
    except LedgerError as exc:
        raise CommandError(f"{path}: the {what} is refused: {exc}") from None


def read_canonical(path: Path, what: str) -> Any:
    """``path`` as a :class:`~homecoming.engines.ledger.CanonicalDocument`: read strictly,
    its canonical bytes written once (for hashing, signing and verifying); a manifest is
    checked against its schema on the way (ManifestFormatError, for the caller)."""
    import gc

    from homecoming.engines.ledger import (
        LedgerError,
        ManifestFormatError,
        manifest_shape,
        read_document,
    )

    data = read_bytes(path, what)
    # A 100,000-person manifest is 3 million objects, none of them in a cycle: the
    # collector's passes over them while they are made cost a tenth of the time, for
    # nothing. Paused for the read only, in this command-line process.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return read_document(data, shape=manifest_shape)
    except ManifestFormatError:
        raise
    except LedgerError as exc:
        raise CommandError(f"{path}: the {what} is refused: {exc}") from None
    finally:
        if collecting:
            gc.enable()


def write_text(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) whole or not at all: to a temporary file, then renamed."""
    import os
    import tempfile

    temporary = None
    try:
        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
        )
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(temporary, path)
    except OSError as exc:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)
        raise CommandError(f"{path}: cannot write ({exc.strerror})") from None


def write_json(path: Path, value: Any) -> None:
    """Write ``value`` as indented UTF-8 JSON (letters kept as written, not escaped)."""
    write_text(path, json.dumps(value, ensure_ascii=False, indent=2) + "\n")

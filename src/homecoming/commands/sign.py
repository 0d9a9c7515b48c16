"""``homecoming sign DOC.json --key KEY``: sign a document's canonical JSON (offline).

Manifests are checked against the manifest schema first: nobody signs a malformed one.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from homecoming.commands import CommandError, read_json, write_json


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sign",
        help="sign a manifest or other document with your private key (offline)",
        description=(
            "Sign the RFC 8785 canonical JSON of DOCUMENT with an Ed25519 private key "
            "and write the signature envelope (SIG.json). Runs offline."
        ),
    )
    parser.add_argument(
        "document", type=Path, help="the document (JSON), e.g. a manifest"
    )
    parser.add_argument(
        "--key", type=Path, required=True, help="your private key (PEM)"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        help="signature file (default: DOCUMENT.<key id>.sig.json)",
    )
    parser.add_argument(
        "--signer",
        default="",
        help="your organisation's code, recorded in the envelope",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from homecoming.engines.ledger import (
        MANIFEST_TYPE,
        KeyFormatError,
        LedgerError,
        document_sha256,
        format_fingerprint,
        load_private_key,
        sign_document,
        validate_manifest,
    )

    document = read_json(args.document, "document")
    if not isinstance(document, dict) or not isinstance(document.get("type"), str):
        raise CommandError(
            f'{args.document}: a signed document is an object with a "type"'
        )
    try:
        if document["type"] == MANIFEST_TYPE:
            validate_manifest(document)
        key_bytes = args.key.read_bytes()
    except LedgerError as exc:
        raise CommandError(f"{args.document}: {exc}") from None
    except OSError as exc:
        raise CommandError(f"{args.key}: cannot read the key: {exc.strerror}") from None
    try:
        private_key = load_private_key(key_bytes)
    except KeyFormatError as exc:
        raise CommandError(f"{args.key}: {exc}") from None
    try:
        envelope = sign_document(document, private_key, signer=args.signer)
    except LedgerError as exc:
        raise CommandError(f"{args.document}: {exc}") from None
    output = args.output or args.document.with_name(
        f"{args.document.stem}.{envelope.key_id[:8]}.sig.json"
    )
    write_json(output, envelope.to_json())
    print(f"signed:  {args.document} ({document['type']})")
    print(f"SHA-256: {format_fingerprint(document_sha256(document))}")
    print(f"key id:  {envelope.key_id}")
    print(f"written: {output}")
    return 0

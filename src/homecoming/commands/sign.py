"""``homecoming sign DOC.json --key KEY``: sign a document's canonical JSON (offline).

The document is read strictly (a member given twice, a number no JSON reader holds, deep
nesting or bytes that are not UTF-8 are refused with exit 2) and manifests are checked
against the manifest schema first: nobody signs a malformed or ambiguous one.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from homecoming.commands import CommandError, read_bytes, read_canonical, write_json


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
        KeyFormatError,
        LedgerError,
        format_fingerprint,
        load_private_key,
        sign_document,
    )

    try:
        document = read_canonical(args.document, "document")
    except LedgerError as exc:  # a manifest that breaks its schema
        raise CommandError(f"{args.document}: {exc}") from None
    value = document.value
    if not isinstance(value, dict) or not isinstance(value.get("type"), str):
        raise CommandError(
            f'{args.document}: a signed document is an object with a "type"'
        )
    key_bytes = read_bytes(args.key, "key", max_bytes=64 * 1024)
    try:
        private_key = load_private_key(key_bytes)
    except KeyFormatError as exc:
        raise CommandError(f"{args.key}: {exc}") from None
    envelope = sign_document(document, private_key, signer=args.signer)
    output = args.output or args.document.with_name(
        f"{args.document.stem}.{envelope.key_id[:8]}.sig.json"
    )
    write_json(output, envelope.to_json())
    print(f"signed:  {args.document} ({value['type']})")
    print(f"SHA-256: {format_fingerprint(document.sha256)}")
    print(f"key id:  {envelope.key_id}")
    print(f"written: {output}")
    return 0

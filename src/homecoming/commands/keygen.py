"""``homecoming keygen``: make an Ed25519 signing key on this machine (offline).

The private key is written as PEM with permissions 0600 and never leaves the machine; the
public key and its key id are printed for registering on the server.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from homecoming.commands import CommandError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "keygen",
        help="make an Ed25519 signing key (offline)",
        description=(
            "Write a new Ed25519 private key (PEM, readable by you only) and print its "
            "public key and key id, to register on the server. Runs offline."
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("homecoming-signing-key.pem"),
        help="private key file to create (default: %(default)s); never overwritten",
    )
    parser.add_argument(
        "--name",
        help="a key name (no spaces, e.g. ua.example/witness): also print the verifier"
        " keys (vkeys) transparency-log tools take for notes signed under that name",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from homecoming.engines.ledger import (
        COSIGNATURE_V1,
        ED25519,
        NoteFormatError,
        generate_private_key,
        key_fingerprint,
        key_id,
        private_key_to_pem,
        public_key_text,
        vkey,
    )
    from homecoming.engines.ledger.notes import check_key_name

    path: Path = args.output
    if args.name:
        try:
            check_key_name(args.name)
        except NoteFormatError as exc:
            raise CommandError(f"--name: {exc}") from None
    private_key = generate_private_key()
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise CommandError(
            f"{path}: already exists; keys are never overwritten"
        ) from None
    except OSError as exc:
        raise CommandError(
            f"{path}: cannot create the key file: {exc.strerror}"
        ) from None
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(private_key_to_pem(private_key))
    public = private_key.public_key()
    print(f"private key: {path} (keep it secret; permissions 0600)")
    print(f"public key:  {public_key_text(public)}")
    print(f"key id:      {key_id(public)}")
    print(f"fingerprint: {key_fingerprint(public)}")
    print("             (read it aloud or write it down when you register the key)")
    if args.name:
        print(f"note vkey:   {vkey(args.name, ED25519, public)}")
        print(f"cosign vkey: {vkey(args.name, COSIGNATURE_V1, public)}")
    return 0

"""``homecoming verify DOC.json SIG.json... --keys KEYS.json``: is it intact, who signed?

Exit status: 0 intact and signed by every signatory the document names; 1 not intact
(a changed byte, a missing, foreign, revoked or invalid signature); 2 bad input; 3 the
signatures match the bytes but no key list was given, so the signers are not established.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from homecoming.commands import CommandError, read_canonical, read_json
from homecoming.commands.trust import (
    add_key_list_arguments,
    describe_key_list,
    key_list_from,
)

NOT_INTACT, SIGNERS_UNKNOWN = 1, 3


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "verify",
        help="check a signed document offline: intact, and who signed",
        description=(
            "Check that DOCUMENT is intact and signed by each of its signatories. "
            "Exit 0 intact, 1 not intact, 2 bad input, 3 no key list given. Offline."
        ),
    )
    parser.add_argument("document", type=Path, help="the document (JSON)")
    parser.add_argument(
        "signatures", type=Path, nargs="+", help="signature files (SIG.json)"
    )
    add_key_list_arguments(parser, required=False)
    parser.add_argument(
        "--require",
        action="append",
        default=[],
        metavar="CODE",
        help="an organisation that must also have signed, on top of the document's"
        " signatories (repeatable)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from homecoming.engines.ledger import (
        LedgerError,
        ManifestFormatError,
        SignatureEnvelope,
        format_fingerprint,
        required_signers_of,
        verify_document,
    )

    try:
        document = read_canonical(args.document, "document")
    except ManifestFormatError as exc:
        print(f"document: {args.document}")
        print(f"NOT INTACT: {exc}")
        return NOT_INTACT
    value = document.value
    if not isinstance(value, dict):
        raise CommandError(f"{args.document}: a signed document is a JSON object")
    envelopes = []
    for path in args.signatures:
        try:
            envelopes.append(SignatureEnvelope.from_json(read_json(path, "signature")))
        except LedgerError as exc:
            raise CommandError(f"{path}: {exc}") from None
    key_list = key_list_from(args)
    keys = key_list.keys if key_list is not None else None
    print(f"document: {args.document} ({value.get('type', 'no type')})")
    if key_list is not None:
        print(describe_key_list(key_list))
    required = required_signers_of(value, also=args.require)
    verdict = verify_document(document, envelopes, keys, required_signers=required)
    print(f"SHA-256:  {format_fingerprint(verdict.document_sha256)}")
    for path, check in zip(args.signatures, verdict.checks, strict=True):
        who = check.owner or (
            f'claims "{check.claimed_signer}"' if check.claimed_signer else "unknown"
        )
        if check.valid:
            print(f"  ok   {path}: signed by {who} (key {check.key_id[:16]})")
        else:
            print(f"  FAIL {path}: {check.problem}; {who} (key {check.key_id[:16]})")
    if verdict.missing:
        print(f"missing signatures of: {', '.join(verdict.missing)}")
    if verdict.intact:
        print(f"INTACT: signed by {', '.join(verdict.signed_by)}")
        return 0
    if keys is None and verdict.signatures_valid and not verdict.missing:
        print(
            "signatures match the document, but signers are not established: pass --keys"
        )
        return SIGNERS_UNKNOWN
    print("NOT INTACT")
    return NOT_INTACT

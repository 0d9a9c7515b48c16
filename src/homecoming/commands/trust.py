"""Which key list a command trusts: ``--keys``, ``--trust`` and ``--unsigned-keys``.

``homecoming verify`` and the offline ``homecoming ledger`` checks take the key list the
same way. A key list is trusted when it is signed by a key whose fingerprint the party
registered in person (``--trust TRUSTED.txt``), and when every key it gives to an
organisation listed there is one of that organisation's registered fingerprints. An
unsigned list (or one checked against nothing) is taken only with ``--unsigned-keys``.
"""

from __future__ import annotations

import argparse
from typing import Any

from homecoming.commands import CommandError, read_bytes, read_json


def add_key_list_arguments(parser: argparse.ArgumentParser, *, required: bool) -> None:
    from pathlib import Path

    parser.add_argument(
        "--keys",
        type=Path,
        required=required,
        help="key list (KEYS.json, from the server's /api/v1/keys/ or exchanged in person)",
    )
    parser.add_argument(
        "--trust",
        type=Path,
        metavar="TRUSTED.txt",
        help="the key fingerprints you registered in person ('owner fingerprint' a"
        " line); the key list must be signed by one of its issuer's",
    )
    parser.add_argument(
        "--unsigned-keys",
        action="store_true",
        help="take the key list as given, unchecked (only if you received that very"
        " file in person)",
    )


def key_list_from(args: argparse.Namespace) -> Any:
    """The trusted :class:`~homecoming.engines.ledger.KeyList`, or None without --keys."""
    from homecoming.engines.ledger import LedgerError, parse_anchors, read_key_list

    if args.keys is None:
        return None
    anchors: tuple[Any, ...] = ()
    if args.trust is not None:
        try:
            anchors = parse_anchors(
                read_bytes(args.trust, "fingerprints", max_bytes=1_000_000).decode(
                    "utf-8-sig"
                )
            )
        except UnicodeDecodeError:
            raise CommandError(
                f"{args.trust}: the fingerprints are not UTF-8"
            ) from None
        except LedgerError as exc:
            raise CommandError(f"{args.trust}: {exc}") from None
    value = read_json(args.keys, "key list")
    try:
        return read_key_list(value, anchors=anchors, allow_unsigned=args.unsigned_keys)
    except LedgerError as exc:
        hint = "" if anchors or args.unsigned_keys else " (--trust or --unsigned-keys)"
        raise CommandError(f"{args.keys}: {exc}{hint}") from None


def describe_key_list(key_list: Any) -> str:
    """One line saying on what grounds the key list is trusted."""
    if key_list.unsigned:
        return "key list: taken as given (--unsigned-keys), not checked"
    anchored = len(key_list.anchored)
    return (
        f"key list: signed by {key_list.issuer} (key {key_list.signed_by[0][:16]}),"
        f" issued {key_list.issued_at}; {anchored} of {len(key_list.keys.keys)} keys"
        " registered in person"
    )

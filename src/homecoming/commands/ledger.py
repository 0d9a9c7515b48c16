"""``homecoming ledger verify`` and ``homecoming ledger check``.

- ``verify`` (on the server, uses the database): re-compute every entry's leaf hash and
  the running Merkle roots, check every stored checkpoint's root and signature, and name
  the first inconsistency. Exit 0 when all holds, 1 otherwise.
- ``check KEPT.json CONSISTENCY.json --keys KEYS.json`` (offline, for a party): given a
  checkpoint the party kept and the server's answer from ``/api/v1/ledger/consistency/``,
  check both checkpoints' signatures and that the log only grew since the kept one.
- ``included PROOF.json --keys KEYS.json`` (offline): given the server's answer from
  ``/api/v1/ledger/entries/SEQ/proof/``, check that the entry as shown is in the signed
  checkpoint: a party's evidence that its entry cannot later be denied or changed.

Both offline checks print who signed the checkpoints; ``--operator CODE`` (the
mediator's code) makes a checkpoint signed by any other organisation's key a failure.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from homecoming.commands import CommandError, read_json, setup_django


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ledger",
        help="verify the ledger (server) or check a kept checkpoint (offline)",
        description="Verify the tamper-evident ledger and its signed checkpoints.",
    )
    actions = parser.add_subparsers(
        dest="ledger_action", metavar="ACTION", required=True
    )
    verify = actions.add_parser(
        "verify",
        help="re-compute the whole ledger and every stored checkpoint",
        description=(
            "Re-compute every entry's hash and the Merkle tree, check every stored "
            "checkpoint's root and signature, and report the first inconsistency."
        ),
    )
    verify.add_argument("--quiet", action="store_true", help="no progress bar")
    verify.set_defaults(func=run_verify)
    check = actions.add_parser(
        "check",
        help="check that the ledger only grew since a checkpoint you kept (offline)",
        description=(
            "KEPT is a checkpoint you saved earlier (/api/v1/ledger/checkpoints/ID/); "
            "CONSISTENCY is the server's answer to /api/v1/ledger/consistency/?from=SIZE."
        ),
    )
    check.add_argument("kept", type=Path, help="the checkpoint you kept (JSON)")
    check.add_argument("consistency", type=Path, help="the consistency answer (JSON)")
    check.add_argument("--keys", type=Path, required=True, help="key list (KEYS.json)")
    _add_operator_argument(check)
    check.set_defaults(func=run_check)
    included = actions.add_parser(
        "included",
        help="check that an entry is in a signed checkpoint (offline)",
        description="PROOF is the server's answer to /api/v1/ledger/entries/SEQ/proof/.",
    )
    included.add_argument("proof", type=Path, help="the inclusion proof answer (JSON)")
    included.add_argument(
        "--keys", type=Path, required=True, help="key list (KEYS.json)"
    )
    _add_operator_argument(included)
    included.set_defaults(func=run_included)


def _add_operator_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--operator",
        metavar="CODE",
        help="the organisation whose key must sign checkpoints (the mediator); "
        "default: whoever signed, printed for you to check",
    )


def run_verify(args: argparse.Namespace) -> int:
    setup_django()
    from tqdm import tqdm

    from homecoming.apps.audit.selectors import ledger_size, ledger_verification

    total = ledger_size()
    with tqdm(
        total=total, unit="entry", disable=args.quiet or None, file=None, leave=False
    ) as bar:

        def advance(count: int) -> None:
            bar.update(count)

        report = ledger_verification(progress=advance)
    print(
        f"ledger: {report.size} entries, root {report.root_hash}, "
        f"{report.checkpoints_checked} checkpoints checked"
    )
    if report.ok:
        print("OK: every entry and every checkpoint holds")
        return 0
    first = report.problems[0]
    where = (
        f"entry {first.seq}"
        if first.seq is not None
        else f"checkpoint {first.checkpoint_size}"
    )
    print(f"FIRST INCONSISTENCY at {where}: {first.message}")
    for problem in report.problems[1:]:
        print(f"  also: {problem.message}")
    return 1


def _signed_checkpoint(value: Any, path: Path) -> Any:
    from homecoming.engines.ledger import (
        Checkpoint,
        LedgerError,
        SignatureEnvelope,
        SignedCheckpoint,
    )

    if not isinstance(value, dict):
        raise CommandError(f"{path}: a checkpoint has a document and a signature")
    try:
        return SignedCheckpoint(
            Checkpoint.from_document(value.get("document")),
            SignatureEnvelope.from_json(value.get("signature")),
        )
    except (LedgerError, ValueError) as exc:
        raise CommandError(f"{path}: {exc}") from None


def _signer_of(signed: Any, keys: Any) -> str:
    """The organisation whose registered key signed ``signed``; "" for a stranger."""
    key = keys.get(signed.envelope.key_id)
    return key.owner if key is not None else ""


def _signature_failure(name: str, signed: Any, keys: Any, operator: str) -> str | None:
    """Why ``signed`` is not a checkpoint signed by ``operator``; None when it is."""
    from homecoming.engines.ledger import verify_checkpoint

    verdict = verify_checkpoint(signed, keys, operator=operator)
    if verdict.intact:
        return None
    problem = "; ".join(c.problem for c in verdict.checks if c.problem)
    if not problem and verdict.missing:
        problem = f"not signed by {operator or 'a registered key'}"
    return f"the {name} signature: {problem or 'invalid'}"


def run_check(args: argparse.Namespace) -> int:
    from homecoming.engines.ledger import KeyRing, LedgerError, checkpoints_consistent

    kept = _signed_checkpoint(read_json(args.kept, "kept checkpoint"), args.kept)
    answer = read_json(args.consistency, "consistency answer")
    if not isinstance(answer, dict) or not isinstance(
        answer.get("new_checkpoint"), dict
    ):
        raise CommandError(f"{args.consistency}: no new_checkpoint in the answer")
    new = _signed_checkpoint(answer["new_checkpoint"], args.consistency)
    try:
        keys = KeyRing.from_json(read_json(args.keys, "key list"))
    except LedgerError as exc:
        raise CommandError(f"{args.keys}: {exc}") from None
    try:
        proof = [bytes.fromhex(p) for p in answer.get("proof", [])]
    except (ValueError, TypeError) as exc:
        raise CommandError(f"{args.consistency}: proof: {exc}") from None
    # The new checkpoint continues the kept one only if the same operator signed it:
    # any other registered key (a party's) is no evidence about the operator's log.
    operator = args.operator or _signer_of(kept, keys)
    failures = [
        failure
        for name, signed in (("kept checkpoint's", kept), ("new checkpoint's", new))
        if (failure := _signature_failure(name, signed, keys, operator)) is not None
    ]
    if answer.get("old_size") != kept.checkpoint.size:
        failures.append(
            f"the proof starts at size {answer.get('old_size')}, "
            f"not at the kept size {kept.checkpoint.size}"
        )
    elif not checkpoints_consistent(kept.checkpoint, new.checkpoint, proof):
        failures.append(
            "the proof does not tie the kept checkpoint to the new one: "
            "the history you saw was rewritten, truncated or forked"
        )
    print(
        f"kept: size {kept.checkpoint.size} root {kept.checkpoint.root_hash[:16]}…; "
        f"new: size {new.checkpoint.size} root {new.checkpoint.root_hash[:16]}…; "
        f"signed by {_signer_of(new, keys) or 'an unknown key'}"
    )
    if failures:
        for failure in failures:
            print(f"FAIL: {failure}")
        return 1
    print("OK: the ledger only grew since the checkpoint you kept")
    return 0


def run_included(args: argparse.Namespace) -> int:
    from homecoming.engines.ledger import (
        KeyRing,
        LedgerError,
        canonical_json,
        leaf_hash,
        verify_inclusion,
    )

    answer = read_json(args.proof, "inclusion proof")
    if not isinstance(answer, dict) or not isinstance(answer.get("checkpoint"), dict):
        raise CommandError(f"{args.proof}: no checkpoint in the answer")
    signed = _signed_checkpoint(answer["checkpoint"], args.proof)
    try:
        keys = KeyRing.from_json(read_json(args.keys, "key list"))
        hashed = answer["hashed"]
        index = int(answer["leaf_index"])
        proof = [bytes.fromhex(p) for p in answer["proof"]]
        leaf = leaf_hash(canonical_json(hashed))
    except (LedgerError, KeyError, ValueError, TypeError) as exc:
        raise CommandError(f"{args.proof}: {exc}") from None
    failures = []
    operator = args.operator or _signer_of(signed, keys)
    failure = _signature_failure("checkpoint's", signed, keys, operator)
    if failure is not None:
        failures.append(failure)
    if not isinstance(hashed, dict) or hashed.get("seq") != index + 1:
        failures.append("the entry's seq does not match its place in the tree")
    checkpoint = signed.checkpoint
    if not verify_inclusion(
        leaf, index, checkpoint.size, proof, bytes.fromhex(checkpoint.root_hash)
    ):
        failures.append(
            f"the entry as shown is not in the checkpoint of size {checkpoint.size}"
        )
    print(
        f"entry {index + 1} in checkpoint of size {checkpoint.size}, "
        f"signed by {_signer_of(signed, keys) or 'an unknown key'}"
    )
    if failures:
        for failure in failures:
            print(f"FAIL: {failure}")
        return 1
    print("OK: the entry, exactly as shown, is in the signed checkpoint")
    return 0

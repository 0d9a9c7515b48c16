"""``homecoming ledger ACTION``: verify the ledger (server) and check it as a party (offline).

- ``verify`` (on the server, uses the database): re-compute every entry, the running
  Merkle roots and the stored head, check every stored checkpoint, name the first
  inconsistency. Exit 0 when all holds, 1 otherwise.
- ``check KEPT... ANSWER --keys KEYS.json`` (offline, for a party): the checkpoints the
  party kept, and the server's answer from ``/api/v1/ledger/consistency/?from=SIZE``
  (SIZE: the newest kept size). Detects deletion, fork, rollback and, with ``--max-age``,
  a frozen server; ``--witness CODE`` asks for that organisation's cosignature.
- ``cosign CHECKPOINT --key KEY.pem --name NAME --keys KEYS.json`` (offline): add your own
  cosignature (C2SP tlog-cosignature) to a checkpoint you checked.
- ``included PROOF.json --keys KEYS.json`` (offline): the entry, exactly as shown, is in
  the signed checkpoint (``/api/v1/ledger/entries/SEQ/proof/``).
- ``keys KEYS.json --trust TRUSTED.txt`` (offline): every key of the list, its
  fingerprint, and whether you registered it in person; ``sign-keys`` signs a key list.

Checkpoints are read as C2SP signed notes (a text file, or JSON ``{"note": ...}``) or in
the first JSON form (``{"document": ..., "signature": ...}``). Exit 2 on bad input.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from homecoming.commands import (
    CommandError,
    read_bytes,
    read_json,
    setup_django,
    write_json,
    write_text,
)
from homecoming.commands.trust import (
    add_key_list_arguments,
    describe_key_list,
    key_list_from,
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ledger",
        help="verify the ledger (server), or check and cosign checkpoints (offline)",
        description="Verify the tamper-evident ledger and its signed checkpoints.",
    )
    actions = parser.add_subparsers(
        dest="ledger_action", metavar="ACTION", required=True
    )
    verify = actions.add_parser(
        "verify",
        help="re-compute the whole ledger, its head and every stored checkpoint",
        description=(
            "Re-compute every entry's hash, the Merkle tree and the stored head, check "
            "every stored checkpoint's root, signature and time, and report the first "
            "inconsistency."
        ),
    )
    verify.add_argument("--quiet", action="store_true", help="no progress bar")
    verify.set_defaults(func=run_verify)
    check = actions.add_parser(
        "check",
        help="check the server's answer against the checkpoints you kept (offline)",
        description=(
            "KEPT: checkpoints you saved earlier; ANSWER: the server's answer to "
            "/api/v1/ledger/consistency/?from=SIZE, SIZE being your newest kept size."
        ),
    )
    check.add_argument("files", type=Path, nargs="+", metavar="KEPT... ANSWER")
    check.add_argument(
        "--max-age",
        metavar="DURATION",
        help="fail when the newest checkpoint was signed longer ago (e.g. 12h, 2d)",
    )
    check.add_argument(
        "--witness",
        action="append",
        default=[],
        metavar="CODE",
        help="an organisation whose cosignature the newest checkpoint must carry",
    )
    cosign = actions.add_parser(
        "cosign",
        help="cosign a checkpoint you checked, with your own key (offline)",
        description=(
            "Verify CHECKPOINT's signature against the key list, then add your "
            "C2SP cosignature/v1 (with the time) and write the signed note."
        ),
    )
    cosign.add_argument(
        "checkpoint", type=Path, help="checkpoint or consistency answer"
    )
    cosign.add_argument(
        "--key", type=Path, required=True, help="your private key (PEM)"
    )
    cosign.add_argument("--name", required=True, help="your cosigner name, e.g. ua")
    cosign.add_argument("-o", "--output", type=Path, help="note file to write")
    included = actions.add_parser(
        "included",
        help="check that an entry is in a signed checkpoint (offline)",
        description="PROOF is the server's answer to /api/v1/ledger/entries/SEQ/proof/.",
    )
    included.add_argument("proof", type=Path, help="the inclusion proof answer (JSON)")
    keys = actions.add_parser(
        "keys",
        help="show a key list's keys and fingerprints against yours (offline)",
    )
    sign_keys = actions.add_parser(
        "sign-keys", help="sign a key list as its issuer (the mediator)"
    )
    sign_keys.add_argument("key_list", type=Path, help="key list to sign (KEYS.json)")
    sign_keys.add_argument("--key", type=Path, required=True, help="private key (PEM)")
    sign_keys.add_argument("--issuer", required=True, help="your organisation's code")
    sign_keys.add_argument("-o", "--output", type=Path, required=True)
    for offline in (check, cosign, included, keys):
        add_key_list_arguments(offline, required=True)
        offline.add_argument(
            "--operator",
            metavar="CODE",
            help="the organisation whose key signs checkpoints (default: the key"
            " list's issuer, else whoever signed the first checkpoint)",
        )
    check.set_defaults(func=run_check)
    cosign.set_defaults(func=run_cosign)
    included.set_defaults(func=run_included)
    keys.set_defaults(func=run_keys)
    sign_keys.set_defaults(func=run_sign_keys)


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
        print("OK: every entry, the head and every checkpoint hold")
        return 0
    first = report.problems[0]
    where = (
        f"entry {first.seq}"
        if first.seq is not None
        else f"checkpoint {first.checkpoint_size}"
        if first.checkpoint_size is not None
        else "the key table"
    )
    print(f"FIRST INCONSISTENCY at {where}: {first.message}")
    for problem in report.problems[1:]:
        print(f"  also: {problem.message}")
    return 1


def _checkpoint_in(value: Any, path: Path) -> Any:
    """A checkpoint from its served JSON: ``{"note"}`` or ``{"document", "signature"}``."""
    from homecoming.engines.ledger import (
        JSONCheckpoint,
        LedgerError,
        SignatureEnvelope,
        SignedCheckpoint,
        SignedJSONCheckpoint,
    )

    try:
        if isinstance(value, dict) and isinstance(value.get("note"), str):
            return SignedCheckpoint.from_note(value["note"])
        if isinstance(value, dict) and "document" in value:
            return SignedJSONCheckpoint(
                JSONCheckpoint.from_document(value["document"]),
                SignatureEnvelope.from_json(value.get("signature")),
            )
    except LedgerError as exc:
        raise CommandError(f"{path}: the checkpoint: {exc}") from None
    raise CommandError(
        f'{path}: a checkpoint is a signed note, {{"note": ...}} or'
        ' {"document": ..., "signature": ...}'
    )


def _read_checkpoint(path: Path) -> Any:
    """A kept checkpoint file (a note, or JSON), or a consistency answer's new one."""
    from homecoming.engines.ledger import LedgerError, SignedCheckpoint

    data = read_bytes(path, "checkpoint", max_bytes=1_000_000)
    if data.lstrip()[:1] != b"{":
        try:
            return SignedCheckpoint.from_note(data)
        except LedgerError as exc:
            raise CommandError(f"{path}: the checkpoint note: {exc}") from None
    value = read_json(path, "checkpoint")
    if isinstance(value, dict) and isinstance(value.get("new_checkpoint"), dict):
        value = value["new_checkpoint"]
    return _checkpoint_in(value, path)


def _operator(args: argparse.Namespace, key_list: Any, first: Any) -> str:
    """Whose key must sign checkpoints: --operator, the key list's issuer, or the
    organisation whose registered key signed ``first`` (shown to the user to check)."""
    from homecoming.engines.ledger import verify_checkpoint

    if args.operator:
        return str(args.operator)
    if not key_list.unsigned and key_list.issuer:
        return str(key_list.issuer)
    return str(verify_checkpoint(first, key_list.keys).operator)


def _describe(verdict: Any) -> str:
    when = (
        verdict.signed_at.strftime("%Y-%m-%d %H:%M:%SZ")
        if verdict.signed_at
        else "no time"
    )
    witnesses = ", ".join(verdict.witnesses) or "nobody"
    return (
        f"size {verdict.checkpoint.size} root {verdict.checkpoint.root_hash[:16]}…,"
        f" signed by {verdict.operator or 'an unknown key'} at {when},"
        f" cosigned by {witnesses}"
    )


def run_check(args: argparse.Namespace) -> int:
    from homecoming.engines.ledger import check_view, parse_duration, verify_checkpoint

    if len(args.files) < 2:
        raise CommandError("give at least one kept checkpoint and the server's answer")
    try:
        max_age = parse_duration(args.max_age) if args.max_age else None
    except ValueError as exc:
        raise CommandError(f"--max-age: {exc}") from None
    *kept_paths, answer_path = args.files
    kept = [_read_checkpoint(path) for path in kept_paths]
    answer = read_json(answer_path, "consistency answer")
    if not isinstance(answer, dict) or not isinstance(
        answer.get("new_checkpoint"), dict
    ):
        raise CommandError(f"{answer_path}: no new_checkpoint in the answer")
    served = _checkpoint_in(answer["new_checkpoint"], answer_path)
    old_size, proof = _proof_of(answer, answer_path)
    key_list = key_list_from(args)
    operator = _operator(args, key_list, kept[0])
    verdicts = [verify_checkpoint(k, key_list.keys, operator=operator) for k in kept]
    served_verdict = verify_checkpoint(served, key_list.keys, operator=operator)
    report = check_view(
        verdicts,
        served_verdict,
        old_size=old_size,
        proof=proof,
        now=dt.datetime.now(dt.UTC),
        max_age=max_age,
        witnesses=args.witness,
    )
    print(describe_key_list(key_list))
    newest = max(verdicts, key=lambda v: v.checkpoint.size)
    print(f"kept:   {len(kept)} checkpoint(s), newest {_describe(newest)}")
    print(f"served: {_describe(served_verdict)}")
    if report.age is not None:
        print(f"age:    the served checkpoint was signed {_age(report.age)} ago")
    if not report.ok:
        for problem in report.problems:
            print(f"FAIL: {problem}")
        return 1
    print("OK: the ledger only grew since the checkpoints you kept")
    return 0


def _age(span: dt.timedelta) -> str:
    minutes = int(span.total_seconds() // 60)
    return f"{minutes // 1440} d {minutes % 1440 // 60} h {minutes % 60} min"


def _proof_of(answer: dict[str, Any], path: Path) -> tuple[int, list[bytes]]:
    old_size, proof = answer.get("old_size"), answer.get("proof", [])
    if type(old_size) is not int or old_size < 0:
        raise CommandError(f'{path}: "old_size" is not a whole number')
    if not isinstance(proof, list) or not all(
        isinstance(p, str) and len(p) == 64 for p in proof
    ):
        raise CommandError(f'{path}: "proof" is not a list of 64-hex hashes')
    try:
        return old_size, [bytes.fromhex(p) for p in proof]
    except ValueError:
        raise CommandError(f'{path}: "proof" holds a hash that is not hex') from None


def run_cosign(args: argparse.Namespace) -> int:
    from homecoming.engines.ledger import (
        KeyFormatError,
        LedgerError,
        SignedCheckpoint,
        cosign_checkpoint,
        key_fingerprint,
        load_private_key,
        verify_checkpoint,
    )

    signed = _read_checkpoint(args.checkpoint)
    key_list = key_list_from(args)
    operator = _operator(args, key_list, signed)
    verdict = verify_checkpoint(signed, key_list.keys, operator=operator)
    if not verdict.intact:
        print(f"NOT COSIGNED: {'; '.join(verdict.problems)}")
        return 1
    try:
        private_key = load_private_key(read_bytes(args.key, "key", max_bytes=65536))
    except KeyFormatError as exc:
        raise CommandError(f"{args.key}: {exc}") from None
    if not isinstance(signed, SignedCheckpoint):  # the JSON form: a note of its own
        signed = SignedCheckpoint(signed.checkpoint, ())
    try:
        cosigned = cosign_checkpoint(
            signed, private_key, name=args.name, moment=dt.datetime.now(dt.UTC)
        )
    except LedgerError as exc:
        raise CommandError(f"--name: {exc}") from None
    output = args.output or args.checkpoint.with_name(
        f"{args.checkpoint.stem}.{args.name.replace('/', '_')}.cosigned.txt"
    )
    write_text(output, cosigned.note())
    print(f"checked: {_describe(verdict)}")
    mine = key_list.keys.get(_key_id(private_key))
    if mine is None:
        print(
            "note: your key is not in the key list; others will ignore this cosignature"
            f" (fingerprint {key_fingerprint(private_key.public_key())})"
        )
    print(f"cosigned as {args.name}: {output}")
    return 0


def _key_id(private_key: Any) -> str:
    from homecoming.engines.ledger import key_id

    return str(key_id(private_key.public_key()))


def run_included(args: argparse.Namespace) -> int:
    from homecoming.engines.ledger import LedgerError, LedgerRecord, verify_checkpoint
    from homecoming.engines.ledger import verify_inclusion as proves

    answer = read_json(args.proof, "inclusion proof")
    if not isinstance(answer, dict) or not isinstance(answer.get("checkpoint"), dict):
        raise CommandError(f"{args.proof}: no checkpoint in the answer")
    signed = _checkpoint_in(answer["checkpoint"], args.proof)
    index, proof = answer.get("leaf_index"), answer.get("proof")
    if type(index) is not int or index < 0:
        raise CommandError(f'{args.proof}: "leaf_index" is not a whole number')
    _, hashes = _proof_of({"old_size": 0, "proof": proof}, args.proof)
    try:
        record = LedgerRecord.from_payload(answer.get("hashed"))
        leaf = record.leaf_hash()
    except LedgerError as exc:
        raise CommandError(f"{args.proof}: hashed: {exc}") from None
    key_list = key_list_from(args)
    operator = _operator(args, key_list, signed)
    verdict = verify_checkpoint(signed, key_list.keys, operator=operator)
    failures = [f"the checkpoint's signature: {p}" for p in verdict.problems]
    if record.payload() != answer["hashed"]:
        failures.append("the entry as shown is not exactly what is hashed")
    if record.seq != index + 1:
        failures.append("the entry's seq does not match its place in the tree")
    checkpoint = signed.checkpoint
    if not proves(
        leaf, index, checkpoint.size, hashes, bytes.fromhex(checkpoint.root_hash)
    ):
        failures.append(
            f"the entry as shown is not in the checkpoint of size {checkpoint.size}"
        )
    print(f"entry {record.seq} in checkpoint {_describe(verdict)}")
    if failures:
        for failure in failures:
            print(f"FAIL: {failure}")
        return 1
    print("OK: the entry, exactly as shown, is in the signed checkpoint")
    return 0


def run_keys(args: argparse.Namespace) -> int:
    key_list = key_list_from(args)
    print(describe_key_list(key_list))
    anchored = set(key_list.anchored)
    for key in sorted(key_list.keys.keys.values(), key=lambda k: (k.owner, k.key_id)):
        mark = "in person" if key.key_id in anchored else "via the list"
        print(
            f"  {key.owner:<10} {key.status:<8} {key.fingerprint}  ({mark}) {key.label}"
        )
    return 0


def run_sign_keys(args: argparse.Namespace) -> int:
    from homecoming.engines.ledger import (
        KeyFormatError,
        KeyRing,
        LedgerError,
        load_private_key,
        read_key_list,
        sign_key_list,
    )

    value = read_json(args.key_list, "key list")
    try:
        keys: KeyRing = read_key_list(value, allow_unsigned=True).keys
    except LedgerError as exc:
        raise CommandError(f"{args.key_list}: {exc}") from None
    try:
        private_key = load_private_key(read_bytes(args.key, "key", max_bytes=65536))
    except KeyFormatError as exc:
        raise CommandError(f"{args.key}: {exc}") from None
    signed = sign_key_list(
        keys, private_key, issuer=args.issuer, moment=dt.datetime.now(dt.UTC)
    )
    write_json(args.output, signed)
    print(f"signed {len(keys.keys)} keys as {args.issuer}: {args.output}")
    return 0

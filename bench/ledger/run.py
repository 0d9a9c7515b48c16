"""Ledger benchmarks: appending and verifying, in the engine and through the service.

    .venv/bin/python -m bench.ledger.run engine [--entries 100000]
    .venv/bin/python -m bench.ledger.run sqlite [--entries 100000] [--appends 2000]
    .venv/bin/python -m bench.ledger.run postgres [--entries 100000] [--appends 2000]
    .venv/bin/python -m bench.ledger.run manifest [--persons 100000] [--repeat 3]

``engine``: the pure engine, no database: per-entry append cost (canonical JSON, leaf hash,
frontier, root) and ``verify_log`` over all entries with a checkpoint every 10,000.
``sqlite`` / ``postgres``: a fresh database (a temporary SQLite file, or the
``homecoming_bench`` database on 127.0.0.1, dropped afterwards); ``--appends`` entries
through ``ledger_append``, each in its own transaction as a write service does; then the
ledger is filled to ``--entries`` and ``homecoming ledger verify``'s work
(``ledger_verification``: read every row, re-hash, check every checkpoint) is timed.
``manifest``: ``homecoming sign`` and ``homecoming verify`` (three signatures, a signed key
list checked against registered fingerprints) as a user runs them, on a generated
manifest of ``--persons`` persons, each timed wall-clock in its own process, ``--repeat``
rounds; the load average is printed before each round.
Entries are generated: a party's person registration with a Cyrillic name, no real data.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from typing import Any

T0 = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
CHECKPOINT_EVERY = 10_000


def entry_data(i: int) -> dict[str, Any]:
    return {
        "record_id": f"R-{i:06d}",
        "surname": "КОВАЛЕНКО",
        "given_name": "Олександр",
        "patronymic": "Іванович",
        "birth_date": "1990-05-17",
        "list_version": 3,
        "changed": ["surname", "birth_date"],
    }


def bench_engine(entries: int) -> None:
    from homecoming.engines.ledger import (
        Checkpoint,
        Frontier,
        KeyRing,
        LedgerRecord,
        StoredEntry,
        TrustedKey,
        generate_private_key,
        key_id,
        public_key_text,
        sign_checkpoint,
        verify_log,
    )

    key = generate_private_key()
    ring = KeyRing.of(
        [
            TrustedKey(
                key_id(key.public_key()), "mediator", public_key_text(key.public_key())
            )
        ]
    )
    frontier = Frontier()
    stored, checkpoints = [], []
    started = time.perf_counter()
    for i in range(entries):
        record = LedgerRecord(
            seq=i + 1,
            time=T0 + dt.timedelta(milliseconds=i),
            action="person.register" if i else "key.register",
            organisation="ua" if i else "mediator",
            actor_id=7,
            actor="officer.ua",
            subject_type="registry.person",
            subject_id=str(i),
            data=entry_data(i) if i else {"key_id": key_id(key.public_key())},
            audience=("ru",),
        )
        leaf = record.leaf_hash()
        frontier = frontier.append(leaf)
        root = frontier.root()
        stored.append(StoredEntry(record, leaf.hex(), root.hex()))
        if frontier.size % CHECKPOINT_EVERY == 0:
            checkpoints.append(
                sign_checkpoint(
                    Checkpoint("bench", frontier.size, root.hex()),
                    key,
                    moment=record.time,
                )
            )
    append_s = time.perf_counter() - started
    started = time.perf_counter()
    report = verify_log(stored, checkpoints, ring, operator="mediator")
    verify_s = time.perf_counter() - started
    assert report.ok, report.problems
    print(
        f"engine: append {append_s / entries * 1000:.3f} ms/entry ({entries} entries)"
    )
    print(
        f"engine: verify_log {entries} entries + {len(checkpoints)} checkpoints:"
        f" {verify_s:.2f} s"
    )


def _prepare_database(backend: str) -> tuple[str, Any]:
    if backend == "sqlite":
        directory = tempfile.mkdtemp(prefix="homecoming-bench-")
        return f"sqlite:///{directory}/bench.sqlite3", None
    name = "homecoming_bench"
    for sql in (f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}"):
        subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", sql], check=True
        )

    def drop() -> None:
        from django.db import connections

        connections.close_all()
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-q",
                "-c",
                f"DROP DATABASE {name}",
            ],
            check=False,
        )

    return f"postgres://postgres@127.0.0.1:5432/{name}", drop


def _bulk_fill(target: int) -> None:
    """Fill the ledger to ``target`` entries quickly (computed as ledger_append would)."""
    from django.db import transaction

    from homecoming.apps.audit.models import LedgerEntry, LedgerHead
    from homecoming.apps.audit.services import visible_to_key
    from homecoming.engines.ledger import Frontier, LedgerRecord

    with transaction.atomic():
        head = LedgerHead.objects.select_for_update().get(pk=1)
        frontier = Frontier.from_hex(head.size, head.frontier)
        batch = []
        for seq in range(head.size + 1, target + 1):
            record = LedgerRecord(
                seq=seq,
                time=T0 + dt.timedelta(milliseconds=seq),
                action="person.register",
                organisation="ua",
                actor_id=7,
                actor="officer.ua",
                subject_type="registry.person",
                subject_id=str(seq),
                data=entry_data(seq),
                audience=("ru",),
            )
            leaf = record.leaf_hash()
            frontier = frontier.append(leaf)
            batch.append(
                LedgerEntry(
                    seq=seq,
                    time=record.time,
                    actor_id=7,
                    actor=record.actor,
                    organisation="ua",
                    action=record.action,
                    subject_type=record.subject_type,
                    subject_id=record.subject_id,
                    data=dict(record.data),
                    audience=["ru"],
                    visible_to=visible_to_key("ua", ["ru"]),
                    leaf_hash=leaf.hex(),
                    tree_root=frontier.root().hex(),
                )
            )
            if len(batch) == 5000:
                LedgerEntry.objects.bulk_create(batch)
                batch = []
        LedgerEntry.objects.bulk_create(batch)
        head.size, head.frontier, head.root = (
            frontier.size,
            frontier.to_hex(),
            frontier.root().hex(),
        )
        head.save(update_fields=["size", "frontier", "root"])


def bench_service(backend: str, entries: int, appends: int) -> None:
    url, cleanup = _prepare_database(backend)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault(
        "HOMECOMING_VAR_DIR", tempfile.mkdtemp(prefix="homecoming-var-")
    )
    os.environ["HOMECOMING_CHECKPOINT_KEY_FILE"] = os.path.join(
        tempfile.mkdtemp(prefix="homecoming-key-"), "checkpoint.pem"
    )
    try:
        import django
        from django.core.management import call_command

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homecoming.site.settings")
        django.setup()
        call_command("migrate", verbosity=0)
        from django.db import transaction

        from homecoming.apps.audit.selectors import ledger_verification
        from homecoming.apps.audit.services import checkpoint_sign, ledger_append

        started = time.perf_counter()
        for i in range(appends):
            with transaction.atomic():
                ledger_append(
                    actor=None,
                    action="person.register",
                    organisation="ua",
                    data=entry_data(i),
                    audience=["ru"],
                )
        append_s = time.perf_counter() - started
        print(
            f"{backend}: ledger_append {append_s / appends * 1000:.3f} ms/entry"
            f" ({appends} entries, one transaction and commit each)"
        )
        started = time.perf_counter()
        for start in range(0, appends, 100):
            with transaction.atomic():
                for i in range(start, min(start + 100, appends)):
                    ledger_append(
                        actor=None,
                        action="person.register",
                        organisation="ua",
                        data=entry_data(i),
                        audience=["ru"],
                    )
        inside_s = time.perf_counter() - started
        print(
            f"{backend}: ledger_append {inside_s / appends * 1000:.3f} ms/entry"
            f" inside open transactions ({appends} entries, commit every 100)"
        )
        for size in range(CHECKPOINT_EVERY, entries + 1, CHECKPOINT_EVERY):
            _bulk_fill(size)
            checkpoint_sign(user=None, reason="bench")
        _bulk_fill(entries)
        started = time.perf_counter()
        report = ledger_verification()
        verify_s = time.perf_counter() - started
        assert report.ok, report.problems
        print(
            f"{backend}: ledger verification of {report.size} entries +"
            f" {report.checkpoints_checked} checkpoints: {verify_s:.2f} s"
        )
    finally:
        if cleanup is not None:
            cleanup()


def bench_manifest(persons: int, repeat: int) -> None:
    import json
    from pathlib import Path

    from tests.engines.ledger.samples import sample_manifest

    from homecoming.engines.ledger import (
        KeyRing,
        TrustedKey,
        generate_private_key,
        key_fingerprint,
        key_id,
        private_key_to_pem,
        public_key_text,
        sign_key_list,
    )

    folder = Path(tempfile.mkdtemp(prefix="homecoming-manifest-"))
    manifest = folder / "manifest.json"
    manifest.write_text(json.dumps(sample_manifest(persons), ensure_ascii=False))
    keys, trusted = {}, []
    for owner in ("ua", "ru", "mediator"):
        key = generate_private_key()
        keys[owner] = key
        (folder / f"{owner}.pem").write_bytes(private_key_to_pem(key))
        public = key.public_key()
        trusted.append(TrustedKey(key_id(public), owner, public_key_text(public)))
    (folder / "keys.json").write_text(
        json.dumps(
            sign_key_list(
                KeyRing.of(trusted), keys["mediator"], issuer="mediator", moment=T0
            )
        )
    )
    (folder / "trusted.txt").write_text(
        "".join(f"{k.owner} {key_fingerprint(k.key_id)}\n" for k in trusted)
    )
    homecoming = os.path.join(os.path.dirname(sys.executable), "homecoming")
    print(f"manifest: {persons} persons, {manifest.stat().st_size:,} bytes")
    for round_number in range(1, repeat + 1):
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        timings = []
        for owner in ("ua", "ru", "mediator"):
            started = time.perf_counter()
            subprocess.run(
                [
                    homecoming,
                    "sign",
                    str(manifest),
                    "--key",
                    str(folder / f"{owner}.pem"),
                    "--signer",
                    owner,
                    "-o",
                    str(folder / f"{owner}.sig.json"),
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            timings.append(time.perf_counter() - started)
        started = time.perf_counter()
        subprocess.run(
            [
                homecoming,
                "verify",
                str(manifest),
                *(str(folder / f"{o}.sig.json") for o in ("ua", "ru", "mediator")),
                "--keys",
                str(folder / "keys.json"),
                "--trust",
                str(folder / "trusted.txt"),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        verify_s = time.perf_counter() - started
        print(
            f"round {round_number} (load {load}): sign {min(timings):.2f} s"
            f" (best of 3 signatories, worst {max(timings):.2f} s), verify {verify_s:.2f} s"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("target", choices=["engine", "sqlite", "postgres", "manifest"])
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--appends", type=int, default=2000)
    args = parser.parse_args(argv)
    print(
        f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}"
    )
    if args.target == "engine":
        bench_engine(args.entries)
    elif args.target == "manifest":
        bench_manifest(args.persons, args.repeat)
    else:
        bench_service(args.target, args.entries, args.appends)
    return 0


if __name__ == "__main__":
    sys.exit(main())

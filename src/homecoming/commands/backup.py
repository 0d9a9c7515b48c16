"""``homecoming backup FILE`` and ``homecoming restore FILE --replace``: a consistent copy
of the whole database, and putting one back.

- SQLite: the online backup API (``sqlite3.Connection.backup``) copies the database page
  by page while the server and the worker keep running; the copy is itself a SQLite file.
- PostgreSQL: ``pg_dump --format=custom`` (one snapshot, so the copy is consistent while
  the service runs) and ``pg_restore --clean --single-transaction`` (all or nothing). The
  client tools must be on ``PATH``, their major version at least the server's.

The ledger's append-only triggers travel with the copy (PostgreSQL restores them after
the rows). Restoring replaces everything in the configured database, so ``restore``
refuses to touch a database that holds tables unless ``--replace`` is given. After a
restore, run ``homecoming ledger verify``. Uploads are not in the copy: they live only as
long as their job (see docs/operators.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from homecoming.commands import CommandError, setup_django

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser(
        "backup",
        help="write a consistent copy of the database to FILE",
        description=(
            "Copy the configured database (SQLite online backup, or pg_dump for "
            "PostgreSQL) into FILE while the service keeps running."
        ),
    )
    backup.add_argument("file", type=Path, help="the backup file to write")
    backup.add_argument(
        "--force", action="store_true", help="overwrite FILE if it exists"
    )
    backup.set_defaults(func=run_backup)
    restore = subparsers.add_parser(
        "restore",
        help="replace the database with a copy made by `homecoming backup`",
        description=(
            "Replace everything in the configured database with the copy in FILE. "
            "Stop the server and the worker first; run `homecoming ledger verify` after."
        ),
    )
    restore.add_argument("file", type=Path, help="a file made by `homecoming backup`")
    restore.add_argument(
        "--replace",
        action="store_true",
        help="required when the database already holds tables: they are replaced",
    )
    restore.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    setup_django()
    from django.db import connection

    target: Path = args.file
    if target.exists() and not args.force:
        raise CommandError(f"{target}: exists already (use --force to overwrite)")
    if connection.vendor == "sqlite":
        _sqlite_backup(connection, target)
    elif connection.vendor == "postgresql":
        _pg_run(
            "pg_dump",
            ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            connection.settings_dict,
        )
    else:  # pragma: no cover - the settings allow only these two
        raise CommandError(f"backup: the {connection.vendor} database is not supported")
    print(f"backup: {connection.vendor} database copied to {target}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    setup_django()
    from django.db import connection

    source: Path = args.file
    kind = _backup_kind(source)
    if kind != connection.vendor:
        raise CommandError(
            f"{source}: a {kind} backup cannot be restored into a "
            f"{connection.vendor} database"
        )
    if connection.introspection.table_names() and not args.replace:
        raise CommandError(
            "restore: the database holds tables; --replace replaces all of them"
        )
    if connection.vendor == "sqlite":
        _sqlite_restore(connection, source)
    else:
        # No session of ours may hold a lock on the tables pg_restore drops.
        connection.close()
        _pg_run(
            "pg_restore",
            [
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                str(source),
            ],
            connection.settings_dict,
        )
    print(f"restore: {source} restored; now run `homecoming ledger verify`")
    return 0


def _backup_kind(path: Path) -> str:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file (backup)") from None
    except OSError as exc:
        raise CommandError(f"{path}: cannot read the backup: {exc.strerror}") from None
    if head == SQLITE_MAGIC:
        return "sqlite"
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    raise CommandError(f"{path}: not a backup made by `homecoming backup`")


def _sqlite_backup(connection: Any, target: Path) -> None:
    connection.ensure_connection()
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    copy = sqlite3.connect(partial)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    partial.replace(target)


def _sqlite_restore(connection: Any, source: Path) -> None:
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        tables = {
            row[0]
            for row in backup.execute(
                "SELECT name FROM sqlite_master WHERE type='table'"
            )
        }
        if "django_migrations" not in tables:
            raise CommandError(f"{source}: not a Homecoming database (no migrations)")
        connection.ensure_connection()
        backup.backup(connection.connection)
    except sqlite3.DatabaseError as exc:
        raise CommandError(f"{source}: cannot read the backup: {exc}") from None
    finally:
        backup.close()


def _pg_run(tool: str, arguments: list[str], database: dict[str, Any]) -> None:
    """Run a PostgreSQL client tool on ``database``; the password goes by environment."""
    executable = shutil.which(tool)
    if executable is None:
        raise CommandError(f"{tool}: not found on PATH (install the PostgreSQL client)")
    command = [executable, *arguments]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            command.append(f"{option}={database[key]}")
    command.append(f"--dbname={database['NAME']}")
    environment = dict(os.environ)
    if database.get("PASSWORD"):
        environment["PGPASSWORD"] = str(database["PASSWORD"])
    finished = subprocess.run(  # noqa: S603 - fixed tool, arguments from settings
        command, env=environment, capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        last = (finished.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise CommandError(f"{tool} failed (exit {finished.returncode}): {last}")

"""``homecoming worker``: run background jobs (imports, reconciliation runs, plans,
notices) and the schedules (maintenance, ledger checkpoints), from the database queue.

``homecoming serve`` starts one beside the web server; a deployment that runs its web
servers apart starts as many workers as it wants with this command (docs/operators.md).
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from homecoming.commands import CommandError, setup_django

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "worker",
        help="run background jobs from the database queue",
        description=(
            "Run queued background jobs and the schedules: maintenance (purging old "
            "jobs, queueing again the jobs of a worker that died) and ledger "
            "checkpoints (every HOMECOMING_CHECKPOINT_EVERY seconds)."
        ),
    )
    parser.add_argument(
        "--interval",
        type=float,
        default=1.0,
        help="seconds between looks at an empty queue (default 1)",
    )
    parser.set_defaults(func=run)


def use_database_queue() -> None:
    """Make the database the task backend unless the environment chose one.

    Call before Django is set up: the web server and its worker must share a queue.
    """
    os.environ.setdefault("TASKS_BACKEND", DATABASE_BACKEND)


def run(args: argparse.Namespace) -> int:
    if not args.interval >= 0:
        raise CommandError(f"--interval {args.interval}: expected 0 or more seconds")
    use_database_queue()
    setup_django()
    from django.core.management import call_command

    from homecoming.apps.audit.tasks import checkpoint_task
    from homecoming.apps.jobs.tasks import maintenance_task
    from homecoming.commands.serve import migrate_if_needed

    migrate_if_needed()
    if not maintenance_task.get_backend().supports_defer:
        raise CommandError(
            f"TASKS_BACKEND={os.environ.get('TASKS_BACKEND')}: the worker needs a "
            f"queue backend ({DATABASE_BACKEND})"
        )
    maintenance_task.enqueue()  # at once, and then on its own schedule
    checkpoint_task.enqueue()  # likewise: a signed checkpoint every few minutes
    call_command("db_worker", interval=args.interval, verbosity=1)
    return 0

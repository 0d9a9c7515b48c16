"""``homecoming serve``: migrate the database if needed and serve the site with waitress,
with a background worker (``homecoming worker``) beside it unless ``--no-worker``."""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from homecoming.commands import CommandError, setup_django
from homecoming.commands.worker import use_database_queue


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="serve the site (migrating the database first if needed)",
        description="Serve Homecoming with waitress; applies pending migrations first.",
    )
    add_server_arguments(parser)
    parser.set_defaults(func=run)


def add_server_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument("--threads", type=int, default=8, help="worker threads")
    parser.add_argument(
        "--no-worker",
        dest="worker",
        action="store_false",
        help="do not start a background worker (one runs elsewhere)",
    )


def check_server_arguments(args: argparse.Namespace) -> None:
    """CommandError unless the options of :func:`add_server_arguments` make sense."""
    if not 0 < args.port < 65536:
        raise CommandError(f"--port {args.port} is not a TCP port (expected 1-65535)")
    if args.threads < 1:
        raise CommandError(f"--threads {args.threads}: expected 1 or more")


def migrate_if_needed(*, verbose: bool = True) -> bool:
    """Apply pending migrations; True if any were applied. Call after setup_django()."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not plan:
        return False
    if verbose:
        print(f"Applying {len(plan)} database migrations...", file=sys.stderr)
    call_command("migrate", interactive=False, verbosity=0)
    return True


@contextmanager
def background_worker(enabled: bool) -> Iterator[None]:
    """A ``homecoming worker`` process for as long as the server runs."""
    if not enabled:
        yield
        return
    worker = subprocess.Popen([sys.executable, "-m", "homecoming", "worker"])
    try:
        yield
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=10)
        except subprocess.TimeoutExpired:
            worker.kill()


def serve(
    *, host: str, port: int, threads: int = 8, banner: str = "", worker: bool = True
) -> None:
    """Serve the WSGI application until interrupted, printing the address first."""
    from waitress import serve as waitress_serve

    from homecoming.site.wsgi import application

    shown_host = f"[{host}]" if ":" in host else host
    print(f"Homecoming is serving at http://{shown_host}:{port}/", flush=True)
    if banner:
        print(banner, flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    with background_worker(worker):
        waitress_serve(application, **waitress_options(host, port, threads))


def waitress_options(host: str, port: int, threads: int) -> dict[str, Any]:
    """Waitress's options: it passes X-Forwarded-* on untouched (by default it drops
    them, so behind a proxy HTTPS was never seen: a redirect loop, or no HSTS), and
    ``homecoming.site.proxy`` believes them from ``HOMECOMING_TRUSTED_PROXY`` only."""
    return {
        "host": host,
        "port": port,
        "threads": threads,
        "ident": "homecoming",
        "clear_untrusted_proxy_headers": False,
    }


def run(args: argparse.Namespace) -> int:
    check_server_arguments(args)
    if args.worker:
        use_database_queue()
    setup_django()
    migrate_if_needed()
    serve(host=args.host, port=args.port, threads=args.threads, worker=args.worker)
    return 0

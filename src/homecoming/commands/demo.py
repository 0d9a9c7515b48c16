"""``homecoming demo [--seed N --persons N] [--serve]``: a ready-to-try installation.

Creates (or migrates) the SQLite database, loads the generated demo scenario once (two
parties, the mediator, an observer, their users, held and sought lists with custody
events; no real data), prints the demo logins, and with ``--serve`` serves the site. Run
again, it loads nothing twice and prints the same logins.

The demo password is generated per installation and kept in ``var/demo_password``
(readable by the owner only); it is printed on every run.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from pathlib import Path
from typing import Any

from homecoming.commands import CommandError, setup_django
from homecoming.commands.serve import (
    add_server_arguments,
    check_server_arguments,
    migrate_if_needed,
    serve,
)
from homecoming.commands.worker import use_database_queue


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="load the demo scenario (once) and optionally serve the site",
        description=(
            "Migrate the database, load a generated demo scenario of two parties, the "
            "mediator and an observer with users for every role, print the logins, "
            "and serve with --serve."
        ),
    )
    parser.add_argument("--seed", type=int, default=2025, help="scenario seed")
    parser.add_argument(
        "--persons",
        type=int,
        default=2000,
        metavar="N",
        help="persons held by each party (default 2000)",
    )
    parser.add_argument("--serve", action="store_true", help="serve after loading")
    add_server_arguments(parser)
    parser.set_defaults(func=run)


def demo_password(var_dir: Path) -> tuple[str, bool]:
    """This installation's demo password, and whether it was generated just now."""
    path = var_dir / "demo_password"
    if path.exists():
        return path.read_text().strip(), False
    var_dir.mkdir(parents=True, exist_ok=True)
    password = "demo-" + secrets.token_urlsafe(9)
    path.write_text(password + "\n")
    path.chmod(0o600)
    return password, True


def logins_banner(usernames: list[tuple[str, str]], password: str) -> str:
    width = max(len(name) for name, _ in usernames)
    lines = ["Demo logins (one password for all):"]
    lines += [f"  {name.ljust(width)}  {role}" for name, role in usernames]
    lines.append(f"  password: {password}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    if args.persons < 1 or args.persons > 200_000:
        raise CommandError(f"--persons {args.persons}: expected 1 to 200000")
    check_server_arguments(args)
    if args.serve and args.worker:
        use_database_queue()
    setup_django()
    from django.conf import settings

    from homecoming.apps.registry.demo import DEMO_USERS, demo_scenario_load

    migrate_if_needed()
    password, generated = demo_password(Path(settings.VAR_DIR))
    from tqdm import tqdm

    with tqdm(
        total=4, desc="demo lists", unit="list", file=sys.stderr, leave=False
    ) as bar:
        loaded = demo_scenario_load(
            seed=args.seed,
            persons_per_side=args.persons,
            password=password,
            reset_passwords=generated,
            progress=lambda _name: bar.update(),
        )
    if loaded:
        print(f"Demo scenario loaded: {loaded}.", file=sys.stderr)
    else:
        print("Demo scenario already loaded.", file=sys.stderr)
    banner = logins_banner(DEMO_USERS, password)
    if args.serve:
        serve(
            host=args.host,
            port=args.port,
            threads=args.threads,
            banner=banner,
            worker=args.worker,
        )
    else:
        print(banner)
    return 0

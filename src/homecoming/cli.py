"""The `homecoming` command line: one sub-command per module in `homecoming.commands`.

Each command module exposes ``register(subparsers)`` which adds its parser and sets
``func`` to a callable taking the parsed arguments and returning an exit code. Errors the
user can fix are raised as :class:`homecoming.commands.CommandError` and printed as one
line on stderr with exit status 2; nothing else is caught, so a bug still shows its trace.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from homecoming import __version__
from homecoming.commands import CommandError

# Imported lazily by name so that `homecoming --help` does not load Django, Splink or
# HiGHS. Order is the order shown in --help.
COMMAND_MODULES = (
    "serve",
    "worker",
    "demo",
    "import_list",
    "match",
    "plan",
    "keygen",
    "sign",
    "verify",
    "ledger",
    "backup",
    "manage",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="homecoming",
        description="Registry, reconciliation, planning and audit for prisoner exchanges.",
    )
    parser.add_argument("--version", action="version", version=__version__)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"homecoming.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"homecoming.commands.{name}":
                continue  # a command not built yet
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except CommandError as exc:
        print(f"homecoming {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"homecoming {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

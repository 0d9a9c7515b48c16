"""``homecoming manage ...``: Django's manage.py with Homecoming's settings."""

from __future__ import annotations

import argparse
import os
from typing import Any


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "manage",
        help="run a Django management command (migrate, createsuperuser, check ...)",
        description="Pass the remaining arguments to Django's manage.py.",
        add_help=False,
        # Every argument, options included, belongs to Django: none is ours to parse.
        prefix_chars="\x00",
    )
    parser.add_argument("arguments", nargs="*")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from django.core.management import execute_from_command_line

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homecoming.site.settings")
    execute_from_command_line(["homecoming manage", *args.arguments])
    return 0

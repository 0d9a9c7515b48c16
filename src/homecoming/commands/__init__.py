"""Sub-commands of the `homecoming` command line, one module each (see `homecoming.cli`).

A command module parses its arguments, calls one engine or service function, and prints.
It raises :class:`CommandError` with a one-line message naming the file, row and field
when the input is at fault.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class CommandError(Exception):
    """A problem with the user's input, reported as one line and exit status 2."""


def setup_django() -> None:
    """Configure Django for commands that use the service (import, demo, serve, ledger)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homecoming.site.settings")
    django.setup()


def read_json(path: Path, what: str) -> Any:
    """The JSON value in ``path``; CommandError naming the file, line and column otherwise."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file ({what})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: cannot read the {what}: {exc}") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CommandError(
            f"{path}: line {exc.lineno}, column {exc.colno}: the {what} is not JSON"
            f" ({exc.msg})"
        ) from None


def write_json(path: Path, value: Any) -> None:
    """Write ``value`` as indented UTF-8 JSON (letters kept as written, not escaped)."""
    try:
        path.write_text(
            json.dumps(value, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
    except OSError as exc:
        raise CommandError(f"{path}: cannot write ({exc.strerror})") from None

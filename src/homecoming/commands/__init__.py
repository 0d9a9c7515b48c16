"""Sub-commands of the `homecoming` command line, one module each (see `homecoming.cli`).

A command module parses its arguments, calls one engine or service function, and prints.
It raises :class:`CommandError` with a one-line message naming the file, row and field
when the input is at fault.
"""

from __future__ import annotations


class CommandError(Exception):
    """A problem with the user's input, reported as one line and exit status 2."""


def setup_django() -> None:
    """Configure Django for commands that use the service (import, demo, serve, ledger)."""
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "homecoming.site.settings")
    django.setup()

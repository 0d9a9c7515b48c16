"""``homecoming manage second_factor_reset USER``: a member lost their phone, key and
recovery codes. Removes every second factor of USER and ends their API tokens (one
ledger entry); at their next login a role that requires a second factor sets one up
again. Run by an operator of the server, as the system."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from homecoming.apps.accounts.actors import SYSTEM
from homecoming.apps.accounts.two_factor import second_factor_reset


class Command(BaseCommand):
    help = "Remove every second factor of a user and end their API tokens."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user named {options['username']!r}")
        removed = second_factor_reset(by=SYSTEM, user=user)
        self.stdout.write(
            f"Removed {removed} second factors of {user.get_username()}; "
            "their API tokens have ended."
        )

"""A ledger action for tests that append entries of their own, and actors for them.

Declaring the action registers it like any app's: entries written with it read as
"the system wrote a test note (…)" on pages and in the API.
"""

from __future__ import annotations

from homecoming.apps.accounts.actors import Actor
from homecoming.apps.audit.catalogue import LedgerAction

NOTE = LedgerAction("test.note", "{actor} wrote a test note ({s}).")


def acting_for(organisation_code: str | None) -> Actor:
    """The system writing on behalf of an organisation (its entries name that code)."""
    return Actor(is_system=True, organisation_code=organisation_code or "")


def member_of(code: str, kind: str = "party", role: str = "party_officer") -> Actor:
    """A member of an organisation as the ledger sees one (ids made up, no rows)."""
    return Actor(
        user_id=10_000 + sum(map(ord, code)),
        username=f"{code}.officer",
        organisation_id=20_000 + sum(map(ord, code)),
        organisation_code=code,
        organisation_kind=kind,
        role=role,
    )

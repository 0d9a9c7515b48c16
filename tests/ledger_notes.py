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


def forget_checkpoints() -> None:
    """Delete every checkpoint, the triggers stepped around (tests only).

    A test that commits (a live server, ``transaction=True``) leaves its checkpoints
    behind, since ``flush`` does not touch an append-only table, while the keys that
    signed them are flushed: later tests would verify a ledger whose checkpoints name
    keys nobody registered. Entries may stay (their key entries stay with them).
    """
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER USER")
            cursor.execute("DELETE FROM audit_checkpoint")
            cursor.execute("ALTER TABLE audit_checkpoint ENABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER IF EXISTS audit_checkpoint_no_delete")
            cursor.execute("DELETE FROM audit_checkpoint")
            cursor.execute(
                "CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON"
                " audit_checkpoint BEGIN SELECT RAISE(ABORT, 'checkpoints are"
                " append-only: DELETE refused'); END"
            )

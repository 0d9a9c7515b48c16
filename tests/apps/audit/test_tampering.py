"""An insider with write access to the database tampers with the stored ledger.

The engine's tamper suite (tests/engines/ledger/test_log_tampering.py) attacks ledgers in
memory; this one attacks the tables as a database administrator would, with the
append-only triggers switched off, on SQLite and PostgreSQL alike, and asks
``homecoming ledger verify``'s selector whether it notices, and where. Each attack runs in
the test's transaction, which rolls the triggers and the damage back.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.db import connection

from homecoming.apps.audit.models import LedgerEntry, LedgerHead, PartyKey
from homecoming.apps.audit.selectors import ledger_verification, record_of
from homecoming.apps.audit.services import (
    checkpoint_sign,
    ledger_append,
    party_key_register,
    party_key_revoke,
    visible_to_key,
)
from homecoming.engines.ledger import Frontier, generate_private_key, public_key_text
from tests.ledger_notes import NOTE, acting_for

pytestmark = pytest.mark.django_db

TABLES = ("audit_ledgerentry", "audit_ledgerhead")


@pytest.fixture
def insider():
    """The append-only triggers off for this test (its transaction restores them)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in TABLES:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                " AND tbl_name IN ('audit_ledgerentry', 'audit_ledgerhead')"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER {name}")
    return connection


def _append(n, organisation="ua"):
    return [
        ledger_append(by=acting_for(organisation), action=NOTE, data={"s": f"n{i}"})
        for i in range(n)
    ]


def _sql(statement, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _first_problem():
    report = ledger_verification()
    assert not report.ok, "the tampering went unnoticed"
    return report.first_problem


def _rehash_from(seq):
    """What a careful insider does after a change: every hash from ``seq`` on, and the
    head, recomputed so that the tables agree with themselves."""
    entries = list(LedgerEntry.objects.order_by("seq"))
    frontier = Frontier()
    for entry in entries:
        if entry.seq >= seq:
            leaf = record_of(entry).leaf_hash()
        else:
            leaf = bytes.fromhex(entry.leaf_hash)
        frontier = frontier.append(leaf)
        if entry.seq >= seq:
            _sql(
                "UPDATE audit_ledgerentry SET leaf_hash = %s, tree_root = %s,"
                " visible_to = %s WHERE seq = %s",
                [
                    leaf.hex(),
                    frontier.root().hex(),
                    visible_to_key(entry.organisation, entry.audience),
                    entry.seq,
                ],
            )
    _sql(
        "UPDATE audit_ledgerhead SET size = %s, frontier = %s, root = %s WHERE id = 1",
        [frontier.size, json.dumps(frontier.to_hex()), frontier.root().hex()],
    )


def test_an_honest_ledger_verifies(mediator):
    _append(5)
    checkpoint_sign(by=acting_for("icrc"))
    _append(3)
    assert ledger_verification().ok


def test_changed_data_is_caught_at_its_entry(insider):
    entries = _append(5)
    _sql(
        "UPDATE audit_ledgerentry SET data = %s WHERE seq = %s",
        [json.dumps({"s": "forged"}), entries[2].seq],
    )
    assert _first_problem().seq == entries[2].seq


def test_a_changed_visibility_is_caught_at_its_entry(insider):
    entries = _append(4)
    _sql(
        "UPDATE audit_ledgerentry SET visible_to = %s WHERE seq = %s",
        ["|ru|ua|", entries[1].seq],
    )
    problem = _first_problem()
    assert problem.seq == entries[1].seq and "visibility" in problem.message


def test_a_deleted_tail_after_the_last_checkpoint_is_caught_by_the_head(
    insider, mediator
):
    _append(3)
    checkpoint_sign(by=acting_for("icrc"))
    tail = _append(2)
    _sql("DELETE FROM audit_ledgerentry WHERE seq >= %s", [tail[0].seq])
    assert "head" in _first_problem().message


def test_a_truncation_with_its_head_rewritten_is_caught_by_a_stored_checkpoint(
    insider, mediator
):
    checkpoint_sign(by=acting_for("icrc"))  # registers the checkpoint key first
    entries = _append(6)
    checkpoint_sign(by=acting_for("icrc"))
    _sql("DELETE FROM audit_ledgerentry WHERE seq >= %s", [entries[3].seq])
    _rehash_from(entries[3].seq)
    assert LedgerHead.objects.get(pk=1).size == entries[2].seq
    problem = _first_problem()
    assert problem.checkpoint_size is not None


def test_a_rewritten_entry_rehashed_behind_the_head_is_caught_by_a_checkpoint(
    insider, mediator
):
    entries = _append(5)
    checkpoint_sign(by=acting_for("icrc"))
    _sql(
        "UPDATE audit_ledgerentry SET data = %s WHERE seq = %s",
        [json.dumps({"s": "forged"}), entries[1].seq],
    )
    _rehash_from(entries[1].seq)
    assert not ledger_verification().ok


def test_two_entries_swapped_and_rehashed_are_caught_by_their_times(insider):
    entries = _append(4)
    first, second = entries[1], entries[2]
    _sql(
        "UPDATE audit_ledgerentry SET time = %s WHERE seq = %s",
        [second.time + dt.timedelta(seconds=1), first.seq],
    )
    _rehash_from(first.seq)
    problem = _first_problem()
    assert problem.seq == second.seq and "before" in problem.message


def test_an_entry_deleted_from_the_middle_is_caught_where_the_gap_is(insider):
    entries = _append(5)
    _sql("DELETE FROM audit_ledgerentry WHERE seq = %s", [entries[2].seq])
    assert _first_problem().seq == entries[2].seq


def test_an_old_entry_replayed_at_the_end_is_caught_at_its_place(insider):
    entries = _append(3)
    columns = [f.column for f in LedgerEntry._meta.concrete_fields if f.column != "seq"]
    listed = ", ".join(columns)
    _sql(
        f"INSERT INTO audit_ledgerentry (seq, {listed})"  # noqa: S608 (our columns)
        f" SELECT %s, {listed} FROM audit_ledgerentry WHERE seq = %s",
        [entries[-1].seq + 1, entries[0].seq],
    )
    _sql("UPDATE audit_ledgerhead SET size = size + 1 WHERE id = 1")
    assert _first_problem().seq == entries[-1].seq + 1


def test_a_revoked_key_set_active_again_in_the_key_table_is_caught(a_admin):
    from homecoming.apps.accounts.actors import actor_for

    private_key = generate_private_key()
    key = party_key_register(
        by=actor_for(a_admin), public_key=public_key_text(private_key.public_key())
    )
    party_key_revoke(by=actor_for(a_admin), key=key, reason="laptop lost")
    assert ledger_verification().ok
    PartyKey.objects.filter(pk=key.pk).update(status="active", revoked_at=None)
    assert not ledger_verification().ok

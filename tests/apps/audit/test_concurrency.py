"""Appends from concurrent transactions get gapless, unique sequence numbers (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections, transaction

from homecoming.apps.audit.models import LedgerEntry, LedgerHead
from homecoming.apps.audit.services import ledger_append
from homecoming.engines.ledger import tree_root
from tests.ledger_notes import NOTE, acting_for

WORKERS, EACH = 4, 15


@pytest.mark.django_db(transaction=True)
def test_concurrent_appends_are_gapless_and_the_tree_still_adds_up():
    if connection.vendor != "postgresql":
        pytest.skip(
            "concurrent writers need PostgreSQL (SQLite serialises them anyway)"
        )
    start = LedgerHead.objects.get(pk=1).size
    errors = []

    def worker(number):
        try:
            for i in range(EACH):
                with transaction.atomic():
                    ledger_append(
                        by=acting_for("ua"),
                        action=NOTE,
                        data={"worker": number, "i": i},
                    )
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    seqs = list(
        LedgerEntry.objects.filter(seq__gt=start)
        .order_by("seq")
        .values_list("seq", flat=True)
    )
    assert seqs == list(range(start + 1, start + 1 + WORKERS * EACH))
    leaves = [
        bytes.fromhex(h)
        for h in LedgerEntry.objects.order_by("seq").values_list("leaf_hash", flat=True)
    ]
    assert LedgerHead.objects.get(pk=1).root == tree_root(leaves).hex()

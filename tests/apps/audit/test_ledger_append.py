"""Appending to the ledger: gapless, hashed as the engine says, refused to change."""

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction

from homecoming.apps.audit.models import LedgerEntry, LedgerHead
from homecoming.apps.audit.selectors import LedgerViewer, ledger_entries_visible_to
from homecoming.apps.audit.services import ledger_append
from homecoming.engines.ledger import LedgerRecord, tree_root

pytestmark = pytest.mark.django_db


def _record_of(entry: LedgerEntry) -> LedgerRecord:
    return LedgerRecord(
        seq=entry.seq,
        time=entry.time,
        actor_id=entry.actor_id,
        actor=entry.actor,
        organisation=entry.organisation,
        action=entry.action,
        subject_type=entry.subject_type,
        subject_id=entry.subject_id,
        data=entry.data,
        audience=tuple(entry.audience),
    )


def test_appended_entries_are_numbered_without_gaps_and_hashed_as_stored():
    # given an empty ledger
    start = LedgerHead.objects.get(pk=1).size
    user = get_user_model().objects.create_user("officer.ua", password="x" * 16)
    # when three entries are appended, one with Cyrillic data
    with transaction.atomic():
        for i in range(3):
            ledger_append(
                actor=user,
                action="person.register",
                organisation="ua",
                subject=user,
                data={"surname": "ШЕВЧЕНКО", "n": i, "when": "1990-05-17"},
                audience=["ru"] if i == 1 else [],
            )
    # then seq runs on from the head, and every stored hash is what the engine computes
    entries = list(LedgerEntry.objects.order_by("seq"))
    assert [e.seq for e in entries][-3:] == [start + 1, start + 2, start + 3]
    for entry in entries:
        assert entry.leaf_hash == _record_of(entry).leaf_hash().hex()
    leaves = [bytes.fromhex(e.leaf_hash) for e in entries]
    head = LedgerHead.objects.get(pk=1)
    assert head.size == len(entries)
    assert head.root == tree_root(leaves).hex() == entries[-1].tree_root
    assert entries[-1].actor == "officer.ua"
    assert entries[-1].subject_type == "auth.user"


def test_system_entry_has_no_actor():
    entry = ledger_append(actor=None, action="system.start", organisation=None)
    assert entry.actor_id is None
    assert entry.actor == ""
    assert entry.organisation == ""


def test_database_refuses_to_update_a_ledger_entry():
    entry = ledger_append(actor=None, action="x.y", organisation="ua", data={"a": 1})
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(seq=entry.seq).update(action="x.z")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "UPDATE audit_ledgerentry SET data = '{}' WHERE seq = %s", [entry.seq]
        )
    assert LedgerEntry.objects.get(seq=entry.seq).action == "x.y"


def test_database_refuses_to_delete_a_ledger_entry():
    entry = ledger_append(actor=None, action="x.y", organisation="ua")
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(seq=entry.seq).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM audit_ledgerentry")
    assert LedgerEntry.objects.filter(seq=entry.seq).exists()


def test_a_party_sees_its_own_and_shared_entries_the_mediator_all_observers_none():
    # given entries of two parties, one shared with the other party
    own = ledger_append(actor=None, action="list.import", organisation="ua")
    shared = ledger_append(
        actor=None, action="proposal.create", organisation="ua", audience=["ru"]
    )
    other = ledger_append(actor=None, action="list.import", organisation="ru")
    mediator = ledger_append(actor=None, action="run.decide", organisation="icrc")
    ids = {own.seq, shared.seq, other.seq, mediator.seq}

    def seen(viewer):
        return {e.seq for e in ledger_entries_visible_to(viewer=viewer) if e.seq in ids}

    # then each viewer sees what DESIGN.md section 4 says
    assert seen(LedgerViewer("ua", "party")) == {own.seq, shared.seq}
    assert seen(LedgerViewer("ru", "party")) == {shared.seq, other.seq}
    assert seen(LedgerViewer("icrc", "mediator")) == ids
    assert seen(LedgerViewer("obs", "observer")) == set()
    assert seen(None) == set()


def test_a_party_code_that_is_a_prefix_of_another_sees_only_its_own():
    ledger_append(actor=None, action="a.b", organisation="ua2")
    assert not ledger_entries_visible_to(viewer=LedgerViewer("ua", "party")).filter(
        organisation="ua2"
    )


def test_history_of_one_subject_lists_only_its_entries():
    user_model = get_user_model()
    a = user_model.objects.create_user("a", password="x" * 16)
    b = user_model.objects.create_user("b", password="x" * 16)
    ledger_append(actor=None, action="user.create", organisation="ua", subject=a)
    ledger_append(actor=None, action="user.create", organisation="ua", subject=b)
    history = ledger_entries_visible_to(viewer=LedgerViewer("ua", "party"), subject=a)
    assert [e.subject_id for e in history] == [str(a.pk)]

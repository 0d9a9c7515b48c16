"""Appending to the ledger: gapless, hashed as the engine says, refused to change."""

import pytest
from django.contrib.auth import get_user_model
from django.db import DatabaseError, connection, transaction

from homecoming.apps.accounts.actors import NOBODY, SYSTEM, Actor
from homecoming.apps.audit.models import LedgerEntry, LedgerHead
from homecoming.apps.audit.selectors import ledger_entries_for
from homecoming.apps.audit.services import ledger_append
from homecoming.engines.ledger import LedgerRecord, tree_root
from tests.ledger_notes import NOTE, acting_for, member_of

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
                by=Actor(
                    user_id=user.pk,
                    username=user.get_username(),
                    organisation_code="ua",
                ),
                action=NOTE,
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
    entry = ledger_append(by=SYSTEM, action=NOTE)
    assert entry.actor_id is None
    assert entry.actor == ""
    assert entry.organisation == ""


def test_a_clock_set_back_never_dates_an_entry_before_its_predecessor(monkeypatch):
    import datetime as dt

    from django.utils import timezone

    from homecoming.apps.audit.selectors import ledger_verification

    first = ledger_append(by=SYSTEM, action=NOTE)
    an_hour_ago = first.time - dt.timedelta(hours=1)
    monkeypatch.setattr(timezone, "now", lambda: an_hour_ago)
    second = ledger_append(by=SYSTEM, action=NOTE)
    assert second.time == first.time
    assert ledger_verification().ok, ledger_verification().problems


def test_database_refuses_to_update_a_ledger_entry():
    entry = ledger_append(by=acting_for("ua"), action=NOTE, data={"a": 1})
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(seq=entry.seq).update(action="x.z")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "UPDATE audit_ledgerentry SET data = '{}' WHERE seq = %s", [entry.seq]
        )
    assert LedgerEntry.objects.get(seq=entry.seq).action == NOTE.code


def test_database_refuses_to_delete_a_ledger_entry():
    entry = ledger_append(by=acting_for("ua"), action=NOTE)
    with pytest.raises(DatabaseError), transaction.atomic():
        LedgerEntry.objects.filter(seq=entry.seq).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute("DELETE FROM audit_ledgerentry")
    assert LedgerEntry.objects.filter(seq=entry.seq).exists()


def test_a_party_sees_its_own_and_shared_entries_the_mediator_all_observers_none():
    # given entries of two parties, one shared with the other party
    own = ledger_append(by=acting_for("ua"), action=NOTE)
    shared = ledger_append(by=acting_for("ua"), action=NOTE, audience=["ru"])
    other = ledger_append(by=acting_for("ru"), action=NOTE)
    mediator = ledger_append(by=acting_for("icrc"), action=NOTE)
    ids = {own.seq, shared.seq, other.seq, mediator.seq}

    def seen(by):
        return {e.seq for e in ledger_entries_for(by=by) if e.seq in ids}

    # then each caller sees what DESIGN.md section 4 says
    assert seen(member_of("ua")) == {own.seq, shared.seq}
    assert seen(member_of("ru")) == {shared.seq, other.seq}
    assert seen(member_of("icrc", "mediator", "mediator_officer")) == ids
    assert seen(member_of("obs", "observer", "observer")) == set()
    assert seen(NOBODY) == set()


def test_a_party_code_that_is_a_prefix_of_another_sees_only_its_own():
    ledger_append(by=acting_for("ua2"), action=NOTE)
    assert not ledger_entries_for(by=member_of("ua")).filter(organisation="ua2")


def test_history_of_one_subject_lists_only_its_entries():
    user_model = get_user_model()
    a = user_model.objects.create_user("a", password="x" * 16)
    b = user_model.objects.create_user("b", password="x" * 16)
    ledger_append(by=acting_for("ua"), action=NOTE, subject=a)
    ledger_append(by=acting_for("ua"), action=NOTE, subject=b)
    history = ledger_entries_for(by=member_of("ua"), subject=a)
    assert [e.subject_id for e in history] == [str(a.pk)]

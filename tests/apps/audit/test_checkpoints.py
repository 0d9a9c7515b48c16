"""Checkpoints signed by the mediator's server key, and consistency proofs from old ones."""

import os
import stat

import pytest

from homecoming.apps.accounts.actors import NOBODY, SYSTEM, actor_for
from homecoming.apps.audit.models import Checkpoint, LedgerEntry, PartyKey
from homecoming.apps.audit.selectors import (
    checkpoints_for,
    ledger_consistency_for,
    ledger_verification,
    ledger_verification_for,
    signed_checkpoint_of,
)
from homecoming.apps.audit.services import (
    checkpoint_sign,
    ledger_append,
)
from homecoming.apps.audit.signing import checkpoint_key_path
from homecoming.engines.ledger import verify_checkpoint
from homecoming.refusals import Hidden, Refused, Rejected
from tests.ledger_notes import NOTE, acting_for

pytestmark = pytest.mark.django_db


def _append(n, organisation="ua"):
    for i in range(n):
        ledger_append(by=acting_for(organisation), action=NOTE, data={"i": i})


def test_the_mediator_signs_a_checkpoint_with_a_registered_server_key(mediator_officer):
    # given some entries
    _append(3)
    # when the mediator asks for a checkpoint
    checkpoint = checkpoint_sign(by=actor_for(mediator_officer))
    # then it covers the whole ledger and verifies with the registered mediator key
    assert checkpoint.size == LedgerEntry.objects.count()
    key = PartyKey.objects.get(key_id=checkpoint.key_id)
    assert key.organisation == "icrc" and key.is_checkpoint_key
    from homecoming.apps.audit.selectors import key_ring

    verdict = verify_checkpoint(
        signed_checkpoint_of(checkpoint), key_ring(), operator="icrc"
    )
    assert verdict.intact
    # and the key file was created for the owner only
    mode = stat.S_IMODE(os.stat(checkpoint_key_path()).st_mode)
    assert mode == 0o600


def test_a_party_cannot_sign_a_checkpoint_but_the_system_can(a_officer, mediator):
    with pytest.raises(Refused):
        checkpoint_sign(by=actor_for(a_officer))
    assert checkpoint_sign(by=SYSTEM, reason="stage closure").reason == "stage closure"


def test_signing_again_without_new_entries_signs_a_fresh_time_on_the_same_root(
    mediator_officer,
):
    first = checkpoint_sign(by=actor_for(mediator_officer))
    again = checkpoint_sign(by=actor_for(mediator_officer))
    assert again.pk != first.pk
    assert (again.size, again.root_hash) == (first.size, first.root_hash)
    assert again.time >= first.time
    _append(1)
    assert checkpoint_sign(by=actor_for(mediator_officer)).size == first.size + 1


def test_the_schedule_signs_a_checkpoint_and_a_clock_set_back_keeps_time_forward(
    mediator, monkeypatch
):
    import datetime as dt

    from django.utils import timezone

    from homecoming.apps.audit.tasks import checkpoint_task

    _append(2)
    done = checkpoint_task.call()
    first = Checkpoint.objects.get(pk=done["checkpoint_id"])
    assert first.size == LedgerEntry.objects.count() and first.reason == "schedule"
    earlier = first.time - dt.timedelta(hours=2)
    monkeypatch.setattr(timezone, "now", lambda: earlier)
    second = Checkpoint.objects.get(pk=checkpoint_task.call()["checkpoint_id"])
    assert second.time == first.time


def test_every_member_sees_checkpoints_and_no_one_else(
    a_officer, b_officer, mediator_officer, observer, django_user_model
):
    checkpoint_sign(by=actor_for(mediator_officer))
    stranger = django_user_model.objects.create_user("stranger", password="x" * 16)
    for user in (a_officer, b_officer, mediator_officer, observer):
        assert checkpoints_for(by=actor_for(user)).count() == 1
    assert checkpoints_for(by=actor_for(stranger)).count() == 0
    assert checkpoints_for(by=NOBODY).count() == 0


def test_a_party_that_kept_an_old_checkpoint_gets_a_proof_that_the_log_only_grew(
    a_officer, mediator_officer
):
    # given a checkpoint the party kept
    _append(5)
    kept = checkpoint_sign(by=actor_for(mediator_officer))
    # when the ledger grows and a new checkpoint is signed
    _append(7, organisation="ru")
    new = checkpoint_sign(by=actor_for(mediator_officer))
    # then the proof from the kept checkpoint to the new one holds for the kept root
    answer = ledger_consistency_for(by=actor_for(a_officer), old_size=kept.size)
    assert answer.new_size == new.size
    assert answer.new_checkpoint == new
    assert answer.consistent_with(kept.root_hash)
    assert not answer.consistent_with("00" * 32)


def test_consistency_for_a_size_the_log_does_not_have_is_not_found(
    a_officer, mediator_officer
):
    _append(2)
    checkpoint_sign(by=actor_for(mediator_officer))
    with pytest.raises((Hidden, Rejected)):
        ledger_consistency_for(by=actor_for(a_officer), old_size=10_000)
    with pytest.raises((Hidden, Rejected)):
        ledger_consistency_for(by=NOBODY, old_size=0)


def test_verification_of_an_untouched_ledger_finds_nothing(
    mediator_officer, observer, a_officer
):
    _append(4)
    checkpoint_sign(by=actor_for(mediator_officer))
    _append(2)
    checkpoint_sign(by=actor_for(mediator_officer))
    report = ledger_verification_for(by=actor_for(observer))
    assert report.ok, report.problems
    assert report.checkpoints_checked == Checkpoint.objects.count() == 2
    with pytest.raises((Hidden, Rejected)):
        ledger_verification_for(by=actor_for(a_officer))


def test_verification_names_the_first_altered_entry(mediator_officer, settings):
    # given a ledger whose row 3 was altered behind the triggers' back
    _append(5)
    checkpoint_sign(by=actor_for(mediator_officer))
    target = LedgerEntry.objects.order_by("seq")[2].seq
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_ledgerentry_no_update")
            cursor.execute(
                "UPDATE audit_ledgerentry SET action = 'forged' WHERE seq = %s",
                [target],
            )
        else:
            cursor.execute("ALTER TABLE audit_ledgerentry DISABLE TRIGGER USER")
            cursor.execute(
                "UPDATE audit_ledgerentry SET action = 'forged' WHERE seq = %s",
                [target],
            )
            cursor.execute("ALTER TABLE audit_ledgerentry ENABLE TRIGGER USER")
    # when the ledger is verified
    report = ledger_verification()
    # then the first problem names that entry, and the checkpoint no longer matches
    assert report.first_problem.seq == target
    assert any(p.checkpoint_size is not None for p in report.problems)


def _rewrite_history(seq, **changes):
    """What an operator with full database access could do: change an entry and re-hash
    everything after it, head included, so the ledger verifies on its own again."""
    from django.db import connection

    from homecoming.apps.audit.models import LedgerHead
    from homecoming.apps.audit.selectors import record_of
    from homecoming.engines.ledger import Frontier, LedgerRecord

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_ledgerentry_no_update")
        else:
            cursor.execute("ALTER TABLE audit_ledgerentry DISABLE TRIGGER USER")
    frontier = Frontier()
    for entry in LedgerEntry.objects.order_by("seq"):
        record = record_of(entry)
        if entry.seq == seq:
            fields = {name: getattr(record, name) for name in record.__slots__}
            record = LedgerRecord(**{**fields, **changes})
        frontier = frontier.append(record.leaf_hash())
        LedgerEntry.objects.filter(seq=entry.seq).update(
            data=record.payload()["data"],
            leaf_hash=record.leaf_hash().hex(),
            tree_root=frontier.root().hex(),
        )
    LedgerHead.objects.filter(pk=1).update(
        frontier=frontier.to_hex(), root=frontier.root().hex()
    )


def test_a_rewritten_history_passes_the_servers_own_check_but_not_a_kept_checkpoint(
    a_officer, mediator_officer
):
    # given a checkpoint party A kept
    _append(6)
    kept = checkpoint_sign(by=actor_for(mediator_officer))
    # when the operator rewrites entry 3's data, re-hashes everything and signs anew
    target = LedgerEntry.objects.order_by("seq")[2].seq
    _rewrite_history(target, data={"i": 99})
    _append(2)
    checkpoint_sign(by=actor_for(mediator_officer))
    # then the new checkpoint's proof does not tie it to the root A kept
    answer = ledger_consistency_for(by=actor_for(a_officer), old_size=kept.size)
    assert answer.old_root != kept.root_hash
    assert not answer.consistent_with(kept.root_hash)
    # and the server's own re-computation still notices the old checkpoint no longer fits
    report = ledger_verification()
    assert any(p.checkpoint_size == kept.size for p in report.problems)


def test_the_database_refuses_to_change_or_delete_a_checkpoint(mediator):
    from django.db import DatabaseError, transaction

    checkpoint = checkpoint_sign(by=SYSTEM)
    for attempt in (
        lambda: Checkpoint.objects.filter(pk=checkpoint.pk).update(root_hash="0" * 64),
        lambda: Checkpoint.objects.filter(pk=checkpoint.pk).delete(),
    ):
        with pytest.raises(DatabaseError), transaction.atomic():
            attempt()
    assert Checkpoint.objects.get(pk=checkpoint.pk).root_hash == checkpoint.root_hash

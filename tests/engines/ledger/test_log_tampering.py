"""Any tampering with the stored log is caught, by re-computation or by a kept checkpoint.

Two attackers are modelled. The naive one changes stored rows and leaves the stored hashes
alone: :func:`verify_log` catches it. The careful one also re-computes every hash and root
(and renumbers entries) so that the log is self-consistent: then the checkpoint a party
kept from before, and the consistency proof the server must give from it, catch it.
"""

import dataclasses
import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from homecoming.engines.ledger import (
    Checkpoint,
    LedgerError,
    LedgerRecord,
    ProofError,
    StoredEntry,
    canonical_json,
    checkpoints_consistent,
    consistency_proof,
    generate_private_key,
    verify_log,
)

from .ledgers import (
    MEDIATOR_KEY,
    ORIGIN,
    checkpoint_of,
    honest_records,
    key_table,
    renumbered,
    store,
)


def verify(stored, checkpoints=(), head=None, keys=None):
    return verify_log(
        stored, checkpoints, keys or key_table(), operator="icrc", head=head
    )


def to_rows(stored):
    return [
        canonical_json(
            {
                "entry": s.record.payload(),
                "leaf_hash": s.leaf_hash,
                "tree_root": s.tree_root,
                "visible_to": s.visible_to,
            }
        )
        for s in stored
    ]


def from_rows(rows):
    stored = []
    for row in rows:
        value = json.loads(row.decode("utf-8"))
        record = LedgerRecord.from_payload(value["entry"])
        stored.append(
            StoredEntry(
                record, value["leaf_hash"], value["tree_root"], value["visible_to"]
            )
        )
    return stored


@st.composite
def tampering(draw, rows):
    """A single-byte change, deletion, insertion, reordering or truncation of ``rows``."""
    n = len(rows)
    kind = draw(st.sampled_from(["byte", "delete", "insert", "swap", "truncate"]))
    rows = list(rows)
    if kind == "byte":
        i = draw(st.integers(0, n - 1))
        raw = bytearray(rows[i])
        j = draw(st.integers(0, len(raw) - 1))
        raw[j] = draw(st.integers(0, 255).filter(lambda b: b != raw[j]))
        rows[i] = bytes(raw)
    elif kind == "delete":
        del rows[draw(st.integers(0, n - 1))]
    elif kind == "insert":  # anywhere before the end: appending is not tampering
        rows.insert(draw(st.integers(0, n - 1)), rows[draw(st.integers(0, n - 1))])
    elif kind == "swap":
        i = draw(st.integers(0, n - 2))
        j = draw(st.integers(i + 1, n - 1))
        rows[i], rows[j] = rows[j], rows[i]
    else:
        rows = rows[: draw(st.integers(0, n - 1))]
    return kind, rows


def kept_checkpoint_catches(kept, records):
    """The careful attacker's rewritten log, checked against the party's kept checkpoint."""
    stored, head = store(renumbered(records))
    leaves = [bytes.fromhex(s.leaf_hash) for s in stored]
    current = Checkpoint(ORIGIN, head.size, head.root_hash)
    try:
        proof = consistency_proof(leaves, kept.size)
    except ProofError:
        return True  # the log is now shorter than what the party saw
    return not checkpoints_consistent(kept, current, proof)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_tampering_is_detected_by_verification_or_a_kept_checkpoint(data):
    # given a log of n entries, its head, and the signed checkpoint a party kept at its end
    n = data.draw(st.integers(min_value=3, max_value=24))
    records = honest_records(n, signature_at={n // 2 + 1})
    stored, head = store(records)
    kept = checkpoint_of(records, n)
    rows = to_rows(stored)
    assert verify(from_rows(rows), [kept], head).ok
    # when the stored rows are tampered with
    _kind, tampered = data.draw(tampering(rows))
    # then the naive attacker is caught by re-computing the log ...
    try:
        tampered_entries = from_rows(tampered)
    except (LedgerError, ValueError, KeyError, TypeError, UnicodeDecodeError):
        return  # the rows no longer even read as ledger entries
    report = verify(tampered_entries, [kept], head)
    assert not report.ok
    # ... and the careful one, who re-computes every hash, by the kept checkpoint
    # (a rewrite that merely extends what the party saw, such as a duplicate of the last
    # entry inserted just before it, is an append, which the log allows)
    tampered_records = [s.record for s in tampered_entries]
    rewritten = renumbered(tampered_records)
    seen = [r.payload() for r in renumbered(records)]
    if [r.payload() for r in rewritten[:n]] != seen:
        assert kept_checkpoint_catches(kept.checkpoint, tampered_records)


def test_first_inconsistency_is_reported_with_its_seq():
    records = honest_records(10)
    stored, head = store(records)
    changed = dataclasses.replace(records[6], data={"surname": "ІНШИЙ"})
    stored[6] = dataclasses.replace(stored[6], record=changed)
    report = verify(stored, head=head)
    assert report.first_problem.seq == 7
    assert report.first_problem.message.startswith("entry 7: ")
    assert len(report.problems) == 1


def test_an_untampered_log_with_checkpoints_along_the_way_verifies():
    records = honest_records(40, signature_at={9, 30})
    stored, head = store(records)
    checkpoints = [checkpoint_of(records, size) for size in (2, 17, 32, 40)]
    report = verify(stored, checkpoints, head)
    assert report.ok, report.problems
    assert (report.size, report.checkpoints_checked) == (40, 4)


def test_a_deleted_tail_after_the_last_checkpoint_is_caught_by_the_head():
    # given a log checkpointed at 10 that grew to 14
    records = honest_records(14)
    stored, head = store(records)
    # when entries 12..14 are deleted (the head row left as it was)
    report = verify(stored[:11], [checkpoint_of(records, 10)], head)
    # then the stored head names the first missing entry
    assert report.first_problem.seq == 12
    assert "entries 12..14 were removed" in report.first_problem.message


def test_an_entry_rewritten_and_rehashed_behind_the_head_is_located_by_its_frontier():
    # given a log whose head row was written at 13 entries
    records = honest_records(13)
    _, head = store(records)
    # when entry 11 is rewritten and every hash after it recomputed, the head untouched
    rewritten = list(records)
    rewritten[10] = dataclasses.replace(records[10], data={"surname": "ПІДРОБКА"})
    stored, _ = store(rewritten)
    report = verify(stored, head=head)
    # then the head disagrees, within the subtree that holds entries 9..12
    assert not report.ok
    assert report.first_problem.seq == 9
    assert "within entries 9..12" in report.first_problem.message


def test_a_changed_visibility_is_caught_at_its_entry():
    records = honest_records(8)
    stored, head = store(records)
    # entry 4 is party A's own; shown to the other party too
    stored[3] = dataclasses.replace(stored[3], visible_to="|ru|ua|")
    report = verify(stored, head=head)
    assert report.first_problem.seq == 4
    assert "visibility" in report.first_problem.message


def test_a_key_registered_after_the_entries_it_signed_is_caught():
    # given a careful rewrite that records a party signature (entry 4) before the
    # party's key is registered (moved to entry 6)
    records = honest_records(8, signature_at={4})
    moved = renumbered([records[0], *records[2:5], records[1], *records[5:]])
    stored, head = store(moved)
    report = verify(stored, head=head)
    assert report.first_problem.seq == 3
    assert "which no earlier entry registers" in report.first_problem.message


def test_a_signature_by_a_revoked_key_is_caught():
    from .ledgers import PARTY_KEY, key_entry, signature_entry

    records = honest_records(5)
    records.append(key_entry(6, PARTY_KEY, "ua", action="key.revoke", owner="ua"))
    records.append(signature_entry(7, PARTY_KEY))
    stored, head = store(records)
    report = verify(stored, head=head, keys=key_table_with_party_status("revoked"))
    assert report.first_problem.seq == 7
    assert "revoked at entry 6" in report.first_problem.message


def key_table_with_party_status(status):
    from .ledgers import PARTY_KEY, trusted

    return key_table(trusted(PARTY_KEY, "ua", status))


def test_a_revoked_key_set_active_again_in_the_key_table_is_caught():
    from .ledgers import PARTY_KEY, key_entry

    # given a ledger that revokes the party's key
    records = honest_records(5)
    records.append(key_entry(6, PARTY_KEY, "ua", action="key.revoke", owner="ua"))
    stored, head = store(records)
    # when the key table says the key is active
    report = verify(stored, head=head, keys=key_table())
    # then the table's claim is refused, naming the revoking entry
    assert any(
        "is active; the ledger has it revoked (entry 6)" in p.message
        for p in report.problems
    )


def test_a_checkpoint_key_handed_to_another_party_in_the_table_is_caught():
    from .ledgers import trusted

    records = honest_records(6)
    stored, head = store(records)
    table = key_table(trusted(MEDIATOR_KEY, "ua"))
    report = verify(stored, [checkpoint_of(records, 6)], head, keys=table)
    assert any(
        "gives key" in p.message and "to ua" in p.message for p in report.problems
    )


def test_a_checkpoint_signed_with_a_key_registered_after_its_size_is_caught():
    # the mediator's key registered only at entry 3 (after the person at entry 1, 2)
    records = honest_records(6)
    moved = renumbered([records[2], records[3], records[0], records[1], *records[4:]])
    stored, head = store(moved)
    report = verify(stored, [checkpoint_of(moved, 2)], head)
    assert any(
        p.checkpoint_size == 2 and "registers only at entry 3" in p.message
        for p in report.problems
    )


def test_a_replayed_old_checkpoint_signed_as_new_is_caught():
    # given a log of 9 entries, and a checkpoint of size 5 signed after entry 6 existed
    records = honest_records(9)
    stored, head = store(records)
    replayed = checkpoint_of(
        records, 5, moment=records[7].time + dt.timedelta(seconds=1)
    )
    report = verify(stored, [checkpoint_of(records, 9), replayed], head)
    assert [p.checkpoint_size for p in report.problems] == [5]
    assert "an old tree head signed as new" in report.problems[0].message


def test_a_backdated_checkpoint_is_caught():
    records = honest_records(9)
    stored, head = store(records)
    backdated = checkpoint_of(records, 7, moment=records[2].time)
    report = verify(stored, [backdated], head)
    assert "before its last entry was written" in report.first_problem.message


def test_a_clock_moved_backwards_is_caught_at_the_first_earlier_entry():
    records = honest_records(9)
    records[6] = dataclasses.replace(records[6], time=records[3].time)
    stored, head = store(records)
    report = verify(stored, head=head)
    assert report.first_problem.seq == 7
    assert "the clock moved backwards" in report.first_problem.message


def test_a_splice_of_two_honest_ledgers_is_caught_where_they_meet():
    # given two honest ledgers that differ from entry 5 on
    first = honest_records(12)
    second = [
        dataclasses.replace(r, data={**r.data, "other": True}) if r.seq >= 5 else r
        for r in honest_records(12)
    ]
    first_rows, _ = store(first)
    second_rows, second_head = store(second)
    # when the rows of the first are followed by those of the second
    spliced = first_rows[:7] + second_rows[7:]
    report = verify(spliced, [checkpoint_of(second, 12)], second_head)
    # then the first entry taken from the second ledger is named
    assert report.first_problem.seq == 8
    assert "splice" in report.first_problem.message


def test_a_reordering_rehashed_by_a_careful_attacker_is_caught_by_its_times():
    records = honest_records(9)
    swapped = [*records[:4], records[5], records[4], *records[6:]]
    rewritten = [dataclasses.replace(r, seq=i + 1) for i, r in enumerate(swapped)]
    stored, head = store(rewritten)
    report = verify(stored, head=head)
    assert report.first_problem.seq == 6
    assert "entries were reordered" in report.first_problem.message


def test_a_truncation_with_its_head_rewritten_is_caught_by_a_stored_checkpoint():
    records = honest_records(12)
    stored, head = store(records[:8])
    report = verify(stored, [checkpoint_of(records, 10)], head)
    assert report.first_problem.checkpoint_size == 10
    assert "beyond the log of size 8" in report.first_problem.message


def test_a_checkpoint_signed_by_someone_else_is_reported():
    records = honest_records(4)
    stored, head = store(records)
    forged = checkpoint_of(records, 4, private_key=generate_private_key())
    report = verify(stored, [forged], head)
    assert report.first_problem.checkpoint_size == 4
    assert "no valid signature by a key of icrc" in report.first_problem.message

"""Any tampering with the stored log is caught, by re-computation or by a kept checkpoint.

Two attackers are modelled. The naive one changes stored rows and leaves the stored hashes
alone: :func:`verify_log` catches it. The careful one also re-computes every hash and root
(and renumbers entries) so that the log is self-consistent: then the checkpoint a party
kept from before, and the consistency proof the server must give from it, catch it.
"""

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from homecoming.engines.ledger import (
    Frontier,
    KeyRing,
    LedgerRecord,
    ProofError,
    StoredEntry,
    TrustedKey,
    canonical_json,
    checkpoint_at,
    checkpoints_consistent,
    consistency_proof,
    generate_private_key,
    key_id,
    public_key_text,
    sign_checkpoint,
    verify_log,
)

T0 = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
OPERATOR_KEY = generate_private_key()
RING = KeyRing.of(
    [
        TrustedKey(
            key_id(OPERATOR_KEY.public_key()),
            "mediator",
            public_key_text(OPERATOR_KEY.public_key()),
        )
    ]
)


def make_records(n):
    return [
        LedgerRecord(
            seq=i + 1,
            time=T0 + dt.timedelta(seconds=i),
            action="person.register" if i % 2 else "list_version.import",
            organisation="ua" if i % 3 else "ru",
            actor_id=i % 4 or None,
            actor=f"officer{i % 4}",
            subject_type="registry.person",
            subject_id=str(100 + i),
            data={"surname": "КОВАЛЕНКО", "row": i},
            audience=("ru",) if i % 5 == 0 else (),
        )
        for i in range(n)
    ]


def store(records, renumber=False):
    """Rows as the service stores them: content plus leaf hash and running root."""
    frontier, stored = Frontier(), []
    for i, record in enumerate(records):
        if renumber:
            record = LedgerRecord(**{**_fields(record), "seq": i + 1})
        leaf = record.leaf_hash()
        frontier = frontier.append(leaf)
        stored.append(StoredEntry(record, leaf.hex(), frontier.root().hex()))
    return stored, frontier


def _fields(record):
    return {name: getattr(record, name) for name in record.__slots__}


def to_rows(stored):
    return [
        canonical_json(
            {
                "entry": s.record.payload(),
                "leaf_hash": s.leaf_hash,
                "tree_root": s.tree_root,
            }
        )
        for s in stored
    ]


def from_rows(rows):
    stored = []
    for row in rows:
        value = json.loads(row.decode("utf-8"))
        entry = value["entry"]
        record = LedgerRecord(
            seq=entry["seq"],
            time=dt.datetime.fromisoformat(entry["time"]),
            action=entry["action"],
            organisation=entry["organisation"],
            actor_id=entry["actor_id"],
            actor=entry["actor"],
            subject_type=entry["subject_type"],
            subject_id=entry["subject_id"],
            data=entry["data"],
            audience=tuple(entry["audience"]),
        )
        stored.append(StoredEntry(record, value["leaf_hash"], value["tree_root"]))
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
    stored, frontier = store(records, renumber=True)
    leaves = [bytes.fromhex(s.leaf_hash) for s in stored]
    current = checkpoint_at(
        origin="test", size=frontier.size, root=frontier.root(), moment=T0
    )
    try:
        proof = consistency_proof(leaves, kept.size)
    except ProofError:
        return True  # the log is now shorter than what the party saw
    return not checkpoints_consistent(kept, current, proof)


@settings(max_examples=150, deadline=None)
@given(st.data())
def test_any_tampering_is_detected_by_verification_or_a_kept_checkpoint(data):
    # given a log of n entries and the signed checkpoint a party kept at its end
    n = data.draw(st.integers(min_value=2, max_value=24))
    records = make_records(n)
    stored, frontier = store(records)
    kept = sign_checkpoint(
        checkpoint_at(origin="test", size=n, root=frontier.root(), moment=T0),
        OPERATOR_KEY,
        signer="mediator",
    )
    rows = to_rows(stored)
    assert verify_log(from_rows(rows), [kept], RING, operator="mediator").ok
    # when the stored rows are tampered with
    _kind, tampered = data.draw(tampering(rows))
    # then the naive attacker is caught by re-computing the log ...
    try:
        tampered_entries = from_rows(tampered)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return  # the rows no longer even read as ledger entries
    report = verify_log(tampered_entries, [kept], RING, operator="mediator")
    assert not report.ok
    # ... and the careful one, who re-computes every hash, by the kept checkpoint
    # (a rewrite that merely extends what the party saw, such as a duplicate of the last
    # entry inserted just before it, is an append, which the log allows)
    tampered_records = [s.record for s in tampered_entries]
    rewritten, _ = store(tampered_records, renumber=True)
    seen = [r.payload() for r in records]
    if [s.record.payload() for s in rewritten[:n]] != seen:
        assert kept_checkpoint_catches(kept.checkpoint, tampered_records)


def test_first_inconsistency_is_reported_with_its_seq():
    records = make_records(10)
    stored, _ = store(records)
    changed = LedgerRecord(**{**_fields(records[6]), "data": {"surname": "ІНШИЙ"}})
    stored[6] = StoredEntry(changed, stored[6].leaf_hash, stored[6].tree_root)
    report = verify_log(stored)
    assert report.first_problem is not None
    assert report.first_problem.seq == 7
    assert len(report.problems) == 1


def test_a_checkpoint_signed_by_someone_else_is_reported():
    records = make_records(4)
    stored, frontier = store(records)
    forged = sign_checkpoint(
        checkpoint_at(origin="t", size=4, root=frontier.root(), moment=T0),
        generate_private_key(),
        signer="mediator",
    )
    report = verify_log(stored, [forged], RING, operator="mediator")
    assert not report.ok
    assert report.first_problem.checkpoint_size == 4
    assert "foreign" in report.first_problem.message


def test_an_untampered_log_with_checkpoints_along_the_way_verifies():
    records = make_records(40)
    stored, _ = store(records)
    checkpoints = []
    for size in (0, 1, 17, 32, 40):
        _, frontier = store(records[:size])
        checkpoints.append(
            sign_checkpoint(
                checkpoint_at(origin="t", size=size, root=frontier.root(), moment=T0),
                OPERATOR_KEY,
                signer="mediator",
            )
        )
    report = verify_log(stored, checkpoints, RING, operator="mediator")
    assert report.ok, report.problems
    assert report.size == 40
    assert report.checkpoints_checked == 5

"""Generated honest ledgers with known truth, for the verification and tampering tests.

An honest ledger registers the mediator's checkpoint key in entry 1 and a party's key in
entry 2, then appends person registrations (and, where asked, a signature recorded with
the party's key), one second apart; checkpoints are signed by the mediator at chosen
sizes, dated between their last entry and the next one, as the service does.
"""

import dataclasses
import datetime as dt

from homecoming.engines.ledger import (
    Checkpoint,
    Frontier,
    KeyRing,
    LedgerRecord,
    StoredEntry,
    TreeHead,
    TrustedKey,
    generate_private_key,
    key_id,
    public_key_text,
    sign_checkpoint,
    visibility_key,
)

T0 = dt.datetime(2026, 11, 25, 9, 0, tzinfo=dt.UTC)
ORIGIN = "homecoming.example/ledger"
MEDIATOR_KEY = generate_private_key()
PARTY_KEY = generate_private_key()


def trusted(private_key, owner, status="active"):
    public = private_key.public_key()
    return TrustedKey(key_id(public), owner, public_key_text(public), status)


def key_table(*extra):
    """The key table as the service stores it: both registered keys, and ``extra``."""
    return KeyRing.of([trusted(MEDIATOR_KEY, "icrc"), trusted(PARTY_KEY, "ua"), *extra])


def key_entry(seq, private_key, organisation, action="key.register", **data):
    identifier = key_id(private_key.public_key())
    return LedgerRecord(
        seq=seq,
        time=T0 + dt.timedelta(seconds=seq),
        action=action,
        organisation=organisation,
        subject_type="audit.partykey",
        subject_id=str(seq),
        data={"key_id": identifier, "label": f"{organisation} key", **data},
        audience=("icrc", "ru", "ua"),
    )


def person_entry(seq, organisation="ua"):
    return LedgerRecord(
        seq=seq,
        time=T0 + dt.timedelta(seconds=seq),
        action="person.register",
        organisation=organisation,
        actor_id=seq % 4 or None,
        actor=f"officer{seq % 4}",
        subject_type="registry.person",
        subject_id=str(100 + seq),
        data={"surname": "КОВАЛЕНКО", "row": seq},
        audience=("ru",) if seq % 5 == 0 else (),
    )


def signature_entry(seq, private_key, organisation="ua"):
    return LedgerRecord(
        seq=seq,
        time=T0 + dt.timedelta(seconds=seq),
        action="document.sign",
        organisation=organisation,
        subject_type="audit.documentsignature",
        subject_id=str(seq),
        data={
            "document_type": "homecoming-manifest/1",
            "document_sha256": "ab" * 32,
            "key_id": key_id(private_key.public_key()),
        },
    )


def honest_records(n, *, signature_at=()):
    """``n`` records: the two key registrations, persons, and signatures at ``signature_at``."""
    records = [
        key_entry(1, MEDIATOR_KEY, "icrc", checkpoint_key=True),
        key_entry(2, PARTY_KEY, "ua"),
    ]
    for seq in range(3, n + 1):
        records.append(
            signature_entry(seq, PARTY_KEY)
            if seq in signature_at
            else person_entry(seq)
        )
    return records[:n]


def renumbered(records):
    """The records renumbered 1..n and re-timed a second apart (a careful rewriter)."""
    return [
        dataclasses.replace(r, seq=i + 1, time=T0 + dt.timedelta(seconds=i + 1))
        for i, r in enumerate(records)
    ]


def store(records):
    """Rows as the service stores them, and the head row it keeps beside them."""
    frontier, stored = Frontier(), []
    for record in records:
        leaf = record.leaf_hash()
        frontier = frontier.append(leaf)
        visible = visibility_key(record.organisation, record.audience)
        stored.append(StoredEntry(record, leaf.hex(), frontier.root().hex(), visible))
    head = TreeHead(frontier.size, frontier.root().hex(), tuple(frontier.to_hex()))
    return stored, head


def root_at(records, size):
    frontier = Frontier()
    for record in records[:size]:
        frontier = frontier.append(record.leaf_hash())
    return frontier.root().hex()


def checkpoint_of(records, size, *, moment=None, private_key=MEDIATOR_KEY):
    """The mediator's checkpoint at ``size``, dated half a second after its last entry."""
    if moment is None:
        moment = T0 + dt.timedelta(seconds=size, milliseconds=500)
    return sign_checkpoint(
        Checkpoint(ORIGIN, size, root_at(records, size)), private_key, moment=moment
    )

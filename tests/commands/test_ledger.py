"""``homecoming ledger verify`` (server) and the offline checks a party runs.

The server-side tests use the audit service; the offline ones use its served answers
(the first JSON checkpoint form) and C2SP checkpoint notes made by the engine, with a key
list signed by the mediator's checkpoint key and checked against the fingerprints the
party registered in person.
"""

import datetime as dt
import json
from contextlib import contextmanager

import pytest
from django.db import connection

from homecoming.apps.accounts.actors import SYSTEM, actor_for
from homecoming.apps.audit import actions as audit_actions
from homecoming.apps.audit.documents import (
    checkpoint_as_json,
    consistency_as_json,
    inclusion_as_json,
)
from homecoming.apps.audit.models import LedgerEntry, PartyKey
from homecoming.apps.audit.selectors import (
    key_ring,
    ledger_consistency_for,
    ledger_inclusion_for,
)
from homecoming.apps.audit.services import checkpoint_sign, ledger_append
from homecoming.apps.audit.signing import checkpoint_private_key
from homecoming.cli import main
from homecoming.engines.ledger import (
    Checkpoint,
    generate_private_key,
    key_fingerprint,
    key_id,
    private_key_to_pem,
    public_key_text,
    sign_checkpoint,
    sign_key_list,
)
from tests.ledger_notes import NOTE, acting_for

pytestmark = pytest.mark.django_db
NOW = dt.datetime.now(dt.UTC)


@pytest.fixture(autouse=True)
def _checkpoint_key_in_tmp(settings, tmp_path):
    settings.HOMECOMING_CHECKPOINT_KEY_FILE = str(tmp_path / "checkpoint.pem")


def _append(n):
    for i in range(n):
        ledger_append(by=acting_for("ua"), action=NOTE, data={"i": i})


@contextmanager
def _triggers_off():
    """What the database's owner can do: switch the append-only triggers off."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER IF EXISTS audit_ledgerentry_no_update")
            cursor.execute("DROP TRIGGER IF EXISTS audit_ledgerentry_no_delete")
        else:
            cursor.execute("ALTER TABLE audit_ledgerentry DISABLE TRIGGER USER")
        yield cursor
        if connection.vendor != "sqlite":
            cursor.execute("ALTER TABLE audit_ledgerentry ENABLE TRIGGER USER")


def _write(path, value):
    path.write_text(json.dumps(value, ensure_ascii=False))
    return str(path)


def _trust(tmp_path):
    """The signed key list the party was given, and the fingerprints it wrote down."""
    checkpoint_sign(by=SYSTEM)  # registers the mediator's checkpoint key
    mediator = checkpoint_private_key()
    keys = _write(
        tmp_path / "keys.json",
        sign_key_list(key_ring(), mediator, issuer="icrc", moment=NOW),
    )
    trusted = tmp_path / "trusted.txt"
    trusted.write_text(f"icrc {key_fingerprint(mediator.public_key())}\n")
    return ["--keys", keys, "--trust", str(trusted)]


def test_ledger_verify_passes_on_an_untouched_ledger(mediator, capsys):
    _append(3)
    checkpoint_sign(by=SYSTEM)
    assert main(["ledger", "verify", "--quiet"]) == 0
    assert "OK" in capsys.readouterr().out


def test_ledger_verify_names_the_first_inconsistent_entry(mediator, capsys):
    _append(4)
    target = LedgerEntry.objects.order_by("seq")[1].seq
    with _triggers_off() as cursor:
        cursor.execute(
            "UPDATE audit_ledgerentry SET organisation = 'ru' WHERE seq = %s", [target]
        )
    assert main(["ledger", "verify", "--quiet"]) == 1
    assert f"FIRST INCONSISTENCY at entry {target}" in capsys.readouterr().out


def test_ledger_verify_notices_a_tail_deleted_after_the_last_checkpoint(
    mediator, capsys
):
    # given a checkpoint, then three more entries
    _append(2)
    checkpoint_sign(by=SYSTEM)
    _append(3)
    last = LedgerEntry.objects.order_by("-seq").first().seq
    # when the three are deleted behind the ledger's back
    with _triggers_off() as cursor:
        cursor.execute("DELETE FROM audit_ledgerentry WHERE seq > %s", [last - 3])
    # then the stored head names the first entry missing
    assert main(["ledger", "verify", "--quiet"]) == 1
    out = capsys.readouterr().out
    assert f"FIRST INCONSISTENCY at entry {last - 2}" in out
    assert f"entries {last - 2}..{last} were removed" in out


def test_ledger_verify_notices_an_entry_shown_to_another_party(mediator, capsys):
    _append(3)
    target = LedgerEntry.objects.order_by("-seq").first().seq
    with _triggers_off() as cursor:
        cursor.execute(
            "UPDATE audit_ledgerentry SET visible_to = '|ru|ua|' WHERE seq = %s",
            [target],
        )
    assert main(["ledger", "verify", "--quiet"]) == 1
    out = capsys.readouterr().out
    assert f"FIRST INCONSISTENCY at entry {target}" in out and "visibility" in out


def test_ledger_verify_notices_a_revoked_key_set_active_again(mediator, capsys):
    # given the mediator's checkpoint key, revoked through the ledger
    checkpoint_sign(by=SYSTEM)
    key = PartyKey.objects.get(is_checkpoint_key=True)
    ledger_append(
        by=acting_for(key.organisation),
        action=audit_actions.KEY_REVOKE,
        subject=key,
        data={"key_id": key.key_id, "owner": key.organisation, "reason": "lost"},
    )
    # when the key table is edited to call it active
    PartyKey.objects.filter(pk=key.pk).update(status="active")
    # then verification takes the ledger's word, not the table's
    assert main(["ledger", "verify", "--quiet"]) == 1
    assert "is active; the ledger has it revoked" in capsys.readouterr().out


def test_ledger_check_confirms_growth_from_a_kept_checkpoint(
    mediator, a_officer, tmp_path, capsys
):
    # given a checkpoint a party saved, and the signed key list
    _append(3)
    trust = _trust(tmp_path)
    kept = _write(
        tmp_path / "kept.json", checkpoint_as_json(checkpoint_sign(by=SYSTEM))
    )
    old_size = json.loads((tmp_path / "kept.json").read_text())["document"]["size"]
    # when the ledger grows and the party fetches a consistency answer
    _append(4)
    checkpoint_sign(by=SYSTEM)
    answer = _write(
        tmp_path / "answer.json",
        consistency_as_json(
            ledger_consistency_for(by=actor_for(a_officer), old_size=old_size)
        ),
    )
    # then the offline check says the ledger only grew, and the served checkpoint is fresh
    assert main(["ledger", "check", kept, answer, *trust, "--max-age", "1h"]) == 0
    out = capsys.readouterr().out
    assert "OK: the ledger only grew" in out and "signed by icrc" in out
    # and a rewritten root in what the party kept is caught
    document = json.loads((tmp_path / "kept.json").read_text())
    document["document"]["root_hash"] = "00" * 32
    _write(tmp_path / "kept.json", document)
    assert main(["ledger", "check", kept, answer, *trust]) == 1
    assert "FAIL" in capsys.readouterr().out


def test_ledger_check_refuses_an_unsigned_key_list_unless_told(
    mediator, a_officer, tmp_path, capsys
):
    _append(2)
    kept = _write(
        tmp_path / "kept.json", checkpoint_as_json(checkpoint_sign(by=SYSTEM))
    )
    size = json.loads((tmp_path / "kept.json").read_text())["document"]["size"]
    answer = _write(
        tmp_path / "answer.json",
        consistency_as_json(
            ledger_consistency_for(by=actor_for(a_officer), old_size=size)
        ),
    )
    keys = _write(tmp_path / "keys.json", key_ring().to_json())
    assert main(["ledger", "check", kept, answer, "--keys", keys]) == 2
    err = capsys.readouterr().err
    assert "the key list is not signed" in err and "--unsigned-keys" in err
    assert (
        main(["ledger", "check", kept, answer, "--keys", keys, "--unsigned-keys"]) == 0
    )


def test_ledger_check_refuses_a_new_checkpoint_signed_by_another_key(
    mediator, a_officer, tmp_path, capsys
):
    # given a checkpoint a party kept, signed by the mediator
    _append(3)
    trust = _trust(tmp_path)
    kept = _write(
        tmp_path / "kept.json", checkpoint_as_json(checkpoint_sign(by=SYSTEM))
    )
    old_size = json.loads((tmp_path / "kept.json").read_text())["document"]["size"]
    _append(4)
    checkpoint_sign(by=SYSTEM)
    answer = consistency_as_json(
        ledger_consistency_for(by=actor_for(a_officer), old_size=old_size)
    )
    # when the new checkpoint comes re-signed by another key
    from homecoming.engines.ledger import sign_document

    answer["new_checkpoint"]["signature"] = sign_document(
        answer["new_checkpoint"]["document"], generate_private_key(), signer="icrc"
    ).to_json()
    served = _write(tmp_path / "answer.json", answer)
    # then the check fails on the served checkpoint
    assert main(["ledger", "check", kept, served, *trust]) == 1
    assert "the served checkpoint is not valid" in capsys.readouterr().out


def _note_checkpoints(tmp_path, sizes_and_ages, *, root_of=None):
    """Offline C2SP checkpoints of an invented log, signed by the mediator's key."""
    from homecoming.engines.ledger import Frontier, consistency_proof

    leaves = [bytes([i % 256]) * 32 for i in range(1, 60)]
    notes = []
    for size, age in sizes_and_ages:
        frontier = Frontier()
        for leaf in leaves[:size]:
            frontier = frontier.append(leaf)
        notes.append(
            sign_checkpoint(
                Checkpoint("homecoming", size, frontier.root().hex()),
                checkpoint_private_key(),
                moment=NOW - age,
            )
        )
    return notes, leaves, consistency_proof


def test_ledger_check_fails_past_max_age_and_on_a_deletion(mediator, tmp_path, capsys):
    trust = _trust(tmp_path)
    day = dt.timedelta(days=1)
    (kept, served, shrunk), leaves, proof_of = _note_checkpoints(
        tmp_path, [(20, 3 * day), (30, 2 * day), (15, dt.timedelta(hours=1))]
    )
    kept_file = tmp_path / "kept.txt"
    kept_file.write_text(kept.note())

    def answer(signed):
        proof = (
            proof_of(leaves[: signed.checkpoint.size], 20)
            if signed.checkpoint.size >= 20
            else []
        )
        return _write(
            tmp_path / "answer.json",
            {
                "old_size": 20,
                "new_size": signed.checkpoint.size,
                "proof": [p.hex() for p in proof],
                "new_checkpoint": {"note": signed.note()},
            },
        )

    # a log that grew, but whose newest checkpoint is two days old: frozen
    assert main(["ledger", "check", str(kept_file), answer(served), *trust]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "ledger",
                "check",
                str(kept_file),
                answer(served),
                *trust,
                "--max-age",
                "1d",
            ]
        )
        == 1
    )
    assert "freeze: the newest checkpoint was signed 2 d ago" in capsys.readouterr().out
    # a fresh checkpoint of fewer entries than the one kept: deletion
    assert main(["ledger", "check", str(kept_file), answer(shrunk), *trust]) == 1
    assert (
        "deletion or rollback: the server now shows 15 entries"
        in capsys.readouterr().out
    )


def test_a_party_cosigns_and_another_requires_its_witness(mediator, tmp_path, capsys):
    # given a checkpoint party A checked, and A's key in the signed key list
    ua_key = generate_private_key()
    ua_pem = tmp_path / "ua.pem"
    ua_pem.write_bytes(private_key_to_pem(ua_key))
    checkpoint_sign(by=SYSTEM)
    PartyKey.objects.create(
        organisation="ua",
        key_id=key_id(ua_key.public_key()),
        public_key=public_key_text(ua_key.public_key()),
    )
    trust = _trust(tmp_path)
    (kept, served), leaves, proof_of = _note_checkpoints(
        tmp_path, [(20, dt.timedelta(hours=5)), (30, dt.timedelta(hours=1))]
    )
    served_file = tmp_path / "served.txt"
    served_file.write_text(served.note())
    # when A cosigns it
    assert (
        main(
            [
                "ledger",
                "cosign",
                str(served_file),
                "--key",
                str(ua_pem),
                "--name",
                "ua",
                *trust,
            ]
        )
        == 0
    )
    cosigned = (tmp_path / "served.ua.cosigned.txt").read_text()
    assert cosigned.startswith(served.note()) and cosigned.count("\u2014 ") == 3
    # then party B, requiring A's witness, accepts the cosigned one and not the bare one
    kept_file = tmp_path / "kept.txt"
    kept_file.write_text(kept.note())
    proof = [p.hex() for p in proof_of(leaves[:30], 20)]
    for note, status in ((cosigned, 0), (served.note(), 1)):
        answer = _write(
            tmp_path / "answer.json",
            {"old_size": 20, "proof": proof, "new_checkpoint": {"note": note}},
        )
        assert (
            main(
                [
                    "ledger",
                    "check",
                    str(kept_file),
                    answer,
                    *trust,
                    "--witness",
                    "ua",
                    "--max-age",
                    "2h",
                ]
            )
            == status
        )
    assert "no cosignature by ua" in capsys.readouterr().out


def test_cosign_refuses_a_checkpoint_it_cannot_verify(mediator, tmp_path, capsys):
    trust = _trust(tmp_path)
    forged = sign_checkpoint(
        Checkpoint("homecoming", 3, "ab" * 32), generate_private_key(), moment=NOW
    )
    path = tmp_path / "forged.txt"
    path.write_text(forged.note())
    ua_pem = tmp_path / "ua.pem"
    ua_pem.write_bytes(private_key_to_pem(generate_private_key()))
    assert (
        main(
            [
                "ledger",
                "cosign",
                str(path),
                "--key",
                str(ua_pem),
                "--name",
                "ua",
                *trust,
            ]
        )
        == 1
    )
    assert "NOT COSIGNED" in capsys.readouterr().out
    assert not list(tmp_path.glob("*.cosigned.txt"))


def test_ledger_included_proves_an_entry_is_in_the_signed_checkpoint(
    mediator, a_officer, tmp_path, capsys
):
    # given an entry of party A and a later checkpoint
    entry = ledger_append(by=actor_for(a_officer), action=NOTE, data={"n": 1})
    _append(5)
    trust = _trust(tmp_path)
    answer = inclusion_as_json(
        ledger_inclusion_for(by=actor_for(a_officer), seq=entry.seq)
    )
    proof = _write(tmp_path / "proof.json", answer)
    # then the offline check confirms it
    assert main(["ledger", "included", proof, *trust]) == 0
    # and an entry shown with different data is refused
    answer["hashed"]["data"] = {"n": 2}
    _write(tmp_path / "proof.json", answer)
    assert main(["ledger", "included", proof, *trust]) == 1
    assert "not in the checkpoint" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("member", "value", "reason"),
    [
        ("time", "yesterday", 'hashed: the entry\'s "time"'),
        ("time", "2026-02-30T10:00:00.000000Z", "not a real date"),
        ("data", "[1, 2]", 'the entry\'s "data" is not an object'),
        ("seq", 1e300, 'the entry\'s "seq" is not a whole number'),
    ],
)
def test_ledger_included_refuses_a_malformed_entry_with_one_line(
    member, value, reason, mediator, a_officer, tmp_path, capsys
):
    entry = ledger_append(by=actor_for(a_officer), action=NOTE, data={"n": 1})
    trust = _trust(tmp_path)
    answer = inclusion_as_json(
        ledger_inclusion_for(by=actor_for(a_officer), seq=entry.seq)
    )
    answer["hashed"][member] = value
    proof = _write(tmp_path / "proof.json", answer)
    capsys.readouterr()
    assert main(["ledger", "included", proof, *trust]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and reason in err[0]


def test_ledger_keys_shows_which_keys_were_registered_in_person(
    mediator, tmp_path, capsys
):
    trust = _trust(tmp_path)
    capsys.readouterr()
    assert main(["ledger", "keys", *trust]) == 0
    out = capsys.readouterr().out
    fingerprint = key_fingerprint(checkpoint_private_key().public_key())
    assert f"icrc       active   {fingerprint}  (in person)" in out


def test_sign_keys_makes_a_list_that_verify_then_trusts(mediator, tmp_path, capsys):
    checkpoint_sign(by=SYSTEM)
    unsigned = _write(tmp_path / "unsigned.json", key_ring().to_json())
    officer = generate_private_key()
    (tmp_path / "officer.pem").write_bytes(private_key_to_pem(officer))
    signed = tmp_path / "signed.json"
    argv = ["ledger", "sign-keys", unsigned, "--key", str(tmp_path / "officer.pem")]
    assert main([*argv, "--issuer", "icrc", "-o", str(signed)]) == 0
    # the officer's key registered in person, but not the server's checkpoint key
    trusted = tmp_path / "trusted.txt"
    trusted.write_text(f"icrc {key_fingerprint(officer.public_key())}\n")
    assert main(["ledger", "keys", "--keys", str(signed), "--trust", str(trusted)]) == 2
    assert "not among the fingerprints you registered" in capsys.readouterr().err
    server = checkpoint_private_key().public_key()
    with trusted.open("a") as handle:
        handle.write(f"icrc {key_fingerprint(server)}\n")
    assert main(["ledger", "keys", "--keys", str(signed), "--trust", str(trusted)]) == 0

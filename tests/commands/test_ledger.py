"""``homecoming ledger verify`` (server) and ``homecoming ledger check`` (offline)."""

import json

import pytest
from django.db import connection

from homecoming.apps.accounts.actors import SYSTEM, actor_for
from homecoming.apps.audit.documents import checkpoint_as_json, consistency_as_json
from homecoming.apps.audit.models import LedgerEntry
from homecoming.apps.audit.selectors import key_ring, ledger_consistency_for
from homecoming.apps.audit.services import checkpoint_sign, ledger_append
from homecoming.cli import main
from tests.ledger_notes import NOTE, acting_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _checkpoint_key_in_tmp(settings, tmp_path):
    settings.HOMECOMING_CHECKPOINT_KEY_FILE = str(tmp_path / "checkpoint.pem")


def _append(n):
    for i in range(n):
        ledger_append(by=acting_for("ua"), action=NOTE, data={"i": i})


def test_ledger_verify_passes_on_an_untouched_ledger(mediator, capsys):
    _append(3)
    checkpoint_sign(by=SYSTEM)
    assert main(["ledger", "verify", "--quiet"]) == 0
    assert "OK" in capsys.readouterr().out


def test_ledger_verify_names_the_first_inconsistent_entry(mediator, capsys):
    _append(4)
    target = LedgerEntry.objects.order_by("seq")[1].seq
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("DROP TRIGGER audit_ledgerentry_no_update")
        else:
            cursor.execute("ALTER TABLE audit_ledgerentry DISABLE TRIGGER USER")
        cursor.execute(
            "UPDATE audit_ledgerentry SET organisation = 'ru' WHERE seq = %s", [target]
        )
        if connection.vendor != "sqlite":
            cursor.execute("ALTER TABLE audit_ledgerentry ENABLE TRIGGER USER")
    assert main(["ledger", "verify", "--quiet"]) == 1
    assert f"FIRST INCONSISTENCY at entry {target}" in capsys.readouterr().out


def test_ledger_check_confirms_growth_from_a_kept_checkpoint(
    mediator, a_officer, tmp_path, capsys
):
    # given a checkpoint a party saved, and the key list
    _append(3)
    kept = tmp_path / "kept.json"
    kept.write_text(json.dumps(checkpoint_as_json(checkpoint_sign(by=SYSTEM))))
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps(key_ring().to_json()))
    # when the ledger grows and the party fetches a consistency answer
    old_size = json.loads(kept.read_text())["document"]["size"]
    _append(4)
    checkpoint_sign(by=SYSTEM)
    answer = tmp_path / "answer.json"
    answer.write_text(
        json.dumps(
            consistency_as_json(
                ledger_consistency_for(by=actor_for(a_officer), old_size=old_size)
            )
        )
    )
    # then the offline check says the ledger only grew
    assert main(["ledger", "check", str(kept), str(answer), "--keys", str(keys)]) == 0
    # and a rewritten root in what the party kept is caught
    document = json.loads(kept.read_text())
    document["document"]["root_hash"] = "00" * 32
    kept.write_text(json.dumps(document))
    assert main(["ledger", "check", str(kept), str(answer), "--keys", str(keys)]) == 1
    assert "FAIL" in capsys.readouterr().out


def test_ledger_included_proves_an_entry_is_in_the_signed_checkpoint(
    mediator, a_officer, tmp_path, capsys
):
    from homecoming.apps.audit.documents import inclusion_as_json
    from homecoming.apps.audit.selectors import ledger_inclusion_for

    # given an entry of party A and a later checkpoint
    entry = ledger_append(by=actor_for(a_officer), action=NOTE, data={"n": 1})
    _append(5)
    checkpoint_sign(by=SYSTEM)
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps(key_ring().to_json()))
    proof = tmp_path / "proof.json"
    answer = inclusion_as_json(
        ledger_inclusion_for(by=actor_for(a_officer), seq=entry.seq)
    )
    proof.write_text(json.dumps(answer, ensure_ascii=False))
    # then the offline check confirms it
    assert main(["ledger", "included", str(proof), "--keys", str(keys)]) == 0
    # and an entry shown with different data is refused
    answer["hashed"]["data"] = {"n": 2}
    proof.write_text(json.dumps(answer))
    assert main(["ledger", "included", str(proof), "--keys", str(keys)]) == 1
    assert "not in the checkpoint" in capsys.readouterr().out


def test_ledger_check_refuses_a_new_checkpoint_signed_by_another_registered_key(
    mediator, a_officer, tmp_path, capsys
):
    from homecoming.engines.ledger import (
        KeyRing,
        TrustedKey,
        generate_private_key,
        key_id,
        public_key_text,
        sign_document,
    )

    # given a checkpoint a party kept, signed by the mediator
    _append(3)
    kept = tmp_path / "kept.json"
    kept.write_text(json.dumps(checkpoint_as_json(checkpoint_sign(by=SYSTEM))))
    old_size = json.loads(kept.read_text())["document"]["size"]
    _append(4)
    checkpoint_sign(by=SYSTEM)
    answer = consistency_as_json(
        ledger_consistency_for(by=actor_for(a_officer), old_size=old_size)
    )
    # and a key list that also holds a party's key
    party_key = generate_private_key()
    ring = key_ring()
    keys = tmp_path / "keys.json"
    keys.write_text(
        json.dumps(
            KeyRing.of(
                [
                    *ring.keys.values(),
                    TrustedKey(
                        key_id(party_key.public_key()),
                        "ua",
                        public_key_text(party_key.public_key()),
                    ),
                ]
            ).to_json()
        )
    )
    # when the new checkpoint comes signed by the party's key instead
    document = answer["new_checkpoint"]["document"]
    answer["new_checkpoint"]["signature"] = sign_document(
        document, party_key, signer="ua"
    ).to_json()
    answer_file = tmp_path / "answer.json"
    answer_file.write_text(json.dumps(answer))
    # then the check fails: only the operator who signed the kept one can continue it
    argv = ["ledger", "check", str(kept), str(answer_file), "--keys", str(keys)]
    assert main(argv) == 1
    assert "new checkpoint's signature" in capsys.readouterr().out


def test_ledger_included_with_operator_refuses_a_checkpoint_signed_by_a_party(
    mediator, a_officer, tmp_path, capsys
):
    from homecoming.apps.audit.documents import inclusion_as_json
    from homecoming.apps.audit.selectors import ledger_inclusion_for
    from homecoming.engines.ledger import (
        KeyRing,
        TrustedKey,
        generate_private_key,
        key_id,
        public_key_text,
        sign_document,
    )

    # given an inclusion proof whose checkpoint party A re-signed with its own key
    entry = ledger_append(by=actor_for(a_officer), action=NOTE, data={"n": 1})
    checkpoint_sign(by=SYSTEM)
    (operator,) = {key.owner for key in key_ring().keys.values()}
    party_key = generate_private_key()
    party_trusted = TrustedKey(
        key_id(party_key.public_key()), "ua", public_key_text(party_key.public_key())
    )
    keys = tmp_path / "keys.json"
    keys.write_text(
        json.dumps(KeyRing.of([*key_ring().keys.values(), party_trusted]).to_json())
    )
    answer = inclusion_as_json(
        ledger_inclusion_for(by=actor_for(a_officer), seq=entry.seq)
    )
    answer["checkpoint"]["signature"] = sign_document(
        answer["checkpoint"]["document"], party_key, signer="ua"
    ).to_json()
    proof = tmp_path / "proof.json"
    proof.write_text(json.dumps(answer, ensure_ascii=False))
    argv = ["ledger", "included", str(proof), "--keys", str(keys)]
    # when checked without --operator, the output says who signed
    assert main(argv) == 0
    assert "signed by ua" in capsys.readouterr().out
    # then with the mediator named as operator, it fails
    assert main([*argv, "--operator", operator]) == 1
    assert "checkpoint's signature" in capsys.readouterr().out

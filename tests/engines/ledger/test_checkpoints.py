"""Checkpoints as C2SP signed notes: the format other tools read, signatures, cosignatures."""

import dataclasses
import datetime as dt

import pytest

from homecoming.engines.ledger import (
    COSIGNATURE_V1,
    ED25519,
    Checkpoint,
    KeyRing,
    NoteFormatError,
    SignedCheckpoint,
    VerifierKey,
    cosign_checkpoint,
    generate_private_key,
    json_checkpoint_at,
    parse_note,
    sign_checkpoint,
    sign_json_checkpoint,
    verify_checkpoint,
    vkey,
)
from homecoming.engines.ledger.notes import note_signature_valid

from .ledgers import MEDIATOR_KEY, ORIGIN, PARTY_KEY, trusted

MOMENT = dt.datetime(2026, 11, 25, 13, 0, 7, 250_000, tzinfo=dt.UTC)
ROOT = "0a" * 32
RING = KeyRing.of([trusted(MEDIATOR_KEY, "icrc"), trusted(PARTY_KEY, "ua")])


def test_the_signed_note_specification_example_verifies():
    # the example of c2sp.org/signed-note, with its verifier key
    key = VerifierKey.parse(
        "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"
    )
    note = parse_note(
        "This is an example message.\n\n"
        "\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTg"
        "K7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n"
    )
    assert note_signature_valid(note.text, note.signatures[0], key.public_key)
    tampered = note.text.replace("example", "sample")
    assert not note_signature_valid(tampered, note.signatures[0], key.public_key)


def test_the_tlog_checkpoint_specification_example_body_reads():
    body = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"
    checkpoint = Checkpoint.from_body(body)
    assert (checkpoint.origin, checkpoint.size) == (
        "example.com/behind-the-sofa",
        20852163,
    )
    assert checkpoint.body() == body


def test_a_signed_checkpoint_is_three_lines_two_mediator_signatures_and_its_time():
    signed = sign_checkpoint(
        Checkpoint(ORIGIN, 1042, ROOT), MEDIATOR_KEY, moment=MOMENT
    )
    note = signed.note()
    lines = note.split("\n")
    assert lines[:4] == [
        ORIGIN,
        "1042",
        "CgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgo=",
        "",
    ]
    assert all(line.startswith(f"\u2014 {ORIGIN} ") for line in lines[4:6])
    # the mediator's vkeys, as other tools are configured with them, verify the lines
    for line, kind in zip(signed.signatures, (ED25519, COSIGNATURE_V1), strict=True):
        key = VerifierKey.parse(vkey(ORIGIN, kind, MEDIATOR_KEY.public_key()))
        assert note_signature_valid(signed.checkpoint.body(), line, key.public_key)
    verdict = verify_checkpoint(SignedCheckpoint.from_note(note), RING, operator="icrc")
    assert verdict.intact, verdict.problems
    assert verdict.signed_at == MOMENT.replace(microsecond=0)
    assert verdict.cosignatures == ()


def test_a_party_cosignature_is_a_witness_with_its_own_time():
    signed = sign_checkpoint(Checkpoint(ORIGIN, 5, ROOT), MEDIATOR_KEY, moment=MOMENT)
    later = MOMENT + dt.timedelta(minutes=3)
    cosigned = cosign_checkpoint(signed, PARTY_KEY, name="ua", moment=later)
    verdict = verify_checkpoint(SignedCheckpoint.from_note(cosigned.note()), RING)
    assert verdict.intact and verdict.operator == "icrc"
    assert verdict.witnesses == ("ua",)
    assert verdict.cosignatures[0].time == later.replace(microsecond=0)


def test_a_changed_timestamp_or_root_breaks_the_signature():
    signed = sign_checkpoint(Checkpoint(ORIGIN, 5, ROOT), MEDIATOR_KEY, moment=MOMENT)
    stamp = signed.signatures[1]
    moved = dataclasses.replace(
        stamp, signature=(1).to_bytes(8, "big") + stamp.signature[8:]
    )
    replayed = dataclasses.replace(signed, signatures=(signed.signatures[0], moved))
    assert "does not verify" in verify_checkpoint(replayed, RING).problems[0]
    other = dataclasses.replace(signed, checkpoint=Checkpoint(ORIGIN, 5, "0b" * 32))
    assert not verify_checkpoint(other, RING).intact


def test_signature_lines_of_unknown_keys_are_ignored_but_do_not_count():
    stranger = generate_private_key()
    signed = sign_checkpoint(Checkpoint(ORIGIN, 5, ROOT), stranger, moment=MOMENT)
    verdict = verify_checkpoint(signed, RING, operator="icrc")
    assert verdict.ignored == 2 and not verdict.intact
    assert "no valid signature by a key of icrc" in verdict.problems[0]


def test_a_checkpoint_signed_by_another_organisation_is_not_the_operators():
    signed = sign_checkpoint(Checkpoint(ORIGIN, 5, ROOT), PARTY_KEY, moment=MOMENT)
    assert not verify_checkpoint(signed, RING, operator="icrc").intact
    assert verify_checkpoint(signed, RING).operator == "ua"  # shown to the user


def test_a_revoked_operator_key_verifies_nothing():
    ring = KeyRing.of([trusted(MEDIATOR_KEY, "icrc", "revoked")])
    signed = sign_checkpoint(Checkpoint(ORIGIN, 5, ROOT), MEDIATOR_KEY, moment=MOMENT)
    assert "revoked" in verify_checkpoint(signed, ring, operator="icrc").problems[0]


@pytest.mark.parametrize(
    ("note", "reason"),
    [
        ("homecoming\n5\nCgo=\n\n\u2014 a AAAAAAA=\n", "root hash is not base64 of 32"),
        (
            "homecoming\n05\nCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgo=\n\n\u2014 a AAAAAAA=\n",
            "not a tree size",
        ),
        ("home coming\n5\nx\n\n\u2014 a AAAAAAA=\n", "not a key name"),
        ("homecoming\n5\nx\nextra\n\n\u2014 a AAAAAAA=\n", "no extension lines"),
        ("homecoming\n5\nx\n\u2014 a AAAAAAA=\n", "a blank line"),
        ("homecoming\n5\nx\n\n- a AAAAAAA=\n", "not a signature line"),
        ("homecoming\n5\x01\nx\n\n\u2014 a AAAAAAA=\n", "control characters"),
    ],
)
def test_malformed_notes_are_refused_with_a_reason(note, reason):
    with pytest.raises(NoteFormatError, match=reason):
        SignedCheckpoint.from_note(note)


def test_the_first_json_form_still_verifies_with_its_signed_time():
    checkpoint = json_checkpoint_at(
        origin="homecoming", size=5, root=bytes.fromhex(ROOT), moment=MOMENT
    )
    signed = sign_json_checkpoint(checkpoint, MEDIATOR_KEY, signer="icrc")
    verdict = verify_checkpoint(signed, RING, operator="icrc")
    assert verdict.intact and verdict.signed_at == MOMENT
    assert not verify_checkpoint(signed, RING, operator="ua").intact


def test_the_cosignature_specification_example_reads_with_its_time():
    # c2sp.org/tlog-cosignature's example: the witness line carries time 1679315147
    note = (
        "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n"
        "\u2014 example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOo"
        "RDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=\n"
        "\u2014 witness.example.com/w1 jWbPPwAAAABkGFDLEZMHwSRaJNiIDoe9DYn/zXcrtPHeolMI5OWX"
        "EhZCB9dlrDJsX3b2oyin1nPZqhf5nNo0xUe+mbIUBkBIfZ+qnA==\n"
    )
    signed = SignedCheckpoint.from_note(note)
    assert signed.checkpoint.size == 20852163
    assert [s.timestamp for s in signed.signatures] == [None, 1679315147]
    assert signed.note() == note

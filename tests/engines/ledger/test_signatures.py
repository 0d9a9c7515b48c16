"""Signing documents and verifying them offline: intact, and who signed."""

import base64
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from homecoming.engines.ledger import (
    RETIRED,
    REVOKED,
    EnvelopeFormatError,
    KeyFormatError,
    KeyRing,
    SignatureEnvelope,
    TrustedKey,
    canonical_json,
    generate_private_key,
    key_id,
    load_private_key,
    private_key_to_pem,
    public_key_text,
    required_signers_of,
    sign_document,
    verify_document,
)

from .samples import sample_manifest

KEYS = {owner: generate_private_key() for owner in ("ua", "ru", "mediator")}
STRANGER = generate_private_key()


def trusted(owner, private_key, status="active"):
    public = private_key.public_key()
    return TrustedKey(key_id(public), owner, public_key_text(public), status)


RING = KeyRing.of(trusted(owner, key) for owner, key in KEYS.items())


def signed_by_all(document):
    return [
        sign_document(document, KEYS[o], signer=o) for o in ("ua", "ru", "mediator")
    ]


def verify(document, envelopes, keys=RING):
    return verify_document(
        document, envelopes, keys, required_signers=required_signers_of(document)
    )


def test_a_manifest_signed_by_both_parties_and_the_mediator_is_intact():
    manifest = sample_manifest()
    verdict = verify(manifest, signed_by_all(manifest))
    assert verdict.intact
    assert verdict.signed_by == ("ua", "ru", "mediator")
    assert not verdict.missing


def test_a_missing_signature_makes_the_manifest_not_final():
    manifest = sample_manifest()
    verdict = verify(manifest, signed_by_all(manifest)[:2])
    assert not verdict.intact
    assert verdict.missing == ("mediator",)


def test_a_foreign_signature_is_caught_even_when_it_claims_a_party():
    manifest = sample_manifest()
    envelopes = [
        *signed_by_all(manifest)[:2],
        sign_document(manifest, STRANGER, signer="mediator"),
    ]
    verdict = verify(manifest, envelopes)
    assert not verdict.intact
    assert "foreign" in verdict.checks[2].problem
    assert verdict.missing == ("mediator",)


def test_a_revoked_key_no_longer_counts_and_a_retired_one_still_does():
    manifest = sample_manifest()
    for status, intact in ((REVOKED, False), (RETIRED, True)):
        ring = KeyRing.of([*RING.keys.values(), trusted("ua", KEYS["ua"], status)])
        assert verify(manifest, signed_by_all(manifest), ring).intact is intact


def test_a_signature_over_another_document_does_not_count():
    manifest, other = sample_manifest(2), sample_manifest(3)
    envelopes = [*signed_by_all(manifest)[:2], sign_document(other, KEYS["mediator"])]
    verdict = verify(manifest, envelopes)
    assert not verdict.intact
    assert "different document" in verdict.checks[2].problem


def test_without_a_key_list_signatures_check_but_signers_are_not_established():
    manifest = sample_manifest()
    verdict = verify(manifest, signed_by_all(manifest), keys=None)
    assert verdict.signatures_valid
    assert not verdict.intact


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_changed_byte_of_a_signed_manifest_fails_verification(data):
    # given a manifest signed by everyone, as its canonical bytes
    manifest = sample_manifest()
    envelopes = signed_by_all(manifest)
    raw = bytearray(canonical_json(manifest))
    # when one byte is changed
    position = data.draw(st.integers(min_value=0, max_value=len(raw) - 1))
    new_byte = data.draw(
        st.integers(min_value=0, max_value=255).filter(lambda b: b != raw[position])
    )
    raw[position] = new_byte
    # then it no longer reads, or it reads as a document that fails verification
    try:
        changed = json.loads(bytes(raw).decode("utf-8"))
        verdict = verify(changed, envelopes)
    except (ValueError, UnicodeDecodeError):
        return
    assert not verdict.intact


@settings(max_examples=40)
@given(st.integers(min_value=0, max_value=63), st.integers(min_value=1, max_value=255))
def test_any_flipped_bit_of_a_signature_fails_verification(position, mask):
    manifest = sample_manifest()
    envelopes = signed_by_all(manifest)
    raw = bytearray(base64.b64decode(envelopes[0].signature))
    raw[position] ^= mask
    envelopes[0] = SignatureEnvelope.from_json(
        {**envelopes[0].to_json(), "signature": base64.b64encode(raw).decode()}
    )
    assert not verify(manifest, envelopes).intact


def test_envelopes_and_key_lists_round_trip_through_json():
    manifest = sample_manifest()
    envelope = signed_by_all(manifest)[0]
    assert (
        SignatureEnvelope.from_json(json.loads(json.dumps(envelope.to_json())))
        == envelope
    )
    assert KeyRing.from_json(json.loads(json.dumps(RING.to_json()))) == RING


def test_a_key_list_whose_key_id_lies_is_refused():
    document = RING.to_json()
    document["keys"][0]["key_id"] = "0" * 64
    with pytest.raises(KeyFormatError, match="key 1"):
        KeyRing.from_json(document)


def test_an_envelope_of_the_wrong_type_is_refused():
    with pytest.raises(EnvelopeFormatError):
        SignatureEnvelope.from_json({"type": "something-else"})


def test_private_keys_round_trip_through_pem_and_other_files_are_refused():
    key = generate_private_key()
    again = load_private_key(private_key_to_pem(key))
    assert key_id(again.public_key()) == key_id(key.public_key())
    with pytest.raises(KeyFormatError):
        load_private_key(
            b"-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n"
        )

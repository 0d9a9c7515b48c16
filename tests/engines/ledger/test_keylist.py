"""Key lists: signed by the mediator, checked against the fingerprints registered in person."""

import datetime as dt
import re

import pytest

from homecoming.engines.ledger import (
    KeyListError,
    KeyRing,
    TrustAnchor,
    generate_private_key,
    key_fingerprint,
    key_id,
    parse_anchors,
    read_key_list,
    sign_key_list,
)

from .ledgers import MEDIATOR_KEY, PARTY_KEY, trusted

MOMENT = dt.datetime(2026, 11, 25, 13, 0, tzinfo=dt.UTC)
OTHER_PARTY_KEY = generate_private_key()
RING = KeyRing.of(
    [
        trusted(MEDIATOR_KEY, "icrc"),
        trusted(PARTY_KEY, "ua"),
        trusted(OTHER_PARTY_KEY, "ru"),
    ]
)


def anchor(private_key, owner):
    return TrustAnchor(owner, key_fingerprint(private_key.public_key()))


def signed_list(ring=RING, private_key=MEDIATOR_KEY):
    return sign_key_list(ring, private_key, issuer="icrc", moment=MOMENT)


def test_a_fingerprint_is_forty_digits_in_groups_of_five_from_the_key_id():
    fingerprint = key_fingerprint(MEDIATOR_KEY.public_key())
    assert re.fullmatch(r"(\d{5} ){7}\d{5}", fingerprint)
    assert key_fingerprint(key_id(MEDIATOR_KEY.public_key())) == fingerprint
    assert key_fingerprint(PARTY_KEY.public_key()) != fingerprint


def test_a_list_signed_by_the_mediator_key_registered_in_person_is_trusted():
    anchors = [anchor(MEDIATOR_KEY, "icrc"), anchor(PARTY_KEY, "ua")]
    key_list = read_key_list(signed_list(), anchors=anchors)
    assert key_list.issuer == "icrc" and not key_list.unsigned
    assert set(key_list.keys.keys) == set(RING.keys)
    assert set(key_list.anchored) == {
        key_id(MEDIATOR_KEY.public_key()),
        key_id(PARTY_KEY.public_key()),
    }


def test_an_unsigned_list_is_refused_unless_explicitly_accepted():
    with pytest.raises(KeyListError, match="not signed"):
        read_key_list(RING.to_json())
    with pytest.raises(KeyListError, match="not signed"):
        read_key_list(RING.to_json(), anchors=[anchor(MEDIATOR_KEY, "icrc")])
    accepted = read_key_list(RING.to_json(), allow_unsigned=True)
    assert accepted.unsigned and set(accepted.keys.keys) == set(RING.keys)


def test_a_signed_list_checked_against_nothing_asks_for_the_fingerprints():
    with pytest.raises(KeyListError, match="fingerprints you registered in person"):
        read_key_list(signed_list())


def test_a_list_signed_by_a_key_nobody_registered_in_person_is_refused():
    # whoever hands the party its list re-signs it with a key of its own
    forged = signed_list(private_key=generate_private_key())
    with pytest.raises(KeyListError, match="not signed by a key whose fingerprint"):
        read_key_list(forged, anchors=[anchor(MEDIATOR_KEY, "icrc")])


def test_a_changed_list_no_longer_matches_its_signature():
    value = signed_list()
    value["document"]["keys"][0]["owner"] = "observer"
    with pytest.raises(KeyListError):
        read_key_list(value, anchors=[anchor(MEDIATOR_KEY, "icrc")])


def test_a_key_given_to_a_party_it_did_not_register_in_person_is_refused():
    # the mediator's server lists a second ua key that ua never registered in person
    intruder = generate_private_key()
    ring = KeyRing.of([*RING.keys.values(), trusted(intruder, "ua")])
    anchors = [anchor(MEDIATOR_KEY, "icrc"), anchor(PARTY_KEY, "ua")]
    with pytest.raises(KeyListError, match="not among the fingerprints you registered"):
        read_key_list(signed_list(ring), anchors=anchors)
    # a revoked key trusts nothing, so it need not have been registered in person
    revoked = KeyRing.of([*RING.keys.values(), trusted(intruder, "ua", "revoked")])
    read_key_list(signed_list(revoked), anchors=anchors)


def test_a_key_registered_in_person_for_one_party_listed_for_another_is_refused():
    ring = KeyRing.of([trusted(MEDIATOR_KEY, "icrc"), trusted(PARTY_KEY, "ru")])
    anchors = [anchor(MEDIATOR_KEY, "icrc"), anchor(PARTY_KEY, "ua")]
    with pytest.raises(
        KeyListError, match="registered in person for ua, but the list gives it to ru"
    ):
        read_key_list(signed_list(ring), anchors=anchors)


def test_a_list_naming_one_key_twice_is_refused():
    value = signed_list()
    value["document"]["keys"].append(
        dict(value["document"]["keys"][0], status="revoked")
    )
    with pytest.raises(KeyListError, match=r"key 4: .* is already key 1"):
        read_key_list(value, anchors=[anchor(MEDIATOR_KEY, "icrc")])
    with pytest.raises(KeyListError, match="already key 1"):
        read_key_list(
            {**RING.to_json(), "keys": RING.to_json()["keys"] * 2}, allow_unsigned=True
        )


def test_fingerprints_are_read_as_written_on_paper():
    fingerprint = key_fingerprint(MEDIATOR_KEY.public_key())
    text = (
        "# written down on 25 November 2026\n"
        f"icrc  {fingerprint.replace(' ', '-')}\n\n"
        f"ua {key_id(PARTY_KEY.public_key())}  # the key id works too\n"
    )
    assert parse_anchors(text) == (
        TrustAnchor("icrc", fingerprint),
        TrustAnchor("ua", key_fingerprint(PARTY_KEY.public_key())),
    )
    for bad, reason in (
        ("ICRC 123", "not an organisation code"),
        ("icrc 123", "40 digits"),
        ("", "no fingerprints"),
    ):
        with pytest.raises(KeyListError, match=reason):
            parse_anchors(bad)

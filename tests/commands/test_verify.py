"""``homecoming verify``: offline, says whether a document is intact and who signed."""

import datetime as dt
import json

import pytest

from homecoming.cli import main
from homecoming.engines.ledger import (
    KeyRing,
    TrustedKey,
    key_fingerprint,
    load_private_key,
    public_key_text,
    sign_key_list,
)
from homecoming.engines.ledger import key_id as key_id_of
from tests.engines.ledger.samples import sample_manifest


def _trusted(path, owner):
    public = load_private_key(path.read_bytes()).public_key()
    return TrustedKey(key_id_of(public), owner, public_key_text(public))


@pytest.fixture
def signed(tmp_path):
    """A manifest, each signatory's signature, the mediator-signed key list, and the
    fingerprints the parties registered in person."""
    document = tmp_path / "manifest.json"
    document.write_text(json.dumps(sample_manifest(), ensure_ascii=False))
    signatures, trusted = [], []
    for owner in ("ua", "ru", "mediator"):
        key = tmp_path / f"{owner}.pem"
        main(["keygen", "-o", str(key)])
        signature = tmp_path / f"{owner}.sig.json"
        main(
            [
                "sign",
                str(document),
                "--key",
                str(key),
                "-o",
                str(signature),
                "--signer",
                owner,
            ]
        )
        trusted.append(_trusted(key, owner))
        signatures.append(signature)
    ring = KeyRing.of(trusted)
    mediator_key = load_private_key((tmp_path / "mediator.pem").read_bytes())
    keys = tmp_path / "keys.json"
    keys.write_text(
        json.dumps(
            sign_key_list(
                ring, mediator_key, issuer="mediator", moment=dt.datetime.now(dt.UTC)
            )
        )
    )
    fingerprints = tmp_path / "trusted.txt"
    fingerprints.write_text(
        "# registered in person\n"
        + "".join(f"{k.owner} {key_fingerprint(k.key_id)}\n" for k in trusted)
    )
    (tmp_path / "unsigned-keys.json").write_text(json.dumps(ring.to_json()))
    return document, signatures, keys, fingerprints


def _verify(document, signatures, keys=None, *extra):
    argv = ["verify", str(document), *map(str, signatures)]
    return main([*argv, "--keys", str(keys), *extra] if keys else [*argv, *extra])


def test_an_intact_manifest_names_its_signers_and_exits_zero(signed, capsys):
    document, signatures, keys, fingerprints = signed
    capsys.readouterr()
    assert _verify(document, signatures, keys, "--trust", str(fingerprints)) == 0
    out = capsys.readouterr().out
    assert "INTACT: signed by ua, ru, mediator" in out
    assert (
        "key list: signed by mediator" in out
        and "3 of 3 keys registered in person" in out
    )


def test_a_changed_byte_is_not_intact(signed, capsys):
    document, signatures, keys, fingerprints = signed
    document.write_text(document.read_text().replace("UA-1", "UA-7"))
    assert _verify(document, signatures, keys, "--trust", str(fingerprints)) == 1
    assert "NOT INTACT" in capsys.readouterr().out


def test_a_missing_signature_is_not_intact(signed, capsys):
    document, signatures, keys, fingerprints = signed
    capsys.readouterr()
    assert _verify(document, signatures[:2], keys, "--trust", str(fingerprints)) == 1
    assert "missing signatures of: mediator" in capsys.readouterr().out


def test_require_adds_to_the_documents_signatories_and_never_replaces_them(
    signed, capsys
):
    document, signatures, keys, fingerprints = signed
    trust = ("--trust", str(fingerprints))
    capsys.readouterr()
    # requiring one signatory does not waive the others the manifest names
    assert _verify(document, signatures[:2], keys, *trust, "--require", "ua") == 1
    assert "missing signatures of: mediator" in capsys.readouterr().out
    # and an extra requirement is added
    assert _verify(document, signatures, keys, *trust, "--require", "observer") == 1
    assert "missing signatures of: observer" in capsys.readouterr().out


def test_a_foreign_signature_is_not_intact(signed, tmp_path, capsys):
    document, signatures, keys, fingerprints = signed
    stranger = tmp_path / "stranger.pem"
    main(["keygen", "-o", str(stranger)])
    forged = tmp_path / "forged.sig.json"
    main(
        [
            "sign",
            str(document),
            "--key",
            str(stranger),
            "-o",
            str(forged),
            "--signer",
            "mediator",
        ]
    )
    capsys.readouterr()
    assert (
        _verify(document, [*signatures[:2], forged], keys, "--trust", str(fingerprints))
        == 1
    )
    assert "foreign" in capsys.readouterr().out


def test_an_unsigned_key_list_is_refused_unless_taken_explicitly(signed, capsys):
    document, signatures, _keys, fingerprints = signed
    unsigned = fingerprints.with_name("unsigned-keys.json")
    capsys.readouterr()
    assert _verify(document, signatures, unsigned) == 2
    assert "the key list is not signed" in capsys.readouterr().err
    assert _verify(document, signatures, unsigned, "--trust", str(fingerprints)) == 2
    assert _verify(document, signatures, unsigned, "--unsigned-keys") == 0
    assert "taken as given" in capsys.readouterr().out


def test_a_key_list_signed_by_a_key_not_registered_in_person_is_refused(
    signed, tmp_path, capsys
):
    document, signatures, keys, _fingerprints = signed
    other = tmp_path / "other.txt"
    main(["keygen", "-o", str(tmp_path / "other.pem")])
    other.write_text(
        f"mediator {_trusted(tmp_path / 'other.pem', 'mediator').key_id}\n"
    )
    capsys.readouterr()
    assert _verify(document, signatures, keys, "--trust", str(other)) == 2
    assert (
        "not signed by a key whose fingerprint you registered"
        in capsys.readouterr().err
    )


def test_a_key_list_naming_a_key_twice_is_bad_input(signed, capsys):
    document, signatures, keys, _fingerprints = signed
    unsigned = keys.with_name("unsigned-keys.json")
    value = json.loads(unsigned.read_text())
    value["keys"].append({**value["keys"][0], "owner": "ru"})
    unsigned.write_text(json.dumps(value))
    capsys.readouterr()
    assert _verify(document, signatures, unsigned, "--unsigned-keys") == 2
    assert "is already key 1" in capsys.readouterr().err


def test_without_a_key_list_signers_are_not_established(signed, capsys):
    document, signatures, _keys, _fingerprints = signed
    assert _verify(document, signatures) == 3


def test_a_signature_file_that_is_not_an_envelope_is_bad_input(
    signed, tmp_path, capsys
):
    document, _signatures, keys, fingerprints = signed
    junk = tmp_path / "junk.json"
    junk.write_text("{}")
    assert _verify(document, [junk], keys, "--trust", str(fingerprints)) == 2
    assert "junk.json" in capsys.readouterr().err


def test_a_document_with_a_duplicate_member_is_bad_input_not_intact(signed, capsys):
    document, signatures, keys, fingerprints = signed
    text = document.read_text()
    document.write_text(text[:-1] + ', "persons": []}')
    capsys.readouterr()
    assert _verify(document, signatures, keys, "--trust", str(fingerprints)) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and 'duplicate member "persons"' in err[0]

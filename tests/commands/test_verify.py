"""``homecoming verify``: offline, says whether a document is intact and who signed."""

import json

import pytest

from homecoming.cli import main
from homecoming.engines.ledger import (
    KeyRing,
    TrustedKey,
    load_private_key,
    public_key_text,
)
from homecoming.engines.ledger import key_id as key_id_of
from tests.engines.ledger.samples import sample_manifest


@pytest.fixture
def signed(tmp_path):
    """A manifest, each signatory's signature file, and the key list."""
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
        public = load_private_key(key.read_bytes()).public_key()
        trusted.append(TrustedKey(key_id_of(public), owner, public_key_text(public)))
        signatures.append(signature)
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps(KeyRing.of(trusted).to_json()))
    return document, signatures, keys


def _verify(document, signatures, keys=None):
    argv = ["verify", str(document), *map(str, signatures)]
    return main([*argv, "--keys", str(keys)] if keys else argv)


def test_an_intact_manifest_names_its_signers_and_exits_zero(signed, capsys):
    document, signatures, keys = signed
    capsys.readouterr()
    assert _verify(document, signatures, keys) == 0
    assert "INTACT: signed by ua, ru, mediator" in capsys.readouterr().out


def test_a_changed_byte_is_not_intact(signed, capsys):
    document, signatures, keys = signed
    document.write_text(document.read_text().replace("UA-1", "UA-7"))
    assert _verify(document, signatures, keys) == 1
    assert "NOT INTACT" in capsys.readouterr().out


def test_a_missing_signature_is_not_intact(signed, capsys):
    document, signatures, keys = signed
    capsys.readouterr()
    assert _verify(document, signatures[:2], keys) == 1
    assert "missing signatures of: mediator" in capsys.readouterr().out


def test_a_foreign_signature_is_not_intact(signed, tmp_path, capsys):
    document, signatures, keys = signed
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
    assert _verify(document, [*signatures[:2], forged], keys) == 1
    assert "foreign" in capsys.readouterr().out


def test_without_a_key_list_signers_are_not_established(signed, capsys):
    document, signatures, _keys = signed
    assert _verify(document, signatures) == 3


def test_a_signature_file_that_is_not_an_envelope_is_bad_input(
    signed, tmp_path, capsys
):
    document, _signatures, keys = signed
    junk = tmp_path / "junk.json"
    junk.write_text("{}")
    assert _verify(document, [junk], keys) == 2
    assert "junk.json" in capsys.readouterr().err

"""``homecoming keygen``: a private key only its owner can read, never overwritten."""

import os
import stat

from homecoming.cli import main
from homecoming.engines.ledger import key_id, load_private_key


def test_keygen_writes_a_private_key_readable_by_its_owner_only(tmp_path, capsys):
    path = tmp_path / "ua.pem"
    assert main(["keygen", "-o", str(path)]) == 0
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    printed = capsys.readouterr().out
    identifier = key_id(load_private_key(path.read_bytes()).public_key())
    assert identifier in printed


def test_keygen_never_overwrites_an_existing_key(tmp_path, capsys):
    path = tmp_path / "ua.pem"
    path.write_text("precious")
    assert main(["keygen", "-o", str(path)]) == 2
    assert path.read_text() == "precious"
    assert "already exists" in capsys.readouterr().err


def test_keygen_prints_the_fingerprint_to_read_aloud_and_the_vkeys(tmp_path, capsys):
    import re

    from homecoming.engines.ledger import VerifierKey, key_fingerprint

    path = tmp_path / "icrc.pem"
    assert main(["keygen", "-o", str(path), "--name", "homecoming.example/ledger"]) == 0
    printed = capsys.readouterr().out
    public = load_private_key(path.read_bytes()).public_key()
    assert f"fingerprint: {key_fingerprint(public)}" in printed
    vkeys = re.findall(r"vkey:\s+(\S+)", printed)
    assert len(vkeys) == 2
    for text in vkeys:
        assert VerifierKey.parse(text).public_key == public


def test_keygen_refuses_a_key_name_with_spaces_before_writing_a_key(tmp_path, capsys):
    path = tmp_path / "ua.pem"
    assert main(["keygen", "-o", str(path), "--name", "ua witness"]) == 2
    assert not path.exists()
    assert "not a key name" in capsys.readouterr().err

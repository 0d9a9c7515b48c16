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

"""``homecoming sign``: signs the canonical JSON; refuses malformed manifests and keys."""

import json

from homecoming.cli import main
from homecoming.engines.ledger import SignatureEnvelope, document_sha256
from tests.engines.ledger.samples import sample_manifest


def _files(tmp_path, manifest=None):
    key = tmp_path / "ua.pem"
    main(["keygen", "-o", str(key)])
    document = tmp_path / "manifest.json"
    document.write_text(json.dumps(manifest or sample_manifest(), ensure_ascii=False))
    return key, document


def test_sign_writes_an_envelope_over_the_documents_canonical_json(tmp_path, capsys):
    key, document = _files(tmp_path)
    output = tmp_path / "ua.sig.json"
    assert (
        main(
            [
                "sign",
                str(document),
                "--key",
                str(key),
                "-o",
                str(output),
                "--signer",
                "ua",
            ]
        )
        == 0
    )
    envelope = SignatureEnvelope.from_json(json.loads(output.read_text()))
    assert envelope.document_sha256 == document_sha256(sample_manifest())
    assert envelope.signer == "ua"


def test_sign_refuses_a_manifest_that_breaks_the_schema(tmp_path, capsys):
    manifest = sample_manifest()
    manifest["persons"][0]["gates"] = ["identity_verified"]
    key, document = _files(tmp_path, manifest)
    assert main(["sign", str(document), "--key", str(key)]) == 2
    assert "persons/0/gates" in capsys.readouterr().err


def test_sign_names_the_file_and_line_of_broken_json(tmp_path, capsys):
    key, document = _files(tmp_path)
    document.write_text('{\n  "type": "x",\n  oops\n}')
    assert main(["sign", str(document), "--key", str(key)]) == 2
    err = capsys.readouterr().err
    assert "manifest.json" in err and "line 3" in err


def test_sign_refuses_a_file_that_is_not_a_key(tmp_path, capsys):
    _key, document = _files(tmp_path)
    bogus = tmp_path / "bogus.pem"
    bogus.write_text("hello")
    assert main(["sign", str(document), "--key", str(bogus)]) == 2
    assert "bogus.pem" in capsys.readouterr().err


def test_a_signature_file_that_cannot_be_written_is_a_one_line_error(tmp_path, capsys):
    # given a key, a manifest, and an output in a folder that does not exist
    key, document = _files(tmp_path)
    output = tmp_path / "no-such-folder" / "ua.sig.json"
    capsys.readouterr()
    # when
    status = main(["sign", str(document), "--key", str(key), "-o", str(output)])
    # then it exits 2 naming the file, with no trace
    assert status == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(output) in err[0]


import pytest  # noqa: E402

AMBIGUOUS = {
    "duplicate member": (
        b'{"type": "homecoming-manifest/1", "persons": [], "persons": [1]}',
        'duplicate member "persons"',
    ),
    "5,000-digit number": (
        b'{"type": "x", "n": ' + b"7" * 5000 + b"}",
        "too many digits",
    ),
    "NaN": (b'{"type": "x", "n": NaN}', "NaN is not a JSON number"),
    "deep nesting": (
        b'{"type": "x", "n": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        "nest deeper",
    ),
    "invalid UTF-8": (b'{"type": "\xc3\x28"}', "not UTF-8"),
    "unpaired surrogate": (b'{"type": "x", "n": "\\udc00"}', "unpaired surrogate"),
}


@pytest.mark.parametrize("case", sorted(AMBIGUOUS))
def test_sign_refuses_ambiguous_json_with_one_line_and_writes_nothing(
    case, tmp_path, capsys
):
    # given a document two readers could see differently, or not at all
    key, document = _files(tmp_path)
    text, reason = AMBIGUOUS[case]
    document.write_bytes(text)
    capsys.readouterr()
    # when it is signed
    status = main(["sign", str(document), "--key", str(key)])
    # then exit 2 with one line naming the file and the reason, and no signature file
    err = capsys.readouterr().err.strip().splitlines()
    assert status == 2
    assert len(err) == 1 and "manifest.json" in err[0] and reason in err[0]
    assert not list(tmp_path.glob("*.sig.json"))

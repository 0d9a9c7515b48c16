"""The manifest document: its schema and the fingerprint a printed copy carries."""

import copy

import pytest

from homecoming.engines.ledger import (
    ManifestFormatError,
    document_sha256,
    format_fingerprint,
    manifest_fingerprint,
    manifest_schema,
    validate_manifest,
)

from .samples import sample_manifest


def test_a_complete_manifest_fits_the_schema():
    validate_manifest(sample_manifest())
    assert manifest_schema()["properties"]["type"]["const"] == "homecoming-manifest/1"


def test_a_person_without_consent_cannot_be_manifested():
    manifest = sample_manifest()
    manifest["persons"][1]["gates"] = ["identity_verified", "medically_fit"]
    with pytest.raises(ManifestFormatError, match="persons/1/gates"):
        validate_manifest(manifest)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("stage", "date"), "01.12.2026"),
        (("side", "releasing_party"), "RU!"),
        (("persons", 0, "record_ids"), {}),
        (("persons", 0, "names_as_written", "surname"), ""),
        (("signatories",), []),
    ],
)
def test_a_malformed_field_is_named_in_the_error(path, value):
    manifest = sample_manifest()
    target = manifest
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    with pytest.raises(ManifestFormatError, match="/".join(map(str, path[:2]))):
        validate_manifest(manifest)


def test_the_fingerprint_ignores_key_order_and_sees_any_change():
    manifest = sample_manifest()
    reordered = dict(reversed(list(copy.deepcopy(manifest).items())))
    assert manifest_fingerprint(reordered) == manifest_fingerprint(manifest)
    manifest["persons"][0]["names_as_written"]["given_name"] = "Олексїй"
    assert manifest_fingerprint(manifest) != manifest_fingerprint(reordered)


def test_fingerprint_is_printed_in_groups_of_four():
    digest = document_sha256(sample_manifest())
    printed = format_fingerprint(digest)
    assert printed.replace(" ", "") == digest
    assert len(printed.split(" ")) == 16

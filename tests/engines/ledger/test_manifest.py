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


# The per-person check is plain Python for speed; it must agree with the schema.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from jsonschema import Draft202012Validator  # noqa: E402

from homecoming.engines.ledger.manifest_persons import person_problem  # noqa: E402

_codes = st.sampled_from(["ua", "ru", "icrc", "UA", "", "u a", "a" * 33, "x-1", "ua\n"])
_texts = st.sampled_from(
    [
        "",
        "ТКАЧЕНКО",
        "Tkachenko",
        "1990",
        "1990-05-17",
        "17.05.1990",
        "1990\n",
        "1990-5",
    ]
)
_any = (
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | _texts
    | st.lists(_texts, max_size=2)
)
_names = st.dictionaries(
    st.sampled_from(
        ["surname", "given_name", "patronymic", "script", "scheme", "other"]
    ),
    _texts | _any,
    max_size=5,
)
_gates = st.lists(
    st.sampled_from(
        ["identity_verified", "consent_given", "medically_fit", "art110_category", "x"]
    )
    | _any,
    max_size=5,
)
_person = st.dictionaries(
    st.sampled_from(
        [
            "record_ids",
            "names_as_written",
            "names_transliterated",
            "birth_date",
            "category",
            "gates",
            "extra",
        ]
    ),
    st.one_of(
        st.dictionaries(_codes, _texts | _any, max_size=3),
        _names,
        _gates,
        _texts,
        _any,
        st.sampled_from(["military", "civilian"]),
    ),
    max_size=7,
)


def _complete(person):
    """Half the generated persons get the required members, so both verdicts occur."""
    base = sample_manifest(1)["persons"][0]
    return {**base, **person}


@settings(max_examples=1500, deadline=None)
@given(_person, st.booleans())
def test_the_plain_person_check_agrees_with_the_schema(person, complete):
    if complete:
        person = _complete(person)
    schema = manifest_schema()
    validator = Draft202012Validator(
        {"$defs": schema["$defs"], "$ref": "#/$defs/person"}
    )
    assert (person_problem(person) is None) == validator.is_valid(person), person


def test_a_hundred_thousand_persons_are_checked_and_the_first_fault_named():
    manifest = sample_manifest(100_000)
    validate_manifest(manifest)
    manifest["persons"][99_998]["birth_date"] = "17.05.1990"
    with pytest.raises(ManifestFormatError, match="persons/99998/birth_date"):
        validate_manifest(manifest)

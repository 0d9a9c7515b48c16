"""Strict JSON on input: what two readers could see differently is refused before hashing."""

import json
import re

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from homecoming.engines.ledger import (
    CanonicalJSONError,
    JSONInputError,
    canonical_json,
    parse_json,
    read_document,
)
from homecoming.engines.ledger.strict_json import MAX_DEPTH

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=5)
        | st.dictionaries(st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=25,
)


@settings(max_examples=300)
@given(json_values)
def test_any_json_text_reads_back_to_its_value_and_its_rfc8785_bytes(value):
    # surrogates cannot be written as UTF-8: such values are refused, tested below
    try:
        text = json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")
    except UnicodeEncodeError:
        return
    document = read_document(text)
    assert document.value == value
    assert document.canonical == rfc8785.dumps(value)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (b'{"persons": [1], "persons": [2]}', 'duplicate member "persons"'),
        (b'{"a": {"b": 1, "b": 1}}', 'duplicate member "b"'),
        (b'{"n": ' + b"9" * 5000 + b"}", "has too many digits"),
        (b'{"n": 9007199254740993}', "beyond +/-(2**53 - 1)"),
        (b'{"n": 1e400}', "too large for a JSON number"),
        (b'{"n": 1.00000000000000000001}', "it would be read as 1.0"),
        (b'{"n": NaN}', "NaN is not a JSON number"),
        (b'{"n": -Infinity}', "-Infinity is not a JSON number"),
        (
            b'{"n": "\xd0\x9a\xff"}',
            "line 1, column 9: not UTF-8 (byte 0xff at offset 9)",
        ),
        (b'{"n": "\\ud800"}', "unpaired surrogate"),
        (b"[" * (MAX_DEPTH + 1) + b"]" * (MAX_DEPTH + 1), f"deeper than {MAX_DEPTH}"),
        (b"[" * 100_000 + b"]" * 100_000, f"deeper than {MAX_DEPTH}"),
        (b'{"a": 1,}', "line 1, column 9: not JSON"),
    ],
)
def test_ambiguous_or_unreadable_json_is_refused_with_its_reason(text, reason):
    with pytest.raises(CanonicalJSONError, match=re.escape(reason)):
        read_document(text)


def test_nesting_up_to_the_limit_is_read():
    text = b"[" * MAX_DEPTH + b"]" * MAX_DEPTH
    assert read_document(text).canonical == text


def test_a_leading_byte_order_mark_is_not_part_of_the_value():
    assert parse_json(b'\xef\xbb\xbf{"a": "\xd0\x90"}') == {"a": "А"}


def test_a_number_is_placed_only_when_its_text_is_unambiguous():
    with pytest.raises(JSONInputError, match=r"^line 2, column 7: the number 1e999"):
        parse_json(b'{"a": 1,\n "b": 1e999}')


def test_a_text_over_the_size_limit_is_refused_before_parsing():
    with pytest.raises(
        JSONInputError, match="19 bytes is more than the 10 a document may have"
    ):
        parse_json(b'{"a": "0123456789"}', max_bytes=10)


def test_values_built_in_python_obey_the_same_limits():
    deep: list = []
    for _ in range(MAX_DEPTH + 5):
        deep = [deep]
    for value, reason in (
        ({"x": 2**60}, "beyond"),
        ({1: "a"}, "not text"),
        (deep, "deeper"),
        ({"x": "\ud800"}, "surrogate"),
    ):
        with pytest.raises(CanonicalJSONError, match=reason):
            canonical_json(value)
